"""Names of buildings, institutions, seats of government and regions: where each lies."""

import pytest

from vigil.places import gazetteer
from vigil.places.resolve import document_context, resolve_name, resolve_span


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def _best(nlp, gaz, text: str, name: str, occurrence: int = 0):
    doc = nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(name, start + 1)
    ranked = resolve_span(doc, start, start + len(name), name, document_context(doc, gaz), gaz)
    return ranked[0][0] if ranked else None


def test_places_capital_in_a_list_is_not_a_town_inside_the_next_name(nlp, gaz):
    text = "His trips took him to Apia, Guam, Alaska and Hawaii."
    best = _best(nlp, gaz, text, "Apia")
    assert (best.name, best.country) == ("Apia", "WS")  # Samoa's capital, not a town in Guam


def test_places_possessive_elsewhere_in_the_document_names_the_town(nlp, gaz):
    text = ("Dealers in New York and Chicago sold fewer paintings this year. Prices fell at London's Kensington "
            "galleries too, and a dealer in Boston said buyers were waiting. Sales in Kensington may recover in June.")
    best = _best(nlp, gaz, text, "Kensington", occurrence=1)
    assert best.country == "GB"


def test_places_embassy_lies_in_the_country_named_after_in_the(nlp, gaz):
    text = "Peru's foreign minister spoke in Lima. A reception was held at the Embassy of Peru in the Netherlands."
    best = _best(nlp, gaz, text, "Embassy of Peru")
    assert best.country == "NL"


def test_places_building_named_after_a_continent_stands_where_the_document_is(nlp, gaz):
    text = ("Police in Johannesburg said two men were arrested. Shoppers fled the Mall of Africa on Sunday after "
            "shots were fired, Johannesburg police said.")
    best = _best(nlp, gaz, text, "Mall of Africa")
    assert (best.name, best.country) == ("Johannesburg", "ZA")


def test_places_institution_named_after_a_continent_keeps_the_continent(nlp, gaz):
    text = "Ministers met in Paris and Berlin. The Council of Europe criticised the new law on Friday."
    best = _best(nlp, gaz, text, "Council of Europe")
    assert best.feature == "CONT" and best.name == "Europe"


@pytest.mark.parametrize("name, city, country", [
    ("Congress", "District of Columbia", "US"),
    ("the Kremlin", "Moscow", "RU"),
    ("Downing Street", "London", "GB"),
])
def test_places_seat_of_government_is_its_city(gaz, name, city, country):
    best, _ = resolve_name(name, gaz)[0]
    assert (best.name, best.country) == (city, country)


@pytest.mark.parametrize("name, lat, lon, feature", [
    ("Niger Delta", 5.0, 6.5, "RGN"),
    ("the Strait of Hormuz", 26.6, 56.3, "SEA"),
    ("Puntland", 8.5, 49.0, "RGN"),
])
def test_places_conflict_regions_and_seas_are_in_the_gazetteer(gaz, name, lat, lon, feature):
    best, _ = resolve_name(name, gaz)[0]
    assert best.feature == feature and abs(best.lat - lat) < 1 and abs(best.lon - lon) < 1


def test_places_state_or_country_name_among_a_countrys_states_is_a_state(nlp, gaz):
    text = ("Crews from Hawaii and Alaska trained with officers from Slovenia and Thailand. "
            "The Georgia National Guard sent a team.")
    best = _best(nlp, gaz, text, "Georgia")
    assert (best.country, best.feature) == ("US", "ADM1")


def test_places_name_in_a_town_with_no_reading_near_it_lies_in_that_town(nlp, gaz):
    # Victoria Island is part of Lagos; "Victoria" alone reads as Hong Kong or an Australian state
    text = "The patients were moved to Victoria in Lagos after the fire, officials in Nigeria said."
    best = _best(nlp, gaz, text, "Victoria")
    assert (best.name, best.country) == ("Lagos", "NG")


def test_places_month_after_in_is_no_town(nlp, gaz):
    text = "The state fair moves to Muncie in August, officials in Indiana said."
    best = _best(nlp, gaz, text, "Muncie")
    assert (best.name, best.admin1) == ("Muncie", "Indiana")


def test_places_building_named_after_the_state_of_the_documents_town_stands_in_that_town(nlp, gaz):
    text = ("Officials in Columbus said on Monday that the fair would open. Visitors to Columbus can buy tickets "
            "at the Ohio Expo Center from Friday, Columbus police said.")
    best = _best(nlp, gaz, text, "Ohio Expo Center")
    assert (best.name, best.admin1) == ("Columbus", "Ohio")


def test_places_river_named_after_a_state_is_the_stretch_where_the_document_is(nlp, gaz):
    text = ("Rain flooded streets in Chattanooga on Tuesday. The Tennessee River rose two metres overnight, "
            "and Chattanooga closed its riverside parks.")
    best = _best(nlp, gaz, text, "Tennessee River")
    assert best.name == "Chattanooga"


def test_places_event_named_after_a_town_votes_for_its_country(nlp, gaz):
    from vigil.places.resolve import given_mentions
    text = "Runners from Ohio and Texas will race in the Lagos Marathon on Sunday."
    doc = nlp(text)
    start = text.index("Lagos Marathon")
    context = document_context(doc, gaz, given_mentions(doc, [(start, start + len("Lagos Marathon"), "Lagos Marathon")], gaz))
    assert context.countries.get("NG", 0) >= 1


def test_places_city_and_state_name_before_state_lawmakers_is_the_state(nlp, gaz):
    text = "New York lawmakers passed the budget bill on Friday, officials in Brooklyn said."
    best = _best(nlp, gaz, text, "New York")
    assert (best.name, best.feature) == ("New York", "ADM1")
    assert abs(best.lat - 43.0) < 1 and abs(best.lon + 75.5) < 1  # the state's own point, not New York City's
