"""Event dates: the year a report is about, and which date of a sentence belongs to the event (vigil.dates.events)."""

from vigil.dates import find_dates
from vigil.dates.events import event_date
from vigil.events import extract_events


def value_of(text, published, phrase):
    start = text.index(phrase)
    return next(t.value for t in find_dates(text, published) if t.start == start)


def date_of(nlp, text, published, trigger, occurrence=0):
    doc = nlp(text)
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(trigger, start + 1)
    span = doc.char_span(start, start + len(trigger), alignment_mode="expand")
    return event_date(span, find_dates(text, published), published)


REPORT = ("Country Reports on Terrorism 2019: Niger\n\n"
          "Overview: Niger faces terrorist threats on most of its borders.\n\n"
          "2019 Terrorist Incidents: Terrorist organizations carried out dozens of attacks in Niger during 2019.\n"
          "On January 14, an ambulance carrying civilians was struck by an IED in the Tillabery region.\n"
          "In March, gunmen attacked a gendarmerie post near the border.\n"
          "On December 27, militants attacked a military camp.")


# -- the year of a day without one ----------------------------------------------------------------------------


def test_year_anchoring_day_in_an_annual_report_takes_the_year_of_its_title():
    assert value_of(REPORT, "2020-06-24", "January 14") == "2019-01-14"
    assert value_of(REPORT, "2020-06-24", "December 27") == "2019-12-27"


def test_year_anchoring_month_alone_takes_the_year_of_the_heading():
    assert value_of(REPORT, "2020-06-24", "March") == "2019-03"


def test_year_anchoring_a_heading_label_before_a_colon_sets_the_year():
    text = ("2021 Terrorist Incidents: Terrorist organizations carried out at least 74 attacks during the year.\n"
            "On March 16, terrorists attacked three villages.")
    # without the heading, 16 March is three weeks after publication: kept in the publication year
    assert value_of("On March 16, terrorists attacked three villages.", "2023-02-27", "March 16") == "2023-03-16"
    assert value_of(text, "2023-02-27", "March 16") == "2021-03-16"


def test_year_anchoring_a_heading_of_the_publication_year_changes_nothing():
    text = "Security Review 2019\n\nOn December 27, militants attacked a military camp."
    assert value_of(text, "2019-12-30", "December 27") == "2019-12-27"
    assert value_of(text, "2020-01-03", "December 27") == "2019-12-27"  # the usual rule: the year before


def test_year_anchoring_a_full_date_in_news_text_does_not_move_a_later_month():
    text = ("The two were charged in the Dec. 21, 1988, bombing of Pan Am Flight 103. They were removed from the "
            "list after Libya agreed in April to hand them over.")
    assert value_of(text, "1999-06-07", "April") == "1999-04"


def test_year_anchoring_without_publication_a_full_date_of_the_paragraph_gives_the_year():
    text = "On 3 March 2024, a drone struck the ship. On 6 March, a missile hit a second vessel."
    assert value_of(text, None, "6 March") == "2024-03-06"


def test_dates_a_day_and_month_before_a_name_are_no_date():
    text = "Troops were diverted to fight the March 23 Movement in North Kivu."
    assert [t.text for t in find_dates(text, "2023-11-30")] == []


# -- which date is the event's ---------------------------------------------------------------------------------


def test_event_date_the_clause_of_the_event_over_the_reporting_verb(nlp):
    text = "The army said on Thursday that militants attacked the base on Tuesday."
    assert date_of(nlp, text, "2019-08-02", "attacked") == ("2019-07-30", None, 1)
    assert date_of(nlp, text, "2019-08-02", "said") == ("2019-08-01", None, 1)


def test_event_date_the_reporting_verb_day_when_the_event_has_none(nlp):
    text = "US officials said Thursday that militants attacked the base."
    assert date_of(nlp, text, "2019-08-02", "attacked") == ("2019-08-01", None, 1)


def test_event_date_the_precise_day_over_the_vague_period(nlp):
    text = ("The group declared its allegiance in late 2018 and claimed its first attack, on an army base near "
            "Kamango on April 16.")
    assert date_of(nlp, text, "2020-06-24", "attack") == ("2020-04-16", None, 1)


def test_event_date_a_statement_is_dated_by_its_own_day_not_the_attack_it_speaks_of(nlp):
    text = "The members of the Security Council condemned the terrorist attack of 28 December 2019 in Mogadishu."
    assert date_of(nlp, text, "2019-12-29", "condemned") == ("2019-12-29", None, 2)
    assert date_of(nlp, text, "2019-12-29", "attack") == ("2019-12-28", None, 1)


def test_event_date_the_previous_sentence_gives_the_day_of_a_story_that_goes_on(nlp):
    text = ("Gunmen attacked a checkpoint near Kabul airport on 26 August 2021. The attack killed dozens of "
            "civilians.")
    assert date_of(nlp, text, "2021-08-27", "killed") == ("2021-08-26", None, 1)


def test_event_date_the_previous_sentence_is_no_date_for_a_statement_of_how_things_are(nlp):
    text = ("The group attacked an army base near Kamango on April 16. The group has been present in Beni for "
            "years and recruits fighters from around the region.")
    assert date_of(nlp, text, "2019-08-02", "recruits") == ("2019-08-02", None, 2)


def test_event_date_the_previous_sentence_in_another_paragraph_is_no_date(nlp):
    text = "Gunmen attacked a checkpoint on 26 August 2021.\nThe army killed ten fighters."
    assert date_of(nlp, text, "2021-08-30", "killed") == ("2021-08-30", None, 2)


