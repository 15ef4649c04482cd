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


def test_dates_since_aug_1_is_a_day_starting_a_range():
    t = one("Since Aug. 1 the forces have been backed by U.S. air strikes.", "2016-10-19", "Aug. 1")
    assert t.value == "2016-08-01" and t.range_start == "2016-08-01"


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


def test_dates_without_publication_date_stay_unresolved():
    t = one("Officials said Thursday that talks failed.", None, "Thursday")
    assert t.resolved is False and t.value.startswith("XXXX")
    assert one("It happened on 2019-08-01.", None, "2019-08-01").resolved is True


def test_dates_numbers_are_not_dates():
    found = [t.text for t in find_dates("We have 2,500 ISIS fighters and 200,000 dead; shares rose 1.12 percent.", "2019-08-02")]
    assert found == []


def test_dates_value_ranges_for_week_month_quarter():
    assert value_range("2019-W31") == ("2019-07-29", "2019-08-04", 2)
    assert value_range("2019-02") == ("2019-02-01", "2019-02-28", 3)
    assert value_range("2019-Q3")[:2] == ("2019-07-01", "2019-09-30")
