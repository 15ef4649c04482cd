"""Names of buildings, institutions, seats of government and regions: where each lies."""

import pytest

from vigil.places import gazetteer, resolve
from tests.conftest import given_place
from vigil.places.resolve import document_context, resolve_name


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_places_capital_in_a_list_is_not_a_town_inside_the_next_name(nlp, gaz):
    text = "The minister's tour took in Apia, Fiji and Tonga last month."
    best = given_place(nlp, text, "Apia")
    assert (best.name, best.country) == ("Apia", "WS")  # Samoa's capital, not a town in Fiji


def test_places_possessive_elsewhere_in_the_document_names_the_town(nlp, gaz):
    text = ("Dealers in New York and Chicago sold fewer paintings this year. Prices fell at London's Kensington "
            "galleries too, and a dealer in Boston said buyers were waiting. Sales in Kensington may recover in June.")
    best = given_place(nlp, text, "Kensington", occurrence=1)
    assert best.country == "GB"


def test_places_embassy_lies_in_the_country_named_after_in_the(nlp, gaz):
    text = "Peru's foreign minister spoke in Lima. A reception was held at the Embassy of Peru in the Netherlands."
    best = given_place(nlp, text, "Embassy of Peru")
    assert best.country == "NL"


def test_places_building_named_after_a_continent_stands_where_the_document_is(nlp, gaz):
    text = ("Police in Johannesburg said two men were arrested. Shoppers fled the Mall of Africa on Sunday after "
            "shots were fired, Johannesburg police said.")
    best = given_place(nlp, text, "Mall of Africa")
    assert (best.name, best.country) == ("Johannesburg", "ZA")


def test_places_institution_named_after_a_continent_keeps_the_continent(nlp, gaz):
    text = "Ministers met in Paris and Berlin. The Bank of Africa cut its rates on Friday."
    best = given_place(nlp, text, "Bank of Africa")
    assert best.feature == "CONT" and best.name == "Africa"


@pytest.mark.parametrize("name, city, country", [
    ("Congress", "Washington", "US"),
    ("the Kremlin", "Moscow", "RU"),
    ("Downing Street", "London", "GB"),
])
def test_places_seat_of_government_is_its_city(gaz, name, city, country):
    best, _ = resolve_name(name, gaz)[0]
    assert (best.name, best.country) == (city, country)


@pytest.mark.parametrize("name, lat, lon, feature", [
    ("the Golan Heights", 33.0, 35.75, "RGN"),
    ("the Strait of Hormuz", 26.6, 56.3, "SEA"),
    ("Puntland", 8.5, 49.0, "RGN"),
])
def test_places_conflict_regions_and_seas_are_in_the_gazetteer(gaz, name, lat, lon, feature):
    best, _ = resolve_name(name, gaz)[0]
    assert best.feature == feature and abs(best.lat - lat) < 1 and abs(best.lon - lon) < 1


def test_places_state_or_country_name_among_a_countrys_states_is_a_state(nlp, gaz):
    text = ("Teams from Oregon, Idaho and Utah trained with soldiers from Poland and Thailand. "
            "Georgia sent a medical unit.")
    best = given_place(nlp, text, "Georgia")
    assert (best.country, best.feature) == ("US", "ADM1")


def test_places_state_or_country_name_joined_to_a_country_is_the_country(nlp, gaz):
    text = ("Teams from Oregon, Idaho and Utah trained with soldiers from Poland and Thailand. "
            "Georgia and Armenia sent observers.")
    best = given_place(nlp, text, "Georgia")
    assert (best.country, best.feature) == ("GE", "PCLI")


def test_places_name_in_a_town_with_no_reading_near_it_lies_in_that_town(nlp, gaz):
    # Gulshan is a district of Dhaka; the gazetteer reads the name only as a town in Iran
    text = "Gunmen attacked a hotel in Gulshan in Dhaka on Sunday, police said."
    best = given_place(nlp, text, "Gulshan")
    assert (best.name, best.country) == ("Dhaka", "BD")


def test_places_month_after_in_is_no_town(nlp, gaz):
    text = "Voters in Muncie in May chose a new mayor, Indiana officials said."
    best = given_place(nlp, text, "Muncie")
    assert (best.name, best.admin1) == ("Muncie", "Indiana")