def test_event_date_an_undated_sentence_of_an_annual_report_covers_its_year(nlp):
    assert date_of(nlp, REPORT, "2020-06-24", "threats") == ("2019-01-01", "2019-12-31", 3)


def test_event_date_the_term_of_a_comparison_is_not_the_event_date(nlp):
    text = "These attacks resulted in fewer casualties in 2018 than in 2017."
    assert date_of(nlp, text, "2019-11-01", "attacks") == ("2018-01-01", "2018-12-31", 3)


def test_event_date_a_participle_of_another_clause_keeps_its_own_date(nlp):
    text = "Of the 276 students abducted in Chibok in 2014, 112 remained missing at the end of 2018."
    assert date_of(nlp, text, "2019-11-01", "abducted") == ("2014-01-01", "2014-12-31", 3)


def test_event_date_from_one_date_to_another_is_one_period(nlp):
    text = "From 2012 to the end of 2017, the United States executed $240 million in security assistance."
    assert date_of(nlp, text, "2018-09-19", "executed") == ("2012-01-01", "2017-12-31", None)


def test_events_stage_dates_events_with_event_date(nlp):
    text = "The army said on Thursday that militants attacked the base on Tuesday."
    doc = nlp(text)
    events = extract_events(doc, dates=find_dates(text, "2019-08-02"), published="2019-08-02")
    attacked = next(e for e in events if text[e.start:e.end] == "attacked")
    assert (attacked.date, attacked.time_precision) == ("2019-07-30", 1)


def test_event_date_each_event_of_a_sentence_takes_the_date_that_hangs_on_it(nlp):
    text = ("The group recognized the militia as an affiliate in late 2018 and claimed attacks starting in April "
            "2019 after an attack on an army base near Kamango on April 16.")
    assert date_of(nlp, text, "2019-08-02", "recognized") == ("2018-09-02", "2018-12-31", 3)
    assert date_of(nlp, text, "2019-08-02", "attacks") == ("2019-04-01", "2019-04-30", 3)
    assert date_of(nlp, text, "2019-08-02", "attack", occurrence=1) == ("2019-04-16", None, 1)


def test_event_date_since_after_a_superlative_is_a_comparison_not_the_start(nlp):
    text = ("After the leader's death in May, thousands of fighters surrendered in the largest wave of defections "
            "since 2002.")
    assert date_of(nlp, text, "2021-12-01", "surrendered") == ("2021-05-01", "2021-05-31", 3)


def test_event_dates_benchmark_counts_right_wrong_skipped_and_missing_rows(monkeypatch):
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "benchmarks"))
    import event_dates

    judged = [
        {"file": "a.txt", "start": "10", "trigger": "attacked", "date": "2019-01-14", "date_end": "", "kind": "year", "note": ""},
        {"file": "a.txt", "start": "50", "trigger": "threats", "date": "2019-01-01", "date_end": "2019-12-31", "kind": "year", "note": ""},
        {"file": "b.txt", "start": "5", "trigger": "condemned", "date": "none", "date_end": "", "kind": "statement", "note": ""},
        {"file": "b.txt", "start": "9", "trigger": "backed", "date": "skip", "date_end": "", "kind": "skip", "note": ""},
        {"file": "c.txt", "start": "1", "trigger": "raid", "date": "2020-02-02", "date_end": "", "kind": "year", "note": ""},
    ]
    events = {("a.txt", 10): {"date": "2019-01-14", "date_end": None},
              ("a.txt", 50): {"date": "2020-06-24", "date_end": None},
              ("b.txt", 5): {"date": None, "date_end": None},
              ("b.txt", 9): {"date": "2020-06-24", "date_end": None}}
    result = event_dates.score(judged, events)
    assert (result["judged"], result["right"], result["missing"]) == (3, 2, 1)
    assert result["by_kind"] == {"statement": "1/1", "year": "1/2"}
    assert len(result["errors"]) == 1 and "threats" in result["errors"][0]


def test_event_date_a_statement_going_on_from_a_dated_verb_takes_its_day(nlp):
    text = "The father lashed out at his relatives on Sunday, accusing them of turning his son against him."
    assert date_of(nlp, text, "2000-04-18", "accusing") == ("2000-04-16", None, 1)


def test_event_date_a_date_before_another_event_noun_is_that_event_date(nlp):
    text = ("The minister said on Tuesday that she was heartened by cooperation from Kenya in probing last "
            "Friday's bombings of the embassies.")
    assert date_of(nlp, text, "1998-08-11", "cooperation") == ("1998-08-11", None, 1)
    assert date_of(nlp, text, "1998-08-11", "bombings") == ("1998-08-07", None, 1)


def test_event_dates_ignore_a_publication_date_that_is_no_date(nlp):
    """Scraped metadata such as "9:55 AM ET" is no publication day: the event is undated, and nothing raises."""
    from vigil.dates import extract_dates
    from vigil.dates.events import event_date
    from vigil.records import ExtractionContext

    doc = nlp("Militants have attacked the base for three days.")
    dates = extract_dates(doc, ExtractionContext(published=None))
    trigger = doc[2:3]
    assert event_date(trigger, dates, "9:55 AM ET") == (None, None, None)
    assert event_date(trigger, dates, "2020-03-04")[1] == "2020-03-04"


def test_event_date_reads_a_publication_date_written_out_as_the_tagger_does(nlp):
    """A scraped page's date header is not ISO ("Wed Nov 23, 2016"): an undated event still takes that day."""
    assert date_of(nlp, "Gunmen attacked a police station.", "Wed Nov 23, 2016", "attacked") == ("2016-11-23", None, 2)
