"""Where an event happened: `vigil.places.event_place` (src/vigil/places/event_location.py) and `vigil eval eventloc`."""

import json
import zipfile
from pathlib import Path

import pytest

from vigil import Vigil
from vigil.actors import link
from vigil.dates import find_dates
from vigil.events import extract_events
from vigil.evaluate.eventloc import merge_spans, read_examples, run, score
from vigil.places import event_place, resolve
from vigil.places.event_location import is_unplaced


def place_of(nlp, text: str, verb: str, nth: int = 0) -> str | None:
    doc = nlp(text)
    places = resolve(doc)
    start = -1
    for _ in range(nth + 1):
        start = text.index(verb, start + 1)
    place = event_place(doc, start, start + len(verb), places)
    return None if place is None or is_unplaced(place) else place.mention


def events_of(nlp, text: str, published: str = "2025-12-17"):
    doc = nlp(text)
    places = resolve(doc)
    return extract_events(doc, link(doc, places), places, find_dates(text, published), published, locate=event_place)


def test_event_location_dateline_is_not_where_it_happened(nlp):
    text = "CAIRO, Egypt – Militants attacked a checkpoint, killing four soldiers."
    assert place_of(nlp, text, "attacked") is None


def test_event_location_dateline_leaves_the_place_of_the_action(nlp):
    text = "NAIROBI, Kenya – Militants attacked a police post in Mandera on Sunday."
    assert place_of(nlp, text, "attacked") == "Mandera"


def test_event_location_place_in_a_reported_clause_is_not_the_statement_place(nlp):
    text = "The minister noted that the talks in Geneva would resume next week."
    assert place_of(nlp, text, "noted") is None


def test_event_location_statement_made_during_a_visit(nlp):
    text = "Speaking during a visit to Algiers, the minister said the attack in Tunis was planned abroad."
    assert place_of(nlp, text, "said") == "Algiers"
    assert place_of(nlp, text, "attack") == "Tunis"


def test_event_location_statement_takes_no_place_from_the_sentence_before(nlp):
    text = ("Militants attacked a mosque in Kano on Friday. "
            "The Security Council stressed that the perpetrators must be brought to justice.")
    stressed = next(e for e in events_of(nlp, text) if "stressed" in e.sentence and e.event_type != "ASSAULT")
    assert stressed.location is None and stressed.country is None


def test_event_location_sought_attack_is_not_activity_at_its_target(nlp):
    text = "Police arrested a man in Ohio who had sought to attack Canada."
    assert place_of(nlp, text, "attack") is None
    assert place_of(nlp, text, "arrested") == "Ohio"


def test_event_location_plots_against_targets_are_not_activity_there(nlp):
    text = "The group has inspired several plots or attacks against targets in France over the past year."
    assert place_of(nlp, text, "attacks") is None


def test_event_location_intended_action_takes_no_place_from_the_sentence_before(nlp):
    text = ("Troops raided a compound in Idlib on Monday. "
            "The raid disrupted efforts by the group to inspire attacks abroad.")
    events = events_of(nlp, text)
    attacks = [e for e in events if text[e.start:e.end] == "attacks"]
    raid = next(e for e in events if text[e.start:e.end] == "raid")
    assert attacks and all(e.country is None for e in attacks)
    assert raid.location == "Idlib"  # the raid itself was there: the sentence before still gives its place


def test_event_location_from_is_an_origin_not_a_location(nlp):
    text = "The commander was moved to Paris from Lyon last year."
    assert place_of(nlp, text, "moved") == "Paris"  # the movement's destination (motion_verbs), never its origin


def test_event_location_border_with_a_country_is_not_in_that_country(nlp):
    text = "Two fighters were killed near the border with Turkey."
    assert place_of(nlp, text, "killed") is None


def test_event_location_name_of_a_group_is_no_place(nlp):
    text = "Al-Qaeda in the Islamic Maghreb launched an offensive in Gao on Wednesday."
    assert place_of(nlp, text, "launched") == "Gao"


def test_event_location_neighbourhood_beats_its_city(nlp):
    text = "Police said a bomb exploded in Lagos's district of Ikeja on Monday."
    assert place_of(nlp, text, "exploded") == "Ikeja"


def test_event_location_country_before_a_noun_is_a_nationality(nlp):
    text = "The government requested U.S. air support for the fight."
    assert place_of(nlp, text, "requested") is None


def test_event_location_participle_shares_the_place_of_its_clause(nlp):
    text = "Rebels opened fire in the town of Gao, killing 19 people."
    assert place_of(nlp, text, "opened") == "Gao"
    assert place_of(nlp, text, "killing") == "Gao"


def test_event_location_town_outside_its_named_province_yields_to_the_province(nlp):
    text = "In March, insurgents attacked the town of Palma in Cabo Delgado Province."
    doc = nlp(text)
    places = resolve(doc)
    start = text.index("attacked")
    chosen = event_place(doc, start, start + len("attacked"), places)
    assert chosen.country == "MZ"


def test_event_location_in_phrase_of_the_verb(nlp):
    assert place_of(nlp, "Libyan forces have been battling Islamic State in Sirte.", "battling") == "Sirte"


def test_eval_eventloc_merges_touching_gold_spans():
    text = "arrested in Port Harcourt, a city"
    assert merge_spans(text, [(12, 16), (17, 25)]) == [(12, 25)]
    assert merge_spans(text, [(12, 16), (29, 33)]) == [(12, 16), (29, 33)]