def test_places_building_named_after_the_state_of_the_documents_town_stands_in_that_town(nlp, gaz):
    text = ("Officials in Columbus said on Monday that the fair would open. Visitors to Columbus can buy tickets "
            "at the Ohio Expo Center from Friday, Columbus police said.")
    best = given_place(nlp, text, "Ohio Expo Center")
    assert (best.name, best.admin1) == ("Columbus", "Ohio")


def test_places_river_named_after_a_state_is_the_stretch_where_the_document_is(nlp, gaz):
    text = ("Rain flooded streets in Bismarck on Tuesday. The Missouri River rose two metres overnight, "
            "and Bismarck closed its riverside parks.")
    best = given_place(nlp, text, "Missouri River")
    assert best.name == "Bismarck"


def test_places_event_named_after_a_town_votes_for_its_country(nlp, gaz):
    from vigil.places.resolve import given_mentions
    text = "Runners from Ohio and Texas will race in the Lagos Marathon on Sunday."
    doc = nlp(text)
    start = text.index("Lagos Marathon")
    context = document_context(doc, gaz, given_mentions(doc, [(start, start + len("Lagos Marathon"), "Lagos Marathon")], gaz))
    assert context.countries.get("NG", 0) >= 1


def test_places_city_and_state_name_before_state_lawmakers_is_the_state(nlp, gaz):
    text = "New York lawmakers passed the budget bill on Friday, officials in Yonkers said."
    best = given_place(nlp, text, "New York")
    assert (best.name, best.feature) == ("New York", "ADM1")
    assert abs(best.lat - 43.0) < 1 and abs(best.lon + 75.5) < 1  # the state's own point, not New York City's


def _found(nlp, text: str) -> list[tuple[str, str | None, str | None]]:
    return [(p.mention, p.name, p.country) for p in resolve(nlp(text)) if p.role == "place"]


def test_places_seat_of_government_is_a_place_only_after_a_word_of_place(nlp):
    assert not [m for m in _found(nlp, "The Kremlin said the talks in Geneva would go on.") if m[0] == "Kremlin"]
    assert ("Kremlin", "Moscow", "RU") in _found(nlp, "Protesters gathered outside the Kremlin, Moscow police said.")


def test_places_seat_of_government_needs_its_country_in_the_document(nlp):
    found = _found(nlp, "Leaders in Rajasthan said there was a rift in the Congress party.")
    assert [m[0] for m in found] == ["Rajasthan"]


@pytest.mark.parametrize("text, name, country", [
    ("Talks between Kyiv and Moscow in Minsk ended on Friday.", "Moscow", "RU"),
    ("Refugees from Aleppo in Beirut said they would not return.", "Aleppo", "SY"),
    ("In Maiduguri the Kano governor met displaced families.", "Maiduguri", "NG"),
])
def test_places_a_city_before_in_and_another_town_stays_itself(nlp, text, name, country):
    assert [m[2] for m in _found(nlp, text) if m[0] == name] == [country]


def test_places_possessive_never_moves_a_capital(nlp):
    text = "Washington's Kabul embassy closed on Monday. Fighters entered Kabul and took the Kabul airport."
    assert {m[2] for m in _found(nlp, text) if m[0] == "Kabul"} == {"AF"}


def test_places_baltic_states_are_a_region_not_the_sea(nlp):
    assert [m[1] for m in _found(nlp, "Troops were sent to the Baltic states on Monday.")] == ["the Baltic states"]


def test_places_river_named_after_a_state_abroad_is_not_placed_at_the_focus(nlp, gaz):
    best = given_place(nlp, "Police in Paris said the Ohio River rose again.", "Ohio River")
    assert best.country == "US"


@pytest.mark.parametrize("text, name, town, country", [
    ("Rockets hit the Green Zone in the Iraqi capital on Friday.", "Green Zone", "Baghdad", "IQ"),
    ("Flights resumed at Mitiga International Airport, officials in Libya said.", "Mitiga International Airport",
     "Tripoli", "LY"),
    ("Clashes broke out at the Al-Aqsa Mosque on Friday.", "Al-Aqsa Mosque", "Jerusalem", "IL"),
])
def test_places_landmark_of_conflict_news_lies_in_its_town(nlp, text, name, town, country):
    assert (name, town, country) in _found(nlp, text)
