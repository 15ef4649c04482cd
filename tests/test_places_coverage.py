"""Places: coverage (counties, GeoNames country points, demonyms, regions), document context, the cache format."""

import pytest

from vigil.places import gazetteer, resolve, resolve_name
from vigil.places.gazetteer import _from_parts, _parts
from vigil.places.resolve import core_name, document_context, resolve_span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def best(name, gaz):
    place, _ = resolve_name(name, gaz)[0]
    return place


@pytest.mark.parametrize("spelling", ["Misrata", "Misurata", "Mişrātah", "Misratah"])
def test_places_resolves_misrata_spelling_variants(gaz, spelling):
    place = best(spelling, gaz)
    assert (place.name, place.country, place.feature) == ("Misratah", "LY", "PPL")


@pytest.mark.parametrize("name, iso", [("al-Raqqa", "SY"), ("el-Arish", "EG"), ("Sirte", "LY"), ("Mosul", "IQ")])
def test_places_article_prefixed_and_plain_names_resolve(gaz, name, iso):
    place = best(name, gaz)
    assert place.country == iso and place.feature.startswith("PPL")


def test_places_country_sits_at_its_geonames_point(gaz):
    us = best("United States", gaz)
    assert (us.feature, round(us.lat, 2), round(us.lon, 2)) == ("PCLI", 39.76, -98.5)
    canada = best("Canada", gaz)
    assert (round(canada.lat, 2), round(canada.lon, 2)) == (60.11, -113.64)


def test_places_us_county_is_in_the_gazetteer(gaz):
    county = best("Laurel County", gaz)
    assert (county.feature, county.country, county.admin1) == ("ADM2", "US", "Kentucky")


def test_places_county_with_state_abbreviation_picks_that_state(nlp):
    places = {p.mention: p for p in resolve(nlp("Deputies in Henry County, Tenn., arrested two men."))}
    assert (places["Henry County"].admin1, places["Henry County"].precision) == ("Tennessee", 2)


def test_places_demonym_given_as_toponym_is_the_country_not_a_town(gaz):
    for demonym, iso in (("Canadian", "CA"), ("Greek", "GR"), ("Sinhalese", "LK"), ("Salvadoran", "SV")):
        place = best(demonym, gaz)
        assert (place.feature, place.country) == ("PCLI", iso)


def test_places_region_adjective_resolves_to_region(gaz):
    assert best("Central American", gaz).name == "Central America"
    assert best("European", gaz).feature == "CONT"


def test_places_eu_is_europe_not_the_french_town(gaz):
    assert best("EU", gaz).feature == "CONT" and best("European Union", gaz).name == "Europe"


def test_places_core_name_drops_words_that_do_not_move_a_place():
    assert core_name("North London") == "London"
    assert core_name("Fars Province") == "Fars"
    assert core_name("Port of Los Angeles") == "Los Angeles"
    assert core_name("London") is None


def test_places_modified_name_resolves_by_its_core(nlp):
    places = {p.mention: p for p in resolve(nlp("Protesters marched through North London on Saturday."))}
    assert (places["North London"].name, places["North London"].country) == ("London", "GB")


def test_places_neighbours_disambiguate_small_towns(nlp):
    places = {p.mention: p for p in resolve(nlp("Flooding closed roads in Sulphur Springs, Mount Pleasant and Paris on Monday."))}
    assert (places["Paris"].country, places["Paris"].admin1) == ("US", "Texas")


def test_places_region_holding_the_documents_towns_wins(nlp):
    places = {p.mention: p for p in resolve(nlp("Georgia officials met in Atlanta, then flew to Savannah and Macon."))}
    assert (places["Georgia"].country, places["Georgia"].feature) == ("US", "ADM1")


def test_places_given_street_falls_back_to_document_town(nlp, gaz):
    text = "Police shut Boar Lane in Leeds after the match. Leeds council staff said it would open again by noon."
    doc = nlp(text)
    start = text.index("Boar Lane")
    ranked = resolve_span(doc, start, start + len("Boar Lane"), "Boar Lane", document_context(doc, gaz), gaz)
    assert (ranked[0][0].name, ranked[0][0].country) == ("Leeds", "GB") and ranked[0][1] <= 0.1


def test_gazetteer_cache_parts_round_trip(gaz):
    restored = _from_parts(_parts(gaz))
    assert len(restored.places) == len(gaz.places)
    for name in ("Misrata", "Laurel County", "Algiers", "Europe"):
        assert [p.geonameid for p in restored.candidates(name)] == [p.geonameid for p in gaz.candidates(name)]
        assert restored.candidates(name)[0] == gaz.candidates(name)[0]


def test_places_state_inside_organisation_name_is_found(nlp):
    places = resolve(nlp("Cases rose, the Texas Department of State Health Services reported."))
    texas = [p for p in places if p.mention == "Texas"]
    assert [(p.role, p.country, p.feature) for p in texas] == [("place", "US", "ADM1")]


def test_places_generic_word_inside_organisation_is_not_a_region(nlp):
    places = resolve(nlp("Staff at the Western Trust and the Northwest Cancer Centre said services would resume."))
    assert not [p for p in places if p.mention in ("Western", "Northwest", "Centre")]