def test_eval_eventloc_scores_verbs_and_spans():
    metrics = score([((0, 5), [(0, 5)]), ((0, 3), [(0, 5)]), (None, []), ((7, 9), []), (None, [(1, 2)])])
    assert metrics["accuracy"] == 0.6 and metrics["accuracy_exact"] == 0.4
    assert metrics["overlap"]["precision"] == round(2 / 3, 4) and metrics["overlap"]["recall"] == round(2 / 3, 4)
    assert metrics["exact"]["precision"] == round(1 / 3, 4)


def test_eval_eventloc_reads_the_zip_and_writes_predictions(tmp_path):
    records = [{"text": "Gunmen killed two men in Kandahar on Friday, police said.",
                "spans": [{"start": 7, "end": 13, "label": "VERB"}, {"start": 25, "end": 33, "label": "LOCATION"}]},
               {"text": "Gunmen killed two men in Kandahar on Friday, police said.",
                "spans": [{"start": 51, "end": 55, "label": "VERB"}]}]
    archive = tmp_path / "set.jsonl.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("labeled_text.jsonl", json.dumps(records))
    assert [e["locations"] for e in read_examples(archive)] == [[(25, 33)], []]
    out = tmp_path / "pred.jsonl"
    metrics = run(archive, out)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["location"] for line in lines] == ["Kandahar", None]
    assert metrics["accuracy"] == 1.0 and metrics["baselines"]["nearest"]["accuracy"] == 0.5


CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.mark.slow
def test_event_location_spread_counts_no_dateline_plot_or_statement_place(tmp_path):
    """Three real texts of the demo corpus: CENTCOM's release datelined "TAMPA, Fla." about plots "in the United
    States" and an operative who "sought to attack the United States", and the Security Council's statement on the
    attack in Saudi Arabia's Asir region, whose later sentences are statements made in New York."""
    files = [CORPUS / "2025-centcom-isis-syria-pursuit.txt", CORPUS / "2015-un-sc12000-saudi-arabia.txt"]
    with Vigil(str(tmp_path / "t.db")) as vigil:
        vigil.ingest([str(f) for f in files])
        areas = vigil.spread("Islamic State").areas
    assert "SY" in {area.country for area in areas}
    assert "US" not in {area.country for area in areas}
    # the attack itself was in Asir: an area there must come from the sentence that says so, not from a statement
    assert all("Asir" in area.example for area in areas if area.country == "SA")


def test_event_location_retreat_from_a_town_happened_there(nlp):
    assert place_of(nlp, "As the militants retreated from Mosul, they mined the roads.", "retreated") == "Mosul"


def test_event_location_village_missing_from_the_gazetteer_falls_to_its_region(nlp):
    text = "On November 2, gunmen attacked the village of Banibangou, Tillabéri region, killing 69 civilians."
    assert place_of(nlp, text, "attacked") == "Tillabéri"


def test_event_location_listed_places_do_not_contain_each_other(nlp):
    text = "The group sought to rebuild support among populations in Kirkuk, Diyala and Anbar provinces."
    assert place_of(nlp, text, "sought") in ("Kirkuk", "Diyala", "Anbar")


def test_event_location_statement_without_place_does_not_stop_the_next_sentence_inheriting(nlp):
    text = "Militants attacked a mosque in Kano on Friday, the governor warned. They also burned two houses."
    burned = next(e for e in events_of(nlp, text) if text[e.start:e.end] == "burned")
    assert burned.location == "Kano"


def test_event_location_inspired_protests_happened_where_they_were(nlp):
    assert place_of(nlp, "The bombing inspired protests in Lagos.", "protests") == "Lagos"
    assert place_of(nlp, "He called the attack in Kabul cowardly.", "attack") == "Kabul"


def test_event_location_a_verb_after_a_journey_happens_at_its_destination(nlp):
    text = "Police said a woman who flew to Turkey to join the militants was later arrested by Turkish forces."
    assert place_of(nlp, text, "arrested") == "Turkey"


def test_event_location_a_movement_goes_to_its_destination(nlp):
    text = "The government deployed 500 troops to Kidal on Monday."
    assert place_of(nlp, text, "deployed") == "Kidal"


def test_event_location_a_verb_before_a_journey_keeps_no_destination(nlp):
    text = "The man was questioned by police and later traveled to Paris."
    assert place_of(nlp, text, "questioned") is None


def test_event_location_a_verb_joined_after_a_journey_happens_at_its_destination(nlp):
    text = "A British woman traveled to Turkey to join the militants and was later arrested by Turkish forces."
    assert place_of(nlp, text, "arrested") == "Turkey"


def test_event_location_attacks_against_a_target_happen_where_the_target_is(nlp):
    text = "The council condemned rebel attacks against fishing boats in Lake Chad."
    assert place_of(nlp, text, "attacks") == "Lake Chad"


def test_event_location_a_protest_against_an_attack_is_not_where_the_attack_was(nlp):
    text = "Students protested against the attack on the embassy in Lagos."
    assert place_of(nlp, text, "protested") is None


def test_event_location_local_group_acting_nowhere_named_is_coded_in_its_country(nlp):
    text = ("Fighting continued across Syria this week. Officials gave no details. "
            "The Syrian Democratic Forces ousted the militants from their last stronghold.")
    ousted = next(e for e in events_of(nlp, text) if "ousted" in e.sentence)
    assert (ousted.location, ousted.country, ousted.geo_precision) == ("Syria", "SY", 3)


def test_event_location_local_group_is_not_placed_in_a_country_the_article_never_names(nlp):
    text = "The Syrian Democratic Forces ousted the militants from their last stronghold."
    ousted = next(e for e in events_of(nlp, text) if "ousted" in e.sentence)
    assert ousted.location is None
