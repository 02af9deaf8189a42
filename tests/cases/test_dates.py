import datetime

import pytest
from django.utils import translation

from cases.dates import (
    DaysMissing,
    Precision,
    days_missing,
    format_date,
    parse_date,
    period,
    readable_date,
)


def test_counts_the_day_of_disappearance_as_day_zero():
    since = datetime.date(2018, 3, 21)

    assert days_missing(since, Precision.DAY, since) == DaysMissing(0, 0)
    assert days_missing(since, Precision.DAY, datetime.date(2021, 2, 2)) == DaysMissing(
        1049, 1049
    )


def test_shows_a_range_for_a_month_known_disappearance():
    count = days_missing(
        datetime.date(2018, 3, 1), Precision.MONTH, datetime.date(2021, 2, 2)
    )

    assert count == DaysMissing(fewest=1039, most=1069)
    assert str(count) == "1,039–1,069"


def test_shows_a_range_for_a_year_known_disappearance():
    count = days_missing(
        datetime.date(2018, 1, 1), Precision.YEAR, datetime.date(2019, 1, 1)
    )

    assert count == DaysMissing(fewest=1, most=365)


def test_counts_nothing_before_the_disappearance():
    assert (
        days_missing(datetime.date(2018, 3, 21), "day", datetime.date(2018, 3, 20))
        is None
    )


def test_clamps_the_range_while_the_period_is_still_running():
    count = days_missing(
        datetime.date(2018, 3, 1), Precision.MONTH, datetime.date(2018, 3, 10)
    )

    assert count == DaysMissing(fewest=0, most=9)


def test_formats_dates_without_false_precision():
    day = datetime.date(2018, 3, 1)

    assert format_date(day, Precision.DAY) == "2018-03-01"
    assert format_date(day, Precision.MONTH) == "2018-03"
    assert format_date(day, Precision.YEAR) == "2018"
    assert format_date(None, Precision.DAY) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2018", (datetime.date(2018, 1, 1), Precision.YEAR)),
        ("2018-03", (datetime.date(2018, 3, 1), Precision.MONTH)),
        ("2018-03-21", (datetime.date(2018, 3, 21), Precision.DAY)),
    ],
)
def test_parses_each_precision(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["", "2018-13", "spring 2018", "2018-02-30", "18-3"])
def test_refuses_malformed_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_gives_the_whole_period_of_a_month_in_a_leap_year():
    assert period(datetime.date(2020, 2, 1), Precision.MONTH) == (
        datetime.date(2020, 2, 1),
        datetime.date(2020, 2, 29),
    )


@pytest.mark.parametrize(
    ("language", "month", "day"),
    [
        ("en", "April 2019", "April 21, 2019"),
        ("kk", "сәуір 2019", "21 сәуір 2019 ж."),
        ("zh-hans", "2019年4月", "2019年4月21日"),
        ("tr", "Nisan 2019", "21 Nisan 2019"),
    ],
)
def test_reads_a_date_in_the_language_as_precisely_as_known(language, month, day):
    april = datetime.date(2019, 4, 21)
    with translation.override(language):
        assert readable_date(april, Precision.MONTH) == month
        assert readable_date(april, Precision.DAY) == day
        assert readable_date(april, Precision.YEAR) == "2019"
        assert readable_date(None, Precision.DAY) == ""


@pytest.mark.parametrize(
    ("language", "shown"),
    [("en", "1,039–1,069"), ("ru", "1\xa0039–1\xa0069"), ("tr", "1.039–1.069")],
)
def test_reads_a_count_as_the_language_groups_numbers(language, shown):
    count = DaysMissing(fewest=1039, most=1069)

    with translation.override(language):
        assert count.readable() == shown
    assert str(count) == "1,039–1,069"
