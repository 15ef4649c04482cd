"""Reports of one real event from several articles become one event with all its sources."""

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
