"""Days missing end at release, death or the day the person was found."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from cases.dates import Precision, readable_date
from cases.models import Fate
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

MONTH = {"disappeared_on_precision": "month"}


@pytest.fixture(autouse=True)
def _in_english():
    """The displays are in the active language: English unless a test says."""
    with translation.override("en"):
        yield


FEB_2018 = {
    "disappeared_on": datetime.date(2018, 2, 1),
    "disappeared_on_precision": "month",
}


def test_days_missing_stop_at_the_release():
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 3, 21),
        missing_until=datetime.date(2019, 12, 20),
        fate=Fate.RELEASED,
    )

    assert str(case.days_missing(on=datetime.date(2026, 1, 1))) == "639"
    assert case.days_missing_display() == "held 639 days, released Dec. 20, 2019"


def test_a_month_known_release_gives_a_range():
    case = CaseFactory(
        **FEB_2018,
        missing_until=datetime.date(2019, 12, 1),
        missing_until_precision="month",
        fate=Fate.RELEASED,
    )

    count = case.days_missing()

    assert (count.fewest, count.most) == (641, 698)
    assert case.days_missing_display() == "held 641–698 days, released December 2019"


def test_a_death_ends_the_count_without_saying_released():
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 1, 1),
        missing_until=datetime.date(2018, 1, 2),
        fate=Fate.DECEASED,
    )

    assert case.days_missing_display() == "1 day, until Jan. 2, 2018"


def test_an_ongoing_count_says_the_day_it_was_made():
    case = CaseFactory(disappeared_on=datetime.date(2018, 3, 21))

    shown = case.days_missing_display(on=datetime.date(2021, 2, 2))

    assert shown == "1,049 days as of Feb. 2, 2021"
    today = readable_date(timezone.localdate(), Precision.DAY)
    assert today in case.days_missing_display()


def test_the_count_reads_as_the_language_writes_numbers_and_dates():
    case = CaseFactory(disappeared_on=datetime.date(2019, 3, 1), **MONTH)

    with translation.override("ru"):
        shown = case.days_missing_display(on=datetime.date(2026, 12, 7))

    assert shown == "2\xa0808–2\xa0838 дней на 7 декабря 2026 г."
    # The API and the exports keep the plain count (api.fields.DaysMissingField).
    assert str(case.days_missing(on=datetime.date(2026, 12, 7))) == "2,808–2,838"


def test_the_end_cannot_come_before_the_disappearance():
    case = CaseFactory.build(
        **FEB_2018,
        missing_until=datetime.date(2018, 1, 31),
        subject=CaseFactory().subject,
    )

    with pytest.raises(ValidationError) as raised:
        case.full_clean()

    assert "missing_until" in raised.value.message_dict


def test_an_end_in_the_same_month_as_a_month_known_disappearance_is_accepted():
    case = CaseFactory.build(
        **FEB_2018,
        missing_until=datetime.date(2018, 2, 10),
        subject=CaseFactory().subject,
    )

    case.full_clean()

    assert case.days_missing().fewest == 0


def test_the_end_cannot_be_in_the_future():
    case = CaseFactory.build(
        missing_until=timezone.localdate() + datetime.timedelta(days=2),
        subject=CaseFactory().subject,
    )

    with pytest.raises(ValidationError) as raised:
        case.full_clean()

    assert "missing_until" in raised.value.message_dict
