"""What the rest of a document names besides countries: the states it names, dateline abbreviations,
and the obvious reading of a world city's name."""

import pytest

from vigil.places import gazetteer, resolve
from vigil.places.resolve import document_context


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
