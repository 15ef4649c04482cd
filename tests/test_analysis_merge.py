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


# -- rules of 2026-11-25: sub-event types one event may be told as, unnamed actors, bystanders, placeless and
# undated reports (the knowledge is in src/vigil/data/merge/) --

AL_SHABAAB = Actor("al-shabaab", "al-Shabaab", (), "Rebel group", "SO")
MILITANTS = Actor("unidentified-armed-group", "Unidentified Armed Group", ("militants",), "Rebel group")
TROOPS = Actor("unidentified-state-forces", "Military Forces (unidentified country)", ("troops",), "State forces")
UN = Actor("un", "United Nations", ("UN",), "International organisation")
ACTORS = [IS, SDF, CENTCOM, US_FORCES, AL_SHABAAB, MILITANTS, TROOPS, UN]


def report(day="2019-01-01", sub_event="Armed clash", actor1=None, actor2=None, place=("Hajin", 1, "SY", 1),
           time_precision=1):
    location, geonameid, country, precision = place or (None, None, None, None)
    return Event(0, 6, "A report.", 0, 9, "ASSAULT", acled_sub_event_type=sub_event,
                 actor1=actor1.name if actor1 else None, actor1_id=actor1.id if actor1 else None,
                 actor2=actor2.name if actor2 else None, actor2_id=actor2.id if actor2 else None,
                 location=location, geonameid=geonameid, country=country, admin1="Deir ez-Zor" if precision == 1 else None,
                 geo_precision=precision, date=day, time_precision=time_precision if day else None,
                 status="happened", confidence=0.9)


SYRIA = ("Syria", 163843, "SY", 3)


def store_of(tmp_path, articles):
    """One article per item: (published day, its event reports)."""
    store = SQLiteStore(tmp_path / "v.db")
    items = []
    for n, (published, events) in enumerate(articles):
        d = doc(f"d{n}", published)
        items.append((d, Extraction(d.id, events=tuple(events)), None))
    store.write_batch(items, ACTORS)
    return store


def groups_of(store) -> list[set[str]]:
    merge_events(store)
    grouped: dict[str, set[str]] = {}
    for row in store.query("SELECT event_id, group_id FROM event_groups"):
        grouped.setdefault(row["group_id"], set()).add(row["event_id"])
    return sorted(grouped.values(), key=sorted)


def test_merge_joins_an_attack_and_a_suicide_bombing_on_the_same_day_in_the_same_town(tmp_path):
    store = store_of(tmp_path, [("2019-01-01", [report(sub_event="Armed clash")]),
                                ("2019-01-01", [report(sub_event="Suicide bomb", actor1=IS)])])
    assert groups_of(store) == [{"d0-e1", "d1-e1"}]


def test_merge_keeps_apart_a_strike_reported_in_a_country_and_a_car_bomb_in_a_town_of_it(tmp_path):
    """Same day and country, compatible wording, but nothing corroborates: a strike 'in Syria' by the U.S. and a car
    bomb in Hajin by nobody named may be two events."""
    store = store_of(tmp_path, [("2019-01-01", [report(actor1=US_FORCES, actor2=IS, place=SYRIA)]),
                                ("2019-01-01", [report(sub_event="Remote explosive/landmine/IED")])])
    assert len(groups_of(store)) == 2


def test_merge_joins_a_strike_and_an_airstrike_by_the_same_command_in_one_country(tmp_path):
    store = store_of(tmp_path, [("2019-01-01", [report(actor1=CENTCOM, place=SYRIA)]),
                                ("2019-01-01", [report(sub_event="Air/drone strike", actor1=US_FORCES, place=SYRIA)])])
    assert len(groups_of(store)) == 1


def test_merge_keeps_apart_an_airstrike_and_a_suicide_bombing(tmp_path):
    store = store_of(tmp_path, [("2019-01-01", [report(sub_event="Air/drone strike", actor1=US_FORCES)]),
                                ("2019-01-01", [report(sub_event="Suicide bomb", actor1=US_FORCES)])])
    assert len(groups_of(store)) == 2


