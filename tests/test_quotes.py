import pytest

from vigil.actors import link
from vigil.cleaning import clean
from vigil.places import resolve
from vigil.quotes import extract_quotes
from vigil.records import RawDocument


def quotes_of(nlp, text):
    doc = nlp(text)
    return extract_quotes(doc, link(doc, resolve(doc)))


@pytest.fixture(scope="module")
def reuters_quotes(nlp, reuters_text):
    return quotes_of(nlp, reuters_text)


@pytest.fixture(scope="module")
def baghdad_quotes(nlp, baghdad_text):
    return quotes_of(nlp, clean(RawDocument("b", baghdad_text)).text)


def test_quotes_pronoun_resolves_to_richards(reuters_quotes):
    watching = next(q for q in reuters_quotes if "watching very carefully where they go" in q.text)
    assert watching.speaker == "Marie Richards" and watching.cue == "added"
    assert not [q for q in reuters_quotes if q.speaker in ("she", "he", "She", "He")]


def test_quotes_role_and_org_from_apposition(reuters_quotes):
    first = reuters_quotes[0]
    assert first.speaker == "Marie Richards"
    assert first.speaker_role.startswith("deputy counterterrorism coordinator")
    assert first.speaker_org == "U.S. Department of State"


def test_quotes_indirect_said_that(reuters_quotes):
    indirect = next(q for q in reuters_quotes if q.kind == "indirect" and "disperse" in q.text)
    assert indirect.speaker == "Marie Richards" and indirect.text.startswith("that there will inevitably")


def test_quotes_unattributed_paragraph_continues_previous_speaker(reuters_quotes):
    daesh = next(q for q in reuters_quotes if "the threat from Daesh" in q.text)
    assert daesh.speaker == "Marie Richards"


def test_quotes_seed_speakers_have_full_names_and_roles(baghdad_quotes):
    speakers = {q.speaker for q in baghdad_quotes if q.kind == "direct"}
    assert {"Nathan Sales", "Donald Trump"} <= speakers
    trump = next(q for q in baghdad_quotes if q.speaker == "Donald Trump" and q.kind == "direct")
    assert trump.speaker_role == "President" and "release them to Europe" in trump.text
    jeffrey = next(q for q in baghdad_quotes if q.speaker == "James Jeffrey")
    assert jeffrey.speaker_org == "U.S. Department of State"
    sales = next(q for q in baghdad_quotes if q.speaker == "Nathan Sales")
    assert sales.speaker_role == "counterterrorism coordinator"


def test_quotes_split_quote_joins_speaker(nlp):
    quotes = quotes_of(nlp, "“We will not leave,” the minister, Ali Hassan, said. “The city is ours.”")
    assert [q.speaker for q in quotes] == ["Ali Hassan", "Ali Hassan"]


def test_quotes_multi_paragraph_quote(nlp):
    text = ("Ali Hassan, the governor, spoke on Monday. “We have lost many men this year,” Hassan said.\n"
            "“Our forces will hold the bridge until help comes from the capital.\n"
            "“Nobody will take this city from us.”")
    quotes = quotes_of(nlp, text)
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Ali Hassan"] * 3


def test_quotes_surname_resolves_to_full_name(nlp):
    quotes = quotes_of(nlp, "Marie Richards visited Algiers. Richards said that the group would disperse.")
    assert quotes[0].speaker == "Marie Richards"


def test_quotes_unresolvable_speaker_is_none(nlp):
    quotes = quotes_of(nlp, "“The roads are closed to everyone now,” she said.")
    assert quotes and quotes[0].speaker is None
