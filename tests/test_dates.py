from vigil.dates import find_dates, value_range


def one(text, published, phrase):
    found = [t for t in find_dates(text, published) if t.text == phrase]
    assert found, f"{phrase!r} not found in {[t.text for t in find_dates(text, published)]}"
    return found[0]


def test_dates_thursday_resolves_to_most_recent_before_publication():
    t = one("US officials said Thursday that the group remains a threat.", "2019-08-02", "Thursday")
    assert (t.value, t.range_start, t.time_precision) == ("2019-08-01", "2019-08-01", 1)


def test_dates_weekday_on_publication_day_is_that_day():
    assert one("The ministry said on Friday.", "2019-08-02", "Friday").value == "2019-08-02"


def test_dates_next_week_points_forward():
    t = one("Talks resume next week.", "2019-08-02", "next week")
    assert t.value == "2019-W32" and t.range_start == "2019-08-05" and t.time_precision == 2


def test_dates_since_aug_1_is_a_range_from_that_day_to_publication():
    t = one("Since Aug. 1 the forces have been backed by U.S. air strikes.", "2016-10-19", "Aug. 1")
    assert t.value == "2016-08-01"
    assert (t.range_start, t.range_end, t.time_precision) == ("2016-08-01", "2016-10-19", 3)


def test_dates_month_day_after_publication_is_last_year():
    assert one("The attack on Dec. 28 killed five.", "2017-01-10", "Dec. 28").value == "2016-12-28"


def test_dates_for_more_than_six_months_is_a_duration_ending_at_publication():
    t = one("They have been battling for more than six months.", "2016-10-19", "more than six months")
    assert (t.type, t.value) == ("DURATION", "P6M")
    assert (t.range_start, t.range_end, t.time_precision) == ("2016-04-20", "2016-10-19", 3)


def test_dates_decade_is_a_range_without_day_precision():
    t = one("a conflict in the 1990s that left 200,000 dead", "2016-10-19", "the 1990s")
    assert (t.value, t.range_start, t.range_end, t.time_precision) == ("199", "1990-01-01", "1999-12-31", None)


def test_dates_earlier_this_year_is_a_range_up_to_publication_with_month_precision():
    t = one("The SDF ousted ISIS earlier this year.", "2019-08-02", "earlier this year")
    assert (t.value, t.range_start, t.range_end, t.time_precision) == ("2019", "2019-01-01", "2019-08-02", 3)
    t = one("Elections are due later this year.", "2019-08-02", "later this year")
    assert (t.range_start, t.range_end) == ("2019-08-02", "2019-12-31")


def test_dates_without_publication_date_stay_unresolved():
    t = one("Officials said Thursday that talks failed.", None, "Thursday")
    assert t.resolved is False and t.value.startswith("XXXX") and t.range_start is None
    t = one("The SDF ousted ISIS earlier this year.", None, "earlier this year")
    assert (t.resolved, t.value, t.range_start, t.time_precision) == (False, "XXXX", None, None)
    assert one("It happened on 2019-08-01.", None, "2019-08-01").resolved is True


def test_dates_without_publication_date_the_next_day_counts_from_the_date_before_it():
    t = one("The town fell on 3 March 2018. The next day, rebels withdrew.", None, "The next day")
    assert (t.value, t.resolved) == ("2018-03-04", True)


def test_dates_numbers_are_not_dates():
    found = [t.text for t in find_dates("We have 2,500 ISIS fighters and 200,000 dead; shares rose 1.12 percent.", "2019-08-02")]
    assert found == []


def test_dates_value_ranges_for_week_month_quarter():
    assert value_range("2019-W31") == ("2019-07-29", "2019-08-04", 2)
    assert value_range("2019-02") == ("2019-02-01", "2019-02-28", 3)
    assert value_range("2019-Q3")[:2] == ("2019-07-01", "2019-09-30")


def test_dates_in_recent_weeks_is_a_range_of_weeks_before_publication():
    t = one("In recent weeks, militants have attacked several villages.", "2019-08-02", "recent weeks")
    assert (t.type, t.value) == ("DURATION", "PXW")
    assert t.range_end == "2019-08-02" and t.range_start < "2019-07-20" and t.time_precision == 3


def test_dates_weekday_after_a_future_verb_points_forward():
    assert one("The two leaders will meet on Monday in Geneva.", "2019-08-02", "Monday").value == "2019-08-05"


def test_dates_weekday_after_said_is_before_publication_even_with_a_future_verb_later():
    text = "The army said Thursday that it will open the road to convoys."
    assert one(text, "2019-08-02", "Thursday").value == "2019-08-01"


def test_dates_weekday_with_part_of_day_is_a_time():
    t = one("Gunmen attacked the checkpoint on Wednesday night.", "2019-08-02", "Wednesday night")
    assert (t.type, t.value, t.range_start) == ("TIME", "2019-07-31TNI", "2019-07-31")


def test_dates_clock_time_on_a_named_day():
    t = one("The curfew was lifted at 9 a.m. Tuesday, police said.", "2019-08-02", "9 a.m. Tuesday")
    assert (t.type, t.value) == ("TIME", "2019-07-30T09:00")