def test_merge_keeps_apart_compatible_wordings_in_one_town_known_only_to_the_week(tmp_path):
    store = store_of(tmp_path, [("2019-01-01", [report(time_precision=2)]),
                                ("2019-01-03", [report("2019-01-03", sub_event="Shelling/artillery/missile attack")])])
    assert len(groups_of(store)) == 2


def test_merge_unnamed_militants_agree_with_a_named_armed_group_but_not_with_troops(tmp_path):
    store = store_of(tmp_path, [("2019-01-01", [report(actor1=US_FORCES, actor2=AL_SHABAAB)]),
                                ("2019-01-01", [report(actor1=US_FORCES, actor2=MILITANTS)])])
    assert len(groups_of(store)) == 1
    (tmp_path / "troops").mkdir()
    store = store_of(tmp_path / "troops", [("2019-01-01", [report(actor1=US_FORCES, actor2=AL_SHABAAB)]),
                                           ("2019-01-01", [report(actor1=US_FORCES, actor2=TROOPS)])])
    assert len(groups_of(store)) == 2


def test_merge_takes_the_un_named_as_the_side_of_an_attack_for_unnamed(tmp_path):
    """'The Security Council condemned the attack' can make the UN the attack's actor 1: it must not contradict
    the rewrite's attacker."""
    store = store_of(tmp_path, [("2019-01-01", [report(actor1=UN)]), ("2019-01-01", [report(actor1=IS)])])
    assert len(groups_of(store)) == 1


def test_merge_places_a_placeless_report_in_its_articles_only_country(tmp_path):
    release = [report(actor1=CENTCOM, place=None), report("2019-01-02", sub_event="Attack", place=SYRIA)]
    store = store_of(tmp_path, [("2019-01-02", release), ("2019-01-02", [report(actor1=US_FORCES, place=SYRIA)])])
    assert {"d0-e1", "d1-e1"} in groups_of(store)
    (tmp_path / "two").mkdir()
    release = [report(actor1=CENTCOM, place=None), report("2019-01-02", sub_event="Attack", place=SYRIA),
               report("2019-01-02", sub_event="Attack", place=("Iraq", 99237, "IQ", 3))]
    store = store_of(tmp_path / "two", [("2019-01-02", release), ("2019-01-02", [report(actor1=US_FORCES, place=SYRIA)])])
    assert {"d0-e1"} in groups_of(store)  # the article names two countries: the report stays unplaced


def test_merge_keeps_an_undated_report_apart_from_the_one_dated_report_that_matches_it(tmp_path):
    """Two UN statements condemning al-Shabaab attacks in Mogadishu, one without any date: with the same actors and
    town years apart, nothing tells they are one event (the demo corpus has this pair)."""
    store = store_of(tmp_path, [(None, [report(None, actor1=SDF, actor2=IS)]),
                                ("2019-01-01", [report(actor1=SDF, actor2=IS)])])
    assert len(groups_of(store)) == 2



def test_merge_joins_a_headline_dated_by_its_article_to_the_lead_that_gives_the_day(tmp_path):
    headline = report("2019-01-02", actor1=US_FORCES, place=SYRIA, time_precision=2)
    lead = report("2019-01-01", sub_event="Air/drone strike", actor1=CENTCOM, actor2=IS)
    assert groups_of(store_of(tmp_path, [("2019-01-02", [headline, lead])])) == [{"d0-e1", "d0-e2"}]


def test_merge_leaves_a_roundups_summary_alone_when_its_article_tells_two_strikes(tmp_path):
    """'The U.S. struck ISIS twice this week. On Monday ... near Hajin. On Wednesday ... near Hajin.'"""
    summary = report("2019-01-04", actor1=US_FORCES, actor2=IS, place=SYRIA, time_precision=2)
    monday = report("2019-01-01", actor1=US_FORCES, actor2=IS)
    wednesday = report("2019-01-03", actor1=US_FORCES, actor2=IS)
    assert len(groups_of(store_of(tmp_path, [("2019-01-04", [summary, monday, wednesday])]))) == 3

