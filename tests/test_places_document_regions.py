"""What the rest of a document names besides countries: the states it names, dateline abbreviations,
and the obvious reading of a world city's name."""

import pytest

from vigil.places import gazetteer, resolve
from vigil.places.resolve import document_context, resolve_span
from tests.conftest import given_place


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _resolved(nlp, text: str, name: str):
    return [p for p in resolve(nlp(text)) if p.mention == name]


def test_places_town_inside_a_state_the_document_names_wins_over_a_bigger_namesake(nlp):
    # Quincy, Florida lies far from Florida's centre; Quincy, Massachusetts is twelve times its size
    text = ("Tobacco growers across Florida walked out on Tuesday. The strike began in Quincy, where the co-op "
            "employs 300 people, and spread by nightfall.")
    quincy = _resolved(nlp, text, "Quincy")
    assert quincy and all((p.country, p.admin1) == ("US", "Florida") for p in quincy)


def test_places_state_the_document_names_does_not_move_a_big_city(nlp):
    text = ("Fans in Savannah cheered on Saturday as a touring side from Cleveland lost 7-5 in Georgia. "
            "Savannah won both games of the series with Cleveland.")
    cleveland = _resolved(nlp, text, "Cleveland")
    assert cleveland and all(p.admin1 == "Ohio" for p in cleveland)  # not Cleveland, Georgia


def test_places_building_the_gazetteer_lacks_lies_in_the_town_named_after_it(nlp, gaz):
    text = ("Officials in Mogadishu said on Wednesday that aid flights to Mogadishu would resume. Farmers spoke at "
            "a meeting at the Gigiri Complex in Nairobi on Thursday, before flying back to Mogadishu.")
    best = given_place(nlp, text, "Gigiri Complex")
    assert (best.name, best.country) == ("Nairobi", "KE")


def test_places_comma_after_a_plain_name_is_not_its_seat(nlp, gaz):
    # a ", Y" seat only after a building or institution word: Zenata is a new town near Casablanca
    text = ("Morocco wants more rugby clubs. Beyond Zenata, Chelsea run coaching camps in Casablanca and Rabat, "
            "and more are planned in Tangier.")
    best = given_place(nlp, text, "Zenata")
    assert best.country == "MA"


def test_places_world_city_beats_a_namesake_in_the_documents_country(nlp):
    text = ("Teachers in Boston and Chicago say ballet draws pupils. Dance schools in Boston "
            "send their best pupils to Moscow, where the Bolshoi trains them.")
    moscow = _resolved(nlp, text, "Moscow")
    assert moscow and all(p.country == "RU" for p in moscow)


def test_places_namesake_of_a_world_city_wins_with_its_neighbours(nlp):
    text = ("Police in Lewiston said a woman from Moscow was arrested in Pullman on Tuesday. "
            "Moscow officers and Lewiston deputies searched her farm near Moscow.")
    moscow = _resolved(nlp, text, "Moscow")
    assert moscow and all((p.country, p.admin1) == ("US", "Idaho") for p in moscow)


def test_places_dateline_abbreviation_names_the_state_elsewhere(nlp):
    text = ("ALBANY, N.Y. - The engineer battalion has served on three continents. Most of its work has "
            "been in New York, though it has also built bridges in Kosovo and Iraq.")
    new_york = _resolved(nlp, text, "New York")
    assert new_york and all((p.feature, p.admin1) == ("ADM1", "New York") for p in new_york)  # not the city


def test_places_abbreviation_reads_as_the_country_the_document_names(gaz):
    from vigil.places import resolve_name

    best, _ = resolve_name("SA", gaz, {"ZA": 2.0})[0]
    assert (best.feature, best.country) == ("PCLI", "ZA")
    best, _ = resolve_name("SA", gaz, {"AU": 2.0})[0]
    assert (best.feature, best.name) == ("ADM1", "South Australia")
    assert all(p.country != "ZA" for p, _ in resolve_name("SA", gaz, {"CM": 1.0})[:1])  # nothing said: no guess


def test_places_former_union_demonyms_and_regional_adjectives_resolve(gaz):
    from vigil.places import resolve_name

    assert resolve_name("Soviet Union", gaz)[0][0].country == "RU"
    assert resolve_name("Serb", gaz)[0][0].country == "RS"
    assert resolve_name("Austro", gaz)[0][0].country == "AT"
    sicilian = resolve_name("Sicilian", gaz)[0][0]
    assert (sicilian.feature, sicilian.name) == ("ADM1", "Sicily")
    latin = resolve_name("Latin America", gaz)[0][0]
    assert (latin.feature, latin.geonameid) == ("CONT", 6255150)  # as "Latin American" already read


