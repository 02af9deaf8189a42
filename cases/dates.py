"""Dates known to a day, a month or a year, and the days-missing convention.

An imprecise date is stored as the first day of its period plus a precision:
"March 2018" is (2018-03-01, month). Displays never show more precision than
is known.

Days missing: the day of disappearance is day 0, so the count on a later day is
the number of days between the two dates. A disappearance on 2018-03-21 makes
2021-02-02 the 1,049th day. When the disappearance is known only to the month
or the year, the count is a range: from the last possible day of the period
(fewest days) to the first (most days).
"""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.db import models
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _

DATE_FORM = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def period(day: datetime.date, precision: str) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of the period a stored date stands for."""
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == Precision.MONTH:
        last = calendar.monthrange(day.year, day.month)[1]
        return day.replace(day=1), day.replace(day=last)
    return day, day


def truncate(day: datetime.date, precision: str) -> datetime.date:
    """Return the stored form of a date: the first day of its period."""
    return period(day, precision)[0]


def truncate_dates(record: object, *fields: str) -> None:
    """Store each date field of a record as the first day of its period.

    Each field `x` has its precision in `x_precision`.
    """
    for field in fields:
        day = getattr(record, field)
        if day is not None:
            setattr(record, field, truncate(day, getattr(record, f"{field}_precision")))


def format_date(day: datetime.date | None, precision: str) -> str:
    """Format a date with no more precision than is known (ISO 8601 style)."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return f"{day.year:04d}"
    if precision == Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def readable_date(day: datetime.date | None, precision: str) -> str:
    """Format a date for a reader in the active language, as precisely as it is
    known: "April 2019", "сәуір 2019", "2019年4月"."""
    if day is None:
        return ""
    if precision == Precision.YEAR:
        return str(day.year)
    if precision == Precision.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return date_format(day, "DATE_FORMAT")


def parse_date(text: str) -> tuple[datetime.date, str]:
    """Parse "2018", "2018-03" or "2018-03-21" into a stored date and precision."""
    if not DATE_FORM.fullmatch(text):
        raise ValueError(
            f"'{text}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD"
        )
    parts = [int(part) for part in text.split("-")]
    precision = (Precision.YEAR, Precision.MONTH, Precision.DAY)[len(parts) - 1]
    try:
        return datetime.date(*parts, *[1] * (3 - len(parts))), precision
    except ValueError:
        raise ValueError(f"'{text}' is not a date in the calendar") from None


@dataclass(frozen=True)
class DaysMissing:
    """A count of days missing, exact or as a range when the date is imprecise."""

    fewest: int
    most: int

    @property
    def exact(self) -> bool:
        return self.fewest == self.most

    def __str__(self) -> str:
        """The count as the API and exports give it: "1,039–1,069"."""
        if self.exact:
            return f"{self.most:,}"
        return f"{self.fewest:,}–{self.most:,}"

    def readable(self) -> str:
        """The count for a reader, grouped as the active language writes
        numbers: "1,039–1,069" in English, "1 039–1 069" in Russian."""
        if self.exact:
            return number_format(self.most, force_grouping=True)
        fewest = number_format(self.fewest, force_grouping=True)
        return f"{fewest}–{number_format(self.most, force_grouping=True)}"


def days_missing(
    since: datetime.date,
    precision: str,
    on: datetime.date,
    on_precision: str = Precision.DAY,
) -> DaysMissing | None:
    """Count the days from a disappearance to a later day (day 0 is the first).

    The later day may be known only to its month or year (a release in
    "2019-12"): the range then spans both periods. Return None when the day is
    before the disappearance could have happened.
    """
    first, last = period(since, precision)
    end_first, end_last = period(on, on_precision)
    if end_last < first:
        return None
    return DaysMissing(
        fewest=max((end_first - last).days, 0), most=(end_last - first).days
    )
