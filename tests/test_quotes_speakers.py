"""Speaker resolution: pronouns by gender, role descriptions, organisations, relative pronouns, colons, passives."""

from vigil.actors import link
from vigil.places import resolve
from vigil.quotes import extract_quotes
from vigil.quotes.extract import first_name_genders


def quotes_of(nlp, text):
    doc = nlp(text)
    return extract_quotes(doc, link(doc, resolve(doc)))


def only(quotes, fragment):
    found = [q for q in quotes if fragment in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


def test_quotes_she_skips_a_man_named_later(nlp):
    quotes = quotes_of(nlp, "Hillary Clinton spoke in Ohio on Monday. Later Donald Trump arrived in the city.\n"
                            "“We will win this state in November,” she said.")
    assert only(quotes, "win this state").speaker == "Hillary Clinton"


def test_quotes_he_goes_to_the_latest_man(nlp):
    quotes = quotes_of(nlp, "Marie Richards met James Jeffrey in Algiers on Monday.\n"
                            "“The coalition will stay in the region for years,” he said.")
    assert only(quotes, "coalition will stay").speaker == "James Jeffrey"


def test_quotes_pronoun_ignores_names_inside_quotations(nlp):
    quotes = quotes_of(nlp, "Richard Viguerie spoke to reporters on Monday.\n"
                            "“George Bush got fewer votes than Al Gore in 2000,” he said.\n"
                            "“Voters reject the establishment every single time,” he added.")
    assert [q.speaker for q in quotes if q.kind == "direct"] == ["Richard Viguerie", "Richard Viguerie"]


def test_quotes_first_name_list_gives_gender():
    assert first_name_genders()["marie"] == "f" and first_name_genders()["james"] == "m"


def test_quotes_role_description_goes_back_to_the_named_person(nlp):
    quotes = quotes_of(nlp, "Ambassador James Jeffrey visited Baghdad on Monday.\n"
                            "“The fight against the group is far from over,” the ambassador said.")
    assert only(quotes, "far from over").speaker == "James Jeffrey"


def test_quotes_description_without_a_named_person_stays_unresolved(nlp):
    quotes = quotes_of(nlp, "“The fight against the group is far from over,” the ambassador said.")
    quote = only(quotes, "far from over")
    assert quote.speaker is None and quote.speaker_start is not None


def test_quotes_organisation_speaks_with_its_actor(nlp):
    quotes = quotes_of(nlp, "The State Department said that the embassy in Tripoli would stay closed until March.")
    quote = only(quotes, "embassy in Tripoli")
    assert quote.speaker == "U.S. Department of State" and quote.speaker_actor_id is not None


def test_quotes_the_ministry_goes_back_to_the_named_ministry(nlp):
    quotes = quotes_of(nlp, "The Turkish Defence Ministry reported new clashes near the border on Sunday.\n"
                            "The ministry said in a statement that two soldiers had been wounded in the fighting.")
    quote = only(quotes, "two soldiers")
    assert quote.speaker is not None and "Ministry" in quote.speaker


def test_quotes_relative_pronoun_speaker_is_its_antecedent(nlp):
    quotes = quotes_of(nlp, "The council passed a resolution on Friday.\n"
                            "It was backed by Ali Hassan, who said that the city would welcome the refugees.")
    quote = only(quotes, "welcome the refugees")
    assert quote.speaker == "Ali Hassan"


def test_quotes_colon_introduces_the_subjects_words(nlp):
    quotes = quotes_of(nlp, "Donald Trump leaned toward the microphone and boomed: “Let’s defeat her in November.”")
    assert only(quotes, "defeat her").speaker == "Donald Trump"


def test_quotes_passive_quoted_as_saying(nlp):
    quotes = quotes_of(nlp, "Ali Hassan was quoted as saying that the bridge would be rebuilt by the spring.")
    assert only(quotes, "bridge would be rebuilt").speaker == "Ali Hassan"


def test_quotes_speaker_with_long_apposition_after_quote(nlp):
    quotes = quotes_of(nlp, "Morton Blackwell endorsed Ted Cruz last week.\n"
                            "“Yes, I support Ted Cruz,” Brent Bozell, founder of the Media Research Center, "
                            "tells Breitbart News.")
    assert only(quotes, "I support Ted Cruz").speaker == "Brent Bozell"


def test_quotes_seed_speakers_link_to_actors(nlp, reuters_text):
    richards = [q for q in quotes_of(nlp, reuters_text) if q.speaker == "Marie Richards"]
    assert richards and all(q.speaker_actor_id for q in richards)


def test_quotes_passive_cue_speaker_is_the_agent(nlp):
    quotes = quotes_of(nlp, "Donald Trump has been criticized by Jeb Bush for failing to visit the state often enough.")
    assert only(quotes, "failing to visit").speaker == "Jeb Bush"


def test_quotes_first_person_cue_inside_a_quotation_is_not_an_attribution(nlp):
    quotes = quotes_of(nlp, "“Frankly, I think that the deal is a disaster for the workers of this town.”")
    assert not [q for q in quotes if q.cue == "think"]


def test_quotes_double_apostrophe_quotation_marks(nlp):
    quotes = quotes_of(nlp, "Tom Ekovich runs the club. ''Revenues are up a little bit, and so are rounds,'' "
                            "Mr. Ekovich said.")
    quote = only(quotes, "Revenues are up")
    assert quote.kind == "direct" and quote.speaker == "Tom Ekovich" and quote.text.startswith("''")


def test_quotes_speaker_written_without_accents_keeps_the_catalogued_persons_organisation(nlp):
    """data/actors/people.tsv spells him Félix Tshisekedi; the text's "Felix" is the same person."""
    text = "President Felix Tshisekedi said the rebels would be pursued wherever they hide."
    doc = nlp(text)
    quote = extract_quotes(doc, link(doc, resolve(doc)))[0]
    assert (quote.speaker, quote.speaker_actor_id) == ("Felix Tshisekedi", "gov-cd")