def test_places_names_the_text_calls_streets_lie_where_the_document_is(nlp, gaz):
    text = ("A cyclist was hit in Denver on Sunday. Denver police said she fell at the corner of Colfax and "
            "Logan streets and was treated at Northeastern General Hospital.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    for name in ("Colfax", "Logan", "Northeastern General Hospital"):
        start = text.index(name)
        best, _ = resolve_span(doc, start, start + len(name), name, context, gaz)[0]
        assert best.name == "Denver", name
    start = text.index("Denver")  # a town named before a street word in no street phrase keeps its own reading
    assert resolve_span(doc, start, start + 6, "Denver", context, gaz)[0][0].name == "Denver"


def test_places_focus_between_equally_named_neighbours_is_the_bigger_town(nlp, gaz):
    text = "Cyclists from Boulder and Denver met for lunch at the Blue Moose on Sunday."
    context = document_context(nlp(text), gaz)
    assert context.focus is not None and context.focus.name == "Denver"


def test_places_small_namesake_abroad_that_nothing_supports_gives_way_to_the_focus(nlp, gaz):
    text = ("Somalia's president opened a grain store at Afgooye in Lower Shabelle on Saturday. In Somalia's southern "
            "regions, he said, trade has returned. He also opened a clinic at Kulan.")
    best = given_place(nlp, text, "Kulan")
    assert best.country == "SO"  # not Kulan, Kazakhstan


def test_places_possessive_town_holds_the_name_after_it(nlp, gaz):
    text = ("Snow closed roads around Toronto on Monday. Toronto police said flights in Toronto were delayed, "
            "and at Winnipeg's Richardson International Airport most departures were cancelled.")
    best = given_place(nlp, text, "Richardson International Airport")
    assert best.name == "Winnipeg"


def test_places_name_before_intersection_is_a_street(nlp, gaz):
    text = ("The brick warehouse in Denver faces the Champa/Larimer intersection, two blocks from "
            "the station. Denver has kept many such warehouses.")
    best = given_place(nlp, text, "Champa")
    assert best.name == "Denver"


def test_places_state_name_beats_a_small_namesake_town_near_the_documents_places(nlp):
    text = ("The winning ticket was bought at a grocery in Joplin, in Jasper County, Missouri. Lottery "
            "players in Kansas and Missouri queued on Friday. The prize was last claimed in June by "
            "a driver from Nevada.")
    nevada = _resolved(nlp, text, "Nevada")
    assert nevada and all(p.feature == "ADM1" for p in nevada)  # not Nevada, Missouri



def test_places_small_town_in_a_state_nothing_else_names_gives_way_to_the_focus(nlp, gaz):
    text = ("Houses in Cary, North Carolina sell quickly. Buyers come from Apex and Morrisville, North Carolina, "
            "and Morrisville families shop at The Market at Greenbrier.")
    best = given_place(nlp, text, "Greenbrier")
    assert (best.country, best.admin1) == ("US", "North Carolina")  # not Greenbrier, Tennessee


def test_places_name_read_without_its_modifier_does_not_stray_to_another_state(nlp, gaz):
    text = ("Edison, New Jersey officials met Trenton planners on Tuesday. The Trenton suburb wants land off "
            "Route 9 in Howell Township for a new school.")
    best = given_place(nlp, text, "Howell Township")
    assert best.admin1 == "New Jersey"  # not Howell, Michigan


def test_places_namesake_abroad_whose_country_only_a_misread_name_votes_for_gives_way(nlp, gaz):
    # "Geneva" votes for Switzerland (its biggest reading) but reads as Geneva, New York here: no name of
    # the document lies in Switzerland or names it, so "North Court" read as Court, Switzerland is a stray
    text = ("GENEVA, N.Y. (AP) - Students in Geneva, New York, met teachers in Rochester and in Syracuse on Monday. "
            "Many in the North Court said the dean would retire soon.")
    best = given_place(nlp, text, "North Court")
    assert best.country == "US"


@pytest.mark.parametrize("text, name, country", [
    ("China drives up pressure on its neighbours. Officials in Beijing and Shanghai said so on Monday.", "China", "CN"),
    ("Officials in Lagos and Abuja said militants hid in a remote corner of Chad for months.", "Chad", "TD"),
])
def test_places_a_verb_or_a_corner_of_a_country_makes_no_street(nlp, gaz, text, name, country):
    best = given_place(nlp, text, name)
    assert best.country == country and best.feature == "PCLI"


def test_places_finding_and_given_toponyms_share_one_ranking(nlp, gaz):
    """`resolve` (names Vigil finds) ranks as `resolve_span` (given toponyms) does, without the bare focus fallback."""
    text = "Fans gathered in Leeds on Saturday. Leeds police said Leeds's Elland Road stadium was full."
    doc = nlp(text)
    found = {p.mention: p for p in resolve(doc)}
    context = document_context(doc, gaz)
    for mention, place in found.items():
        start = text.index(mention)
        best, _ = resolve_span(doc, start, start + len(mention), mention, context, gaz)[0]
        assert (place.name, place.country) == (best.name, best.country)
