"""Summary tables kept at write time equal the ones rebuilt from the rows; fast query paths give the same answers."""

import dataclasses

import pytest

from tests.test_analysis_spread import IS, ISWAP, doc, event
from vigil.records import ActorMention, Extraction, Quote
from vigil.store import SQLiteStore, queries, summaries

TABLES = list(summaries.SUMMARIES) + ["quote_actors", "speaker_doc_combos"]


def snapshot(store) -> dict:
    """Every summary row; an area's place names as a set (backends concatenate them in different orders)."""
    def row(r):
        return tuple(",".join(sorted(v.split(","))) if k == "places" and v else v for k, v in r.items())
    return {t: sorted(row(r) for r in store.query(f"SELECT * FROM {t}")) for t in TABLES}


def fill(s):
    mention = ActorMention(0, 4, "ISIS", IS.id, IS.name)
    rows = [
        ("a", "2024-01-10", event(IS, "SY", "Deir ez-Zor", "2024-01-09", "Mayadin")),
        ("b", "2024-02-10", event(IS, "SY", "Deir ez-Zor", None, "Mayadin")),
        ("c", "2024-05-20", dataclasses.replace(event(IS, "SY", "Deir ez-Zor", "2024-05-19", "Hajin"),
                                                actor2="Islamic State West Africa Province", actor2_id=ISWAP.id)),
        ("d", "2024-05-25", event(ISWAP, "NG", "Borno", "2024-05-24", "Maiduguri")),
        ("e", "2024-06-02", dataclasses.replace(event(ISWAP, "NG", None, "2024-06-01", "Nigeria"), status="hypothetical")),
    ]
    quote = Quote(0, 4, "ISIS", "direct", speaker="Nathan Sales", speaker_actor_id=ISWAP.id)
    items = [(doc(i, p), Extraction(i, events=(e, e), actors=(mention,), quotes=(quote,)), None) for i, p, e in rows]
    s.write_batch(items[:2], [IS, ISWAP])  # two batches: the second merges into stored summary rows
    s.write_batch(items[2:], [IS, ISWAP])
    return s


@pytest.fixture
def store(tmp_path):
    s = fill(SQLiteStore(tmp_path / "v.db"))
    yield s
    s.close()


def answers(store) -> dict:
    from vigil.analysis import spread

    result = spread(store, "Islamic State", since="2024-05-01", today="2024-06-30").as_dict()
    return {
        "summaries": snapshot(store),
        "countries": queries.event_countries(store, since="2024-01-15", until="2024-05-31"),
        "timeline": queries.event_timeline(store, actor="islamic"),
        "events": [e["id"] for e in queries.events(store, actor="Islamic State", limit=4)],
        "quotes": [q["id"] for q in queries.quotes(store, actor="iswap", limit=10)],
        "places": queries.place_counts(store),
        "speakers": queries.quote_speakers(store, actor=ISWAP.id),
        "spread": {k: result[k] for k in ("areas", "new_areas", "changes", "timeline", "speakers")},
    }


@pytest.mark.slow
def test_summaries_and_fast_paths_same_on_postgres(store, fresh_postgres):
    from vigil.store import open_store

    pg = fill(open_store(fresh_postgres))
    try:
        kept = answers(pg)
        summaries.rebuild(pg)
        assert answers(pg) == kept == answers(store)
    finally:
        pg.close()


def test_summaries_written_batch_by_batch_equal_a_rebuild_from_rows(store):
    kept = snapshot(store)
    summaries.rebuild(store)
    assert snapshot(store) == kept
    assert kept["actor_areas"]  # the tables were filled


def test_summary_of_a_family_counts_an_event_between_two_members_once(store):
    head = {r["admin1"]: r for r in store.query(
        "SELECT * FROM actor_areas WHERE actor_id = ? AND country = 'SY'", (IS.id,))}
    # documents a, b, c each report two events in Deir ez-Zor; c's are between IS and its affiliate ISWAP
    assert head["Deir ez-Zor"]["events"] == 6 and head["Deir ez-Zor"]["documents"] == 3


def test_events_after_cursor_continues_the_listing(store):
    everything = [e["id"] for e in queries.events(store)]
    first = [e["id"] for e in queries.events(store, limit=3)]
    rest = [e["id"] for e in queries.events(store, limit=100, after=first[-1])]
    assert first + rest == everything


def test_countries_between_dates_agree_with_counting_the_events(store):
    for since, until in [("2024-01-10", "2024-05-24"), ("2024-01", "2024-06-30"), (None, "2024-05-19"), ("2024-02-01", None)]:
        expected = {}
        for e in queries.events(store, since=since, until=until):
            if e["country"]:
                expected[e["country"]] = expected.get(e["country"], 0) + 1
        got = {r["country"]: r["events"] for r in queries.event_countries(store, since=since, until=until)}
        assert got == expected, (since, until)


def test_timeline_by_actor_counts_each_event_once(store):
    rows = queries.event_timeline(store, actor="Islamic State")  # matches IS and ISWAP
    assert sum(r["events"] for r in rows) == 10
    assert {r["month"] for r in rows} == {"2024-01", None, "2024-05", "2024-06"}


def test_document_found_by_id_prefix(store):
    assert queries.document(store, "a")["id"] == "a"


def test_quotes_text_found_by_substring_through_the_trigram_index(store):
    everything = [q["id"] for q in queries.quotes(store)]
    assert [q["id"] for q in queries.quotes(store, text="sis", limit=100)] == everything  # inside "ISIS", any case
    assert list(queries.quotes(store, text="Daesh", limit=100)) == []


@pytest.mark.parametrize("probe, scan, rare", [(5000, 50_000, 1500), (4, 8, 3), (4, 1000, 3), (2, 8, 100), (1, 1, 0)])
def test_quotes_text_page_is_the_same_along_every_read(tmp_path, monkeypatch, probe, scan, rare):
    """The first quotes in date order, a longer date-ordered read, or the sorted trigram matches: the same page."""
    monkeypatch.setattr(queries, "TEXT_PROBE", probe)
    monkeypatch.setattr(queries, "COMMON_SCAN", scan)
    monkeypatch.setattr(queries, "RARE_MATCHES", rare)
    texts = ["Troops shelled the town", "The ceasefire holds", "They shelled it again", "No comment",
             "Shelling went on all night", "We want peace"]
    s = SQLiteStore(tmp_path / "t.db")
    try:
        items = []
        for n in range(24):  # the last documents (latest dates) hold most of the shelling
            text = texts[(n * 5) % len(texts)] if n < 12 else texts[n % 3 * 2]
            quote = Quote(0, 4, text, "direct", speaker=f"Speaker {n % 4}")
            published = None if n % 7 == 0 else f"2024-{1 + n % 12:02d}-{1 + n:02d}"
            items.append((doc(f"d{n:02d}", published), Extraction(f"d{n:02d}", quotes=(quote,)), None))
        s.write_batch(items, [IS, ISWAP])
        everything = list(queries.quotes(s))
        for word in ("shell", "ceasefire", "peace", "absent", "e"):
            wanted = [q["id"] for q in everything if word.lower() in q["text"].lower()]
            for limit, offset in ((3, 0), (5, 2), (100, 0)):
                got = [q["id"] for q in queries.quotes(s, text=word, limit=limit, offset=offset)]
                assert got == wanted[offset:offset + limit], (word, limit, offset)
    finally:
        s.close()