# Floors on the merge evaluation set (benchmarks/merge_set), a little under the figures measured on main at the
# end of 2026-12-04 (docs/merge.md), after the places, event typing, actor, event place and event date changes
# of that day: pairwise precision must stay perfect, recall must not fall back. "all-but-dev3" is the set of
# 2026-11-25. dev3's recall floor is 0.28, under the 0.357 its author measured before those changes: one dev3
# pair came apart with them while "all" rose from 0.509 to 0.585 and "fresh" from 0.333 to 0.889.
MERGE_SET_FLOORS = {"all": {"pairwise.precision": 1.0, "pairwise.recall": 0.57, "bcubed.f1": 0.87},
                    "all-but-dev3": {"pairwise.precision": 1.0, "pairwise.recall": 0.68, "bcubed.f1": 0.90},
                    "old": {"pairwise.recall": 0.80},
                    "dev2": {"pairwise.precision": 1.0, "pairwise.recall": 1.0},
                    "heldout": {"pairwise.precision": 1.0, "pairwise.recall": 0.55},
                    "fresh": {"pairwise.precision": 1.0, "pairwise.recall": 0.85},
                    "dev3": {"pairwise.precision": 1.0, "pairwise.recall": 0.28}}


@pytest.mark.slow
def test_merge_set_scores_stay_above_floors(tmp_path):
    import sys

    sys.path.insert(0, str(SET.parents[1]))
    import merge_eval

    from vigil.store import open_store

    db = str(tmp_path / "set.db")
    gold = merge_eval.read_gold(SET.parent / "gold.tsv")
    merge_eval.ingest(db, SET)
    store = open_store(db)
    results = merge_eval.evaluate(store, gold)
    store.close()
    for split, floors in MERGE_SET_FLOORS.items():
        for name, floor in floors.items():
            group, metric = name.split(".")
            assert results[split][group][metric] >= floor, f"{split} {name} fell to {results[split][group][metric]}"


# -- rules of 2026-12-04 --

ADF = Actor("adf", "Allied Democratic Forces", ("ADF",), "Rebel group", "CD", parent="iscap")


def test_merge_follows_belonging_through_an_actor_no_article_named(tmp_path):
    """ADF belongs to Islamic State Central Africa Province, which belongs to Islamic State (data/actors/groups.tsv):
    an annual report's ADF attack and a rewrite's Islamic State attack agree on the attacker although no article
    names the province, so the store holds no row for it."""
    store = SQLiteStore(tmp_path / "v.db")
    items = []
    for n, actor in enumerate((ADF, IS)):
        d = doc(f"d{n}", "2019-04-17")
        items.append((d, Extraction(d.id, events=(report("2019-04-16", actor1=actor, place=("Kamango", 7, "CD", 1)),)), None))
    store.write_batch(items, [ADF, IS])
    assert store.scalar("SELECT count(*) FROM actors WHERE id = 'iscap'") == 0
    assert len(groups_of(store)) == 1
    (tmp_path / "sdf").mkdir()
    store = SQLiteStore(tmp_path / "sdf" / "v.db")
    items = []
    for n, actor in enumerate((ADF, SDF)):  # an armed group of another lineage stays another attacker
        d = doc(f"d{n}", "2019-04-17")
        items.append((d, Extraction(d.id, events=(report("2019-04-16", actor1=actor, place=("Kamango", 7, "CD", 1)),)), None))
    store.write_batch(items, [ADF, SDF])
    assert len(groups_of(store)) == 2


