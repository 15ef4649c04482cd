"""Spread and change for an actor, on hand-made records."""

import pytest

from vigil.analysis import spread
from vigil.records import Actor, ActorMention, Document, Event, Extraction, Quote, Segment
from vigil.store import SQLiteStore

IS = Actor("islamic-state", "Islamic State", ("ISIS", "ISIL", "Daesh"), "Rebel group")
ISWAP = Actor("iswap", "Islamic State West Africa Province", ("ISWAP",), "Rebel group", "NG", parent="islamic-state")


def doc(doc_id, published, text="ISIS attacked."):
    return Document(id=doc_id, origin=doc_id, content_hash=doc_id * 4, text=text, original=text,
                    segments=(Segment(0, 0, len(text)),), published=published)


def event(actor, country, admin1, day, location):
    return Event(0, 4, "ISIS attacked the town.", 0, 22, "ASSAULT", actor1=actor.name, actor1_id=actor.id,
                 location=location, country=country, admin1=admin1, date=day, status="happened", confidence=0.9)


@pytest.fixture
def store(tmp_path):
    s = SQLiteStore(tmp_path / "v.db")
    rows = [
        ("a", "2024-01-10", event(IS, "SY", "Deir ez-Zor", "2024-01-09", "Mayadin")),
        ("b", "2024-02-10", event(IS, "SY", "Deir ez-Zor", "2024-02-09", "Mayadin")),
        ("c", "2024-05-20", event(IS, "SY", "Deir ez-Zor", "2024-05-19", "Mayadin")),
        ("d", "2024-05-25", event(IS, "SY", "Deir ez-Zor", "2024-05-24", "Mayadin")),
        ("e", "2024-05-28", event(ISWAP, "NG", "Borno", "2024-05-27", "Maiduguri")),
    ]
    items = [(doc(i, p), Extraction(i, events=(e,), actors=(ActorMention(0, 4, "ISIS", IS.id, IS.name),)), None)
             for i, p, e in rows]
    quote = Quote(0, 4, "ISIS", "direct", speaker="Nathan Sales")
    items.append((doc("f", "2024-05-29"), Extraction("f", quotes=(quote,), actors=(ActorMention(0, 4, "ISIS", IS.id, IS.name),)), None))
    s.write_batch(items, [IS, ISWAP])
    yield s
    s.close()


def test_spread_includes_affiliates_and_first_last_seen(store):
    result = spread(store, "Islamic State", today="2024-05-31")
    assert set(result.actor_ids) == {"islamic-state", "iswap"}
    areas = {(a.country, a.admin1): a for a in result.areas}
    assert areas[("SY", "Deir ez-Zor")].first_seen == "2024-01-09"
    assert areas[("SY", "Deir ez-Zor")].last_seen == "2024-05-24"
    assert areas[("NG", "Borno")].events == 1


def test_spread_new_areas_are_first_appearances_in_window(store):
    result = spread(store, "Islamic State", since="2024-05-01", today="2024-05-31")
    assert [(a.country, a.admin1) for a in result.new_areas] == [("NG", "Borno")]


def test_spread_reappearance_after_quiet_months_is_new(store):
    result = spread(store, "Islamic State", since="2024-05-01", today="2024-05-31", quiet_days=60)
    assert {(a.country, a.admin1) for a in result.new_areas} == {("NG", "Borno"), ("SY", "Deir ez-Zor")}


def test_spread_change_against_baseline(store):
    result = spread(store, "Islamic State", window_days=30, baseline_windows=4, today="2024-05-31")
    syria = next(c for c in result.changes if c.country == "SY")
    # windows of 30 days back from 31 May: two events in the last, two in the four before it
    assert syria.recent == 2 and syria.baseline == 0.5 and syria.ratio == 4.0


def test_spread_lists_who_speaks_about_it(store):
    result = spread(store, "ISIS", today="2024-05-31")
    assert result.speakers[0]["speaker"] == "Nathan Sales"


def test_spread_unknown_actor_is_empty(store):
    assert spread(store, "Nobody Brigade").areas == []
