import pytest

from vigil.cleaning import clean
from vigil.places import event_place, gazetteer, name_key, resolve, resolve_name
from vigil.records import RawDocument


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_places_normalises_transliteration_variants():
    assert name_key("Misurata") == name_key("Misrata") == name_key("Mişrātah") == name_key("Misratah")
    assert name_key("Ar Raqqah") == name_key("al-Raqqah") == name_key("Raqqa")


def test_places_resolves_misrata_alias(gaz):
    best, _ = resolve_name("Misurata", gaz)[0]
    assert (best.name, best.country, best.feature) == ("Misratah", "LY", "PPL")


def test_places_country_never_resolves_to_building(gaz):
    for name, iso in (("Libya", "LY"), ("Syria", "SY"), ("U.S.", "US"), ("Algeria", "DZ")):
        best, _ = resolve_name(name, gaz)[0]
        assert (best.feature, best.country) == ("PCLI", iso)


def test_places_x_comma_y_disambiguates(nlp):
    places = resolve(nlp("The fire destroyed a house in Alexandria, Louisiana on Friday."))
    alexandria = next(p for p in places if p.mention == "Alexandria")
    assert alexandria.country == "US"


def test_places_document_country_disambiguates(nlp):
    places = resolve(nlp("Georgia's governor spoke in Atlanta. Later he flew to Savannah and Augusta."))
    georgia = next(p for p in places if p.mention == "Georgia")
    assert georgia.country == "US"


def test_places_unresolvable_name_does_not_spoil_document(nlp):
    places = resolve(nlp("Fighters moved from Zqxwvbland to Sirte and then to Misrata."))
    by_mention = {p.mention: p for p in places}
    assert by_mention["Sirte"].country == "LY" and by_mention["Misrata"].country == "LY"
    assert all(p.score <= 0.5 for p in places if p.mention == "Zqxwvbland")


def test_places_resolves_seed_places(nlp, reuters_text, baghdad_text):
    names = {}
    for text in (reuters_text, clean(RawDocument("b", baghdad_text)).text):
        for p in resolve(nlp(text)):
            names.setdefault(p.mention, (p.name, p.country, p.feature))
    assert names["Sirte"][1] == "LY" and names["Misrata"][:2] == ("Misratah", "LY")
    assert names["Algiers"][1:] == ("DZ", "PPLC") and names["Mosul"][1] == "IQ"
    assert names["Dallas"][1] == "US"
    for country, iso in (("Libya", "LY"), ("Syria", "SY"), ("Iraq", "IQ"), ("Algeria", "DZ")):
        assert names[country][1:] == (iso, "PCLI")
    assert names["Europe"][2] == "CONT" and names["African continent"][:1] == ("Africa",)


def test_places_demonym_is_evidence(nlp):
    places = resolve(nlp("Libyan forces advanced."))
    assert [(p.mention, p.role, p.country) for p in places] == [("Libyan", "demonym", "LY")]


def test_places_washington_said_is_not_an_event_place(nlp):
    places = resolve(nlp("Washington said the strikes would continue."))
    assert not [p for p in places if p.mention == "Washington" and p.role == "place"]


def test_places_precision_follows_feature(nlp):
    places = {p.mention: p for p in resolve(nlp("Fighting spread from Sirte across Libya."))}
    assert places["Sirte"].precision == 1 and places["Libya"].precision == 3


def test_places_event_place_prefers_in_phrase(nlp):
    text = "Speaking in Algiers, Richards said Libyan forces have been battling Islamic State in Sirte."
    doc = nlp(text)
    places = resolve(doc)
    start = text.index("battling")
    assert event_place(doc, start, start + len("battling"), places).mention == "Sirte"
