"""What the rest of a document names besides countries: the states it names, dateline abbreviations,
and the obvious reading of a world city's name."""

import pytest

from vigil.places import gazetteer, resolve
from vigil.places.resolve import document_context, resolve_span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _resolved(nlp, text: str, name: str):
    return [p for p in resolve(nlp(text)) if p.mention == name]


def test_places_town_inside_a_state_the_document_names_wins_over_a_bigger_namesake(nlp):
    # Orange, Texas lies far from Texas' centre; Orange, California is seven times its size
    text = ("Refinery workers across Texas walked out on Monday. The strike began in Orange, where the plant "
            "employs 900 people, and spread overnight.")
    orange = _resolved(nlp, text, "Orange")
    assert orange and all((p.country, p.admin1) == ("US", "Texas") for p in orange)


def test_places_state_the_document_names_does_not_move_a_big_city(nlp):
    text = ("HOUSTON (AP) - The Houston Rockets beat the Portland Trail Blazers 96-94 in Texas on Sunday. "
            "The Rockets swept their season series with Portland.")
    portland = _resolved(nlp, text, "Portland")
    assert portland and all(p.admin1 == "Oregon" for p in portland)


def test_places_building_the_gazetteer_lacks_lies_in_the_town_named_after_it(nlp, gaz):
    text = ("Diplomats in Amman said on Monday that talks in Amman would resume. Refugees spoke at a briefing "
            "at the Palais des Nations in Geneva on Tuesday, before flying back to Amman.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    start = text.index("Palais des Nations")
    best, _ = resolve_span(doc, start, start + len("Palais des Nations"), "Palais des Nations", context, gaz)[0]
    assert (best.name, best.country) == ("Geneva", "CH")


def test_places_comma_after_a_plain_name_is_not_its_seat(nlp, gaz):
    # a ", Y" seat only after a building or institution word: Madinaty is a town near Cairo
    text = ("Egypt wants more football schools. Beyond Madinaty, Liverpool have academies in Cairo and Giza, "
            "and more are planned in Alexandria.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    start = text.index("Madinaty")
    best, _ = resolve_span(doc, start, start + len("Madinaty"), "Madinaty", context, gaz)[0]
    assert best.country == "EG"


def test_places_world_city_beats_a_namesake_in_the_documents_country(nlp):
    text = ("Officials in New York and Washington say murals draw tourists. Street artists in New York "
            "point to London, where boroughs protect works by Banksy.")
    london = _resolved(nlp, text, "London")
    assert london and all(p.country == "GB" for p in london)


def test_places_namesake_of_a_world_city_wins_with_its_neighbours(nlp):
    text = ("Police in Columbus said a man from Dublin was arrested in Hilliard on Friday. "
            "Dublin officers and Columbus detectives searched his home in Dublin.")
    dublin = _resolved(nlp, text, "Dublin")
    assert dublin and all((p.country, p.admin1) == ("US", "Ohio") for p in dublin)


def test_places_dateline_abbreviation_names_the_state_elsewhere(nlp):
    text = ("CAMP MURRAY, Wash. - The civil support team has been all over the world. Its primary focus has been "
            "at home in Washington, and it has also trained in Hawaii and Florida.")
    washington = _resolved(nlp, text, "Washington")
    assert washington and all((p.feature, p.admin1) == ("ADM1", "Washington") for p in washington)


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
    text = ("A man was stabbed in Chicago on Friday. Chicago police said he collapsed at the corner of State and "
            "Hubbard streets and was pronounced dead at Northwestern Memorial Hospital.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    for name in ("State", "Hubbard", "Northwestern Memorial Hospital"):
        start = text.index(name)
        best, _ = resolve_span(doc, start, start + len(name), name, context, gaz)[0]
        assert best.name == "Chicago", name
    start = text.index("Chicago")  # a town named before a street word in no street phrase keeps its own reading
    assert resolve_span(doc, start, start + 7, "Chicago", context, gaz)[0][0].name == "Chicago"


def test_places_focus_between_equally_named_neighbours_is_the_bigger_town(nlp, gaz):
    text = "Wine lovers from Goleta and Santa Barbara met for dinner at Black Sheep on Friday."
    context = document_context(nlp(text), gaz)
    assert context.focus is not None and context.focus.name == "Santa Barbara"


def test_places_small_namesake_abroad_that_nothing_supports_gives_way_to_the_focus(nlp, gaz):
    text = ("Pakistan's army chief opened a farm park at Wana in South Waziristan on Thursday. In Pakistan's tribal "
            "districts, he said, peace has returned. He also opened a market at Makeen.")
    doc = nlp(text)
    start = text.index("Makeen")
    best, _ = resolve_span(doc, start, start + len("Makeen"), "Makeen", document_context(doc, gaz), gaz)[0]
    assert best.country == "PK"  # not Makin, Kiribati


def test_places_possessive_town_holds_the_name_after_it(nlp, gaz):
    text = ("Snow closed roads around Toronto on Monday. Toronto police said flights in Toronto were delayed, "
            "and at Winnipeg's Richardson International Airport most departures were cancelled.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    name = "Richardson International Airport"
    start = text.index(name)
    best, _ = resolve_span(doc, start, start + len(name), name, context, gaz)[0]
    assert best.name == "Winnipeg"


def test_places_name_before_intersection_is_a_street(nlp, gaz):
    text = ("The old church in New Orleans overlooks the Chartres/Franklin intersection, a few blocks from "
            "the river. New Orleans has many such churches.")
    doc = nlp(text)
    context = document_context(doc, gaz)
    start = text.index("Chartres")
    best, _ = resolve_span(doc, start, start + len("Chartres"), "Chartres", context, gaz)[0]
    assert best.name == "New Orleans"


def test_places_state_name_beats_a_small_namesake_town_near_the_documents_places(nlp):
    text = ("The winning ticket was sold at a gas station in Riverdale, in Morris County, New Jersey. Lottery "
            "players in New York and New Jersey lined up on Saturday. The jackpot was last won in January by "
            "a man in Florida.")
    florida = _resolved(nlp, text, "Florida")
    assert florida and all(p.feature == "ADM1" for p in florida)  # not Florida, New York



def test_places_small_town_in_a_state_nothing_else_names_gives_way_to_the_focus(nlp, gaz):
    text = ("Homes in Gainesville, Virginia sell fast. Buyers come from Fairfax and Centreville, Virginia, "
            "and Centreville families shop at The Shops at Stonewall.")
    doc = nlp(text)
    start = text.index("Stonewall")
    best, _ = resolve_span(doc, start, start + len("Stonewall"), "Stonewall", document_context(doc, gaz), gaz)[0]
    assert (best.country, best.admin1) == ("US", "Virginia")  # not Stonewall, Louisiana


def test_places_name_read_without_its_modifier_does_not_stray_to_another_state(nlp, gaz):
    text = ("Dublin, Ohio officials met Columbus planners on Monday. The Columbus suburb wants land at "
            "Hyland-Croy Road in Jerome Township for a new park.")
    doc = nlp(text)
    start = text.index("Jerome Township")
    best, _ = resolve_span(doc, start, start + len("Jerome Township"), "Jerome Township", document_context(doc, gaz), gaz)[0]
    assert best.admin1 == "Ohio"


def test_places_namesake_abroad_whose_country_only_a_misread_name_votes_for_gives_way(nlp, gaz):
    # "Bolton" votes for England (its biggest reading) but reads as Bolton, Massachusetts here: no name of
    # the document lies in England or names it, so "West Wing" read as Wing, England is a stray
    text = ("WASHINGTON (AP) - Aides in Washington met in Bolton, Massachusetts, and in Boston on Friday. "
            "Many in the West Wing believed the chief of staff would leave Washington soon.")
    doc = nlp(text)
    start = text.index("West Wing")
    best, _ = resolve_span(doc, start, start + len("West Wing"), "West Wing", document_context(doc, gaz), gaz)[0]
    assert best.country == "US"


@pytest.mark.parametrize("text, name, country", [
    ("China drives up pressure on its neighbours. Officials in Beijing and Shanghai said so on Monday.", "China", "CN"),
    ("Officials in Lagos and Abuja said militants hid in a remote corner of Chad for months.", "Chad", "TD"),
])
def test_places_a_verb_or_a_corner_of_a_country_makes_no_street(nlp, gaz, text, name, country):
    doc = nlp(text)
    start = text.index(name)
    best, _ = resolve_span(doc, start, start + len(name), name, document_context(doc, gaz), gaz)[0]
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
