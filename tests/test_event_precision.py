"""Precision rules (vigil/events/precision.py): a row is a real event of its type, with the right status.

Sentences come from the project's own sample articles (tests/fixtures, examples/corpus: public-domain U.S.
government and UN texts)."""

from vigil.actors import link
from vigil.cleaning import clean
from vigil.dates import find_dates
from vigil.events import extract_events
from vigil.events.precision import false_senses, state_nouns
from vigil.places import event_place, resolve
from vigil.records import RawDocument


def events_of(nlp, text, published="2019-08-02"):
    doc = nlp(text)
    places = resolve(doc)
    return extract_events(doc, link(doc, places), places, find_dates(text, published), published, locate=event_place)


def rows(nlp, text):
    """(trigger text, PLOVER type, status) of every event."""
    return [(text[e.start:e.end], e.event_type, e.status) for e in events_of(nlp, text)]


def test_precision_baghdad_post_keeps_the_real_events_and_drops_danger_nouns_trends_and_background(nlp, baghdad_text):
    text = clean(RawDocument("b", baghdad_text)).text
    found = {(text[e.start:e.end], e.event_type): e for e in events_of(nlp, text)}
    assert ("threat", "THREATEN") not in found  # "ISIS remains a global threat", "poses global threat"
    assert ("declining", "REJECT") not in found  # "ISIS is also declining in Iraq"
    assert ("fighting", "ASSAULT") not in found  # "the international coalition fighting ISIS"
    assert ("provide", "AID") not in found  # "to provide an update on the fight"
    assert ("committed", "AGREE") not in found  # "the crimes they've committed"
    assert ("backed", "SUPPORT") not in found  # "The US-backed Syrian Democratic Forces"
    assert found[("ousted", "ASSAULT")].status == "happened"
    assert found[("detained", "COERCE")].status == "happened"
    assert found[("prosecute", "ACCUSE")].status == "hypothetical"  # "we need to prosecute ISIS leaders"


def test_precision_content_of_an_urging_or_a_demand_is_not_a_fact(nlp):
    text = ("They urged all States to cooperate actively with the Government of Somalia. "
            "The Council members demanded the immediate release of the MV Galaxy Leader and its crew.")
    found = {(t, typ): status for t, typ, status in rows(nlp, text)}
    assert found[("urged", "REQUEST")] == "happened"
    assert found[("cooperate", "COOPERATE")] == "hypothetical"
    assert found[("release", "CONCEDE")] == "hypothetical"


def test_precision_attacks_a_demand_wants_stopped_did_happen(nlp):
    text = ("The Council members demanded that all Houthi attacks against commercial and merchant vessels traversing "
            "the Red Sea cease immediately.")
    found = {(t, typ): status for t, typ, status in rows(nlp, text)}
    assert found[("attacks", "ASSAULT")] == "happened"


def test_precision_a_sibling_of_a_request_is_no_content_of_it(nlp):
    text = ("The GNA requested U.S. air support into the fight against ISIS and cooperated consistently with "
            "international counterterrorism efforts.")
    found = {(t, typ): status for t, typ, status in rows(nlp, text)}
    assert found[("cooperated", "COOPERATE")] == "happened"


def test_precision_prevented_and_no_one_killed_are_negated(nlp):
    text = ("The Nigerian Army largely succeeded in preventing terrorists from overrunning forward operating bases. "
            "Currently, we assess no civilians were injured or killed as a result of this airstrike.")
    found = {(t, typ): status for t, typ, status in rows(nlp, text)}
    assert found[("overrunning", "ASSAULT")] == "negated"
    assert found[("killed", "ASSAULT")] == "negated"


def test_precision_ability_and_capability_are_no_events(nlp):
    text = ("Although ISIS maintained the capability to conduct deadly terrorist attacks in Iraq, these attacks "
            "resulted in fewer casualties in 2019 than in previous years.")
    attacks = [e for e in events_of(nlp, text) if e.event_type == "ASSAULT"]
    assert [text[e.start:e.end] for e in attacks] == ["attacks"]
    assert attacks[0].start == text.index("these attacks") + len("these ")


def test_precision_generic_present_is_dropped_but_a_headline_is_kept(nlp):
    assert not [r for r in rows(nlp, "The ADF recruits fighters from around the region as well.") if r[1] == "MOBILIZE"]
    assert ("kill", "ASSAULT", "happened") in rows(nlp, "U.S. airstrikes kill 10 al-Shabaab members in Somalia")


def test_precision_characterising_statements_are_no_events(nlp):
    text = ("President Felix Tshisekedi has publicly described the ADF, known for its asymmetric-style attacks, "
            "as terrorists.")
    assert not [r for r in rows(nlp, text) if r[1] == "ASSAULT"]


def test_precision_threat_against_a_target_is_kept_a_danger_noun_is_not(nlp):
    kept = ("In November 2018, the U.S. government worked closely with the Government of the DRC to address "
            "terrorist threats against U.S. government facilities in Kinshasa.")
    assert [r[1] for r in rows(nlp, kept) if r[0] == "threats"] == ["THREATEN"]
    dropped = "Overview: Niger faces terrorist threats on most of its borders."
    assert not [r for r in rows(nlp, dropped) if r[1] == "THREATEN"]


def test_precision_participle_describing_a_noun_is_background_unless_it_tells_how_the_main_event_was_done(nlp):
    background = "Attacks by Iran-backed Shia militia groups on Iraqi bases hosting U.S. forces increased in 2019."
    assert [r[1] for r in rows(nlp, background)] == ["ASSAULT"]
    manner = ("Last month, U.S. troops working with the Syrian Ministry of Interior located and destroyed more than "
              "15 ISIS weapons caches in southern Syria.")
    assert ("working with", "COOPERATE", "happened") in rows(nlp, manner)


def test_precision_a_month_name_is_no_march(nlp):
    text = "On March 16, terrorists attacked the villages of Banibangou and Darey Dey in the Tillabéri region."
    assert [r[1] for r in rows(nlp, text)] == ["ASSAULT"]


def test_precision_a_claim_elsewhere_in_the_sentence_does_not_make_a_recognition_claimed(nlp):
    text = ("ISIS publicly recognized ADF as an affiliate in late 2018 and claimed responsibility for ADF attacks "
            "starting in April 2019.")
    found = {(t, typ): status for t, typ, status in rows(nlp, text)}
    assert found[("recognized", "SUPPORT")] == "happened"
    assert found[("attacks", "ASSAULT")] == "claimed"


def test_precision_a_lasting_detention_is_ongoing(nlp):
    text = "The crew members have now been unlawfully detained for more than 100 days."
    assert ("detained", "COERCE", "ongoing") in rows(nlp, text)


def test_precision_knowledge_is_read_from_the_data_files():
    assert ("threat", "THREATEN") in state_nouns()
    verbs, preps = state_nouns()[("threat", "THREATEN")]
    assert "issue" in verbs and "against" in preps
    assert any(cue == "complement" for cue, _ in false_senses()[("seek", "REQUEST")])