def test_dates_last_year_this_month_and_quarters():
    text = "Exports fell last year. Prices rose this month. Output grew in the third quarter and in Q2 2018."
    assert one(text, "2019-11-05", "last year").value == "2018"
    assert one(text, "2019-11-05", "this month").value == "2019-11"
    assert one(text, "2019-11-05", "the third quarter").value == "2019-Q3"
    assert one(text, "2019-11-05", "Q2 2018").value == "2018-Q2"


def test_dates_a_year_earlier_after_a_quarter_is_the_same_quarter_a_year_before():
    text = "Third-quarter profit rose to $5 million from $4 million a year earlier."
    assert one(text, "1989-10-26", "a year earlier").value == "1988-Q3"


def test_dates_a_year_ago_without_a_quarter_is_the_year_before():
    assert one("The town was captured a year ago.", "2019-08-02", "a year ago").value == "2018"


def test_dates_vague_and_counted_durations():
    text = "The siege has lasted for years. Talks took three months."
    assert one(text, "2019-08-02", "years").value == "PXY"
    assert one(text, "2019-08-02", "three months").value == "P3M"


def test_dates_present_and_past_references():
    text = "Fighters now control the road, which was recently reopened."
    assert one(text, "2019-08-02", "now").value == "PRESENT_REF"
    assert one(text, "2019-08-02", "recently").value == "PAST_REF"


def test_dates_seasons_and_sets():
    text = "The offensive began last summer. Convoys leave every week."
    assert one(text, "2019-08-02", "last summer").value == "2018-SU"
    t = one(text, "2019-08-02", "every week")
    assert (t.type, t.value) == ("SET", "P1W")


def test_dates_month_after_a_future_verb_is_the_next_such_month():
    assert one("Elections will be held in January.", "2019-11-05", "January").value == "2020-01"
    assert one("The village was shelled in October.", "2019-11-05", "October").value == "2019-10"


def test_dates_holiday_is_the_last_one_before_publication():
    t = one("He was arrested on Christmas Day.", "2019-03-01", "Christmas Day")
    assert t.value == "2018-12-25"


def test_dates_early_month_is_a_range_of_its_first_days():
    t = one("Fighting resumed in early March 2018.", "2019-03-01", "early March 2018")
    assert (t.value, t.range_start, t.range_end, t.time_precision) == ("2018-03", "2018-03-01", "2018-03-10", 2)


def test_dates_publication_date_in_a_non_iso_form_is_read():
    assert one("Officials said Thursday that talks failed.", "Fri Aug 2, 2019 | 10:27am EST", "Thursday").value == "2019-08-01"
    assert one("Officials said Thursday that talks failed.", "08/02/2019", "Thursday").value == "2019-08-01"


def test_dates_clock_time_takes_the_day_of_the_date_before_it():
    text = "Officers were called out on Sunday, March 5, 2017 at about 9:40 PM after a crash."
    assert one(text, None, "9:40 PM").value == "2017-03-05T21:40"


def test_dates_slashed_year_first_date():
    assert one("Posted 2019/08/02 | 02:55", None, "2019/08/02").value == "2019-08-02"


def test_dates_the_end_of_a_month_is_its_last_days():
    t = one("The offensive began at the end of November 2018.", "2019-03-01", "the end of November 2018")
    assert (t.value, t.range_start, t.range_end, t.time_precision) == ("2018-11", "2018-11-21", "2018-11-30", 2)


def test_dates_approximation_stays_outside_the_duration_span():
    assert one("The talks lasted about three days.", "2019-08-02", "three days").value == "P3D"


def test_dates_the_before_an_adjectival_duration_belongs_to_the_noun():
    assert one("The eight-year war ended at the end of 1990.", None, "eight-year").value == "P8Y"
    t = one("The eight-year war ended at the end of 1990.", None, "the end of 1990")
    assert (t.value, t.range_end) == ("1990", "1990-12-31")


def test_dates_day_of_month_forms_and_last_with_a_day():
    assert one("Clashes on the 1st of August 2019 killed two.", None, "the 1st of August 2019").value == "2019-08-01"
    assert one("He was arrested on 3rd of May.", "2019-08-02", "3rd of May").value == "2019-05-03"
    assert one("He was shot last Oct. 23 at his home.", "1999-04-19", "last Oct. 23").value == "1998-10-23"


def test_dates_n_units_later_is_a_duration_and_a_paper_name_is_not_a_set():
    found = {t.text: (t.type, t.value) for t in find_dates("Two hours later, he told the Daily News it was over.", "2019-08-02")}
    assert found == {"Two hours later": ("DURATION", "PT2H")}


def test_dates_fall_of_a_city_and_a_city_quarter_are_not_dates():
    text = "After the fall of Aleppo, fighters entered the Christian quarter. In the fall of 2011 protests grew."
    assert {t.text: t.value for t in find_dates(text, "2019-08-02")} == {"the fall of 2011": "2011-FA"}


def test_dates_the_quarter_in_company_results_is_the_quarter_last_reported():
    text = "Net income rose in the third quarter. Sales in the quarter reached $5 million."
    assert one(text, "2019-11-05", "the quarter").value == "2019-Q3"


def test_dates_clock_hours_in_gmt_are_not_years():
    assert [t.text for t in find_dates("A curfew runs from 1800 GMT.", "2019-08-02")] == []


def test_dates_the_previous_weekday_counts_from_the_date_before_it():
    text = "The index closed at 2082 on Oct. 27, down 4.5% from the previous Friday."
    assert one(text, "1989-10-30", "the previous Friday").value == "1989-10-20"