def test_merge_joins_a_syndicated_copys_report_to_its_originals_even_at_sea(tmp_path):
    """A report placed in no country ('in the Red Sea') never merges by the rules; its syndicated copy (an article
    the duplicate finder linked to it) repeats the same sentence and is the same report. Another article with the
    same words but no link stays apart."""
    import dataclasses

    at_sea = report(actor1=IS, place=None)
    store = SQLiteStore(tmp_path / "v.db")
    items = []
    for n in range(3):
        d = doc(f"d{n}", "2019-01-01")
        if n == 1:
            d = dataclasses.replace(d, duplicate_of="d0")
        items.append((d, Extraction(d.id, events=(at_sea,)), None))
    store.write_batch(items, ACTORS)
    assert groups_of(store) == [{"d0-e1", "d1-e1"}, {"d2-e1"}]


def test_merge_takes_one_region_spelt_two_ways_as_one_and_keeps_two_regions_apart(tmp_path):
    """The gazetteer's sources name Saudi Arabia's Asir "Mintaqat `Asir" (a town's region, GeoNames) and "Asir"
    (the region itself, countrystatecity): a UN statement placing an attack 'in the Asir region' and a report from
    Abha agree; Asir and Makkah do not (data/merge/admin1_words.tsv)."""
    import dataclasses

    def in_region(name, published="2015-08-06"):
        return dataclasses.replace(report("2015-08-06", actor1=IS, place=(name, None, "SA", 2)), admin1=name)

    store = store_of(tmp_path, [("2015-08-06", [in_region("Mintaqat `Asir")]), ("2015-08-07", [in_region("Asir")])])
    assert len(groups_of(store)) == 1
    (tmp_path / "two").mkdir()
    store = store_of(tmp_path / "two", [("2015-08-06", [in_region("Mintaqat `Asir")]),
                                        ("2015-08-07", [in_region("Mintaqat Makkah")])])
    assert len(groups_of(store)) == 2


BAGHDAD = ("Baghdad", 98182, "IQ", 1)


def test_merge_keeps_a_headline_naming_nobody_apart_from_another_event_of_its_town_that_week(tmp_path):
    """'Iranian general Soleimani killed in Baghdad' (a headline dated only by its article, naming no actor) must not
    join the attack on the U.S. Embassy in Baghdad three days before; with one actor named by both it may."""
    headline = report("2020-01-03", place=BAGHDAD, time_precision=2)
    embassy = report("2019-12-31", actor1=MILITANTS, actor2=US_FORCES, place=BAGHDAD)
    store = store_of(tmp_path, [("2019-12-31", [embassy]), ("2020-01-03", [headline])])
    assert len(groups_of(store)) == 2
    (tmp_path / "named").mkdir()
    headline = report("2020-01-03", actor2=US_FORCES, place=BAGHDAD, time_precision=2)
    store = store_of(tmp_path / "named", [("2019-12-31", [embassy]), ("2020-01-03", [headline])])
    assert len(groups_of(store)) == 1


def test_kept_apart_names_the_checks_two_reports_fail():
    """merge_eval --errors reads each missed pair by cause: a Nairobi dateline against Somalia fails on the place."""
    from vigil.analysis.merge import ActorCatalogue, kept_apart

    def row(doc_id, country, location):
        return {"id": doc_id + "-e1", "doc_id": doc_id, "event_type": "ASSAULT", "acled_sub_event_type": "Armed clash",
                "actor1_id": "forces-us", "actor2_id": "al-shabaab", "location": location, "geonameid": None,
                "country": country, "admin1": None, "geo_precision": 3, "date": "2016-08-30", "time_precision": 1,
                "status": "happened", "published": "2016-08-31"}

    catalogue = ActorCatalogue({"forces-us": None, "al-shabaab": None})
    [reason] = kept_apart(row("d0", "SO", "Somalia"), row("d1", "KE", "Nairobi"), catalogue)
    assert reason.startswith("places Somalia (SO, 3)/Nairobi (KE, 3)")
    assert kept_apart(row("d0", "SO", "Somalia"), row("d1", "SO", "Somalia"), catalogue) == []
