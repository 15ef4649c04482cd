"""Reports of one real event from several articles become one event with all its sources."""

from pathlib import Path

import pytest

from tests.test_analysis_spread import IS, doc
from vigil.analysis import merge_events, merged_events
from vigil.records import Actor, Event, Extraction
from vigil.store import SQLiteStore

SDF = Actor("sdf", "Syrian Democratic Forces", ("SDF",), "Rebel group", "SY")


def strike(day, place="Hajin", geonameid=1, precision=1, fatalities=None, status="happened", actor=SDF):
    return Event(0, 6, "The SDF attacked ISIS in Hajin.", 0, 30, "ASSAULT", acled_event_type="Battles",
                 acled_sub_event_type="Armed clash", actor1=actor.name, actor1_id=actor.id, actor2=IS.name,
                 actor2_id=IS.id, location=place, geonameid=geonameid, country="SY", admin1="Deir ez-Zor",
                 geo_precision=precision, date=day, time_precision=1, status=status, fatalities=fatalities,
                 confidence=0.9)


def store_with(tmp_path, events, duplicates=()):
    store = SQLiteStore(tmp_path / "v.db")
    items = []
    for n, event in enumerate(events):
        d = doc(f"d{n}", "2019-01-0" + str(n + 1))
        if n in duplicates:
            import dataclasses
            d = dataclasses.replace(d, duplicate_of="d0")
        items.append((d, Extraction(d.id, events=(event,)), None))
    store.write_batch(items, [IS, SDF])
    return store


def test_merge_joins_reports_of_one_event_and_counts_outlets(tmp_path):
    store = store_with(tmp_path, [strike("2019-01-01", fatalities=12), strike("2019-01-01", fatalities=9),
                                  strike("2019-01-02")], duplicates=(1,))
    report = merge_events(store)
    assert (report.events, report.groups, report.merged_reports) == (3, 1, 2)
    [event] = merged_events(store)
    assert event["doc_ids"] == ["d0", "d1", "d2"] and event["reports"] == 3
    assert event["independent_outlets"] == 2  # d1 is a syndicated copy of d0
    assert event["fatalities"] == 9  # ACLED: the lowest figure reported
    assert event["earliest_report"] == "2019-01-01"


def test_merge_keeps_apart_other_places_dates_actors_and_unreal_events(tmp_path):
    other_actor = Actor("forces-sy", "Military Forces of Syria", (), "State forces", "SY")
    store = store_with(tmp_path, [strike("2019-01-01"), strike("2019-01-01", place="Raqqa", geonameid=2),
                                  strike("2019-01-20"), strike("2019-01-01", actor=other_actor),
                                  strike("2019-01-01", status="hypothetical")])
    assert merge_events(store).groups == 5


def test_merge_is_rerun_safely(tmp_path):
    store = store_with(tmp_path, [strike("2019-01-01"), strike("2019-01-01")])
    merge_events(store)
    assert merge_events(store).groups == 1
    assert store.scalar("SELECT count(*) FROM event_groups") == 2


CENTCOM = Actor("centcom", "U.S. Central Command", ("CENTCOM",), "State forces", "US", parent="forces-us")
US_FORCES = Actor("forces-us", "Military Forces of United States", (), "State forces", "US")


def test_merge_reports_naming_an_actor_and_the_force_it_belongs_to_are_one_event(tmp_path):
    store = store_with(tmp_path, [strike("2019-01-01", actor=CENTCOM), strike("2019-01-01", actor=US_FORCES),
                                  strike("2019-01-01", actor=Actor("forces-sy", "Military Forces of Syria", (), "State forces", "SY"))])
    store.write_batch([], [CENTCOM, US_FORCES])
    assert merge_events(store).groups == 2


def test_merged_event_links_each_report_and_counts_one_source_once(tmp_path):
    import dataclasses

    store = SQLiteStore(tmp_path / "v.db")
    items = []
    for n, (source, event) in enumerate([("Horn Wire", strike("2019-01-01", place=None, geonameid=None, precision=None)),
                                         ("Horn Wire", strike("2019-01-02", fatalities=4)),
                                         ("Levant Report", strike("2019-01-01", fatalities=3))]):
        d = dataclasses.replace(doc(f"d{n}", f"2019-01-0{n + 1}"), source=source, content_hash=f"h{n}" * 8)
        items.append((d, Extraction(d.id, events=(event,)), None))
    store.write_batch(items, [IS, SDF])
    merge_events(store)
    [event] = merged_events(store)
    assert sorted(event["report_ids"]) == ["d0-e1", "d1-e1", "d2-e1"]
    assert event["independent_outlets"] == 2  # two articles of Horn Wire, one of Levant Report
    assert event["location"] == "Hajin" and event["agreement"]["location"] == 1.0  # the unplaced report does not disagree
    assert event["agreement"]["date"] == round(2 / 3, 2) and event["fatalities"] == 3


SET = Path(__file__).resolve().parents[1] / "benchmarks" / "merge_set" / "articles"


@pytest.mark.slow
def test_merge_set_rewrites_and_copies_join_look_alikes_stay_apart(tmp_path):
    """Real reports from the merge evaluation set: one airstrike told by CENTCOM, a rewrite and a syndicated
    copy of it must be one event from two outlets; strikes by the same actors in the same country months
    earlier, or in another country, must stay apart."""
    from vigil.api import Vigil

    names = ["e1-centcom-abu-yusif.html", "e2-rewrite-abu-yusif.html", "e3-syndicated-abu-yusif.html",
             "d2-rewrite-muhajir.html", "f2-rewrite-anbar.html"]
    with Vigil(str(tmp_path / "v.db")) as vigil:
        vigil.ingest([str(SET / name) for name in names])
        store = vigil.store
        doc_of = {Path(r["origin"]).name[:2]: r["id"] for r in store.query("SELECT id, origin FROM documents")}
        group_of = {r["event_id"]: r["group_id"] for r in store.query("SELECT event_id, group_id FROM event_groups")}

        def strike_group(prefix: str, words: str) -> str:
            [event_id] = [r["id"] for r in store.query(
                "SELECT id FROM events WHERE doc_id = ? AND event_type = 'ASSAULT' AND sentence LIKE ? ORDER BY start LIMIT 1",
                (doc_of[prefix], f"%{words}%"))]
            return group_of[event_id]

        abu_yusif = {strike_group(p, "Abu Yusif") for p in ("e1", "e2", "e3")}
        assert len(abu_yusif) == 1
        assert strike_group("d2", "Usamah al-Muhajir") not in abu_yusif
        assert strike_group("f2", "raided") not in abu_yusif
        [merged] = [row for row in merged_events(store) if row["id"] in abu_yusif]
        assert merged["independent_outlets"] == 2  # CENTCOM and the Euphrates Post; its syndicated copy counts once


def test_merge_keeps_apart_two_reports_with_only_a_country_and_a_week(tmp_path):
    """Headlines dated by their articles, six days apart, both only 'in Syria': too little to call them one event."""
    import dataclasses

    vague = [dataclasses.replace(strike(day, place="Syria", geonameid=163843, precision=3), time_precision=2)
             for day in ("2019-01-01", "2019-01-07")]
    store = store_with(tmp_path, vague)
    assert merge_events(store).groups == 2
    (tmp_path / "exact").mkdir()
    store = store_with(tmp_path / "exact", [strike("2019-01-01", place="Syria", geonameid=163843, precision=3),
                                            strike("2019-01-01", place="Syria", geonameid=163843, precision=3)])
    assert merge_events(store).groups == 1  # the same day in the same country still joins
