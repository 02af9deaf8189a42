"""A case's timeline: every dated record, in date order, with its precision."""

import datetime

import pytest
from django.contrib.auth.models import Permission

from cases.models import Case
from sources.timeline import Event, case_timeline
from tests.factories import UserFactory
from tests.sources.case_records import documented_case

pytestmark = pytest.mark.django_db


def test_lists_every_kind_in_date_order_with_its_precision(case_worker) -> None:
    case = documented_case()

    events = [
        (event.when, event.what) for event in case_timeline(case, user=case_worker)
    ]

    assert events == [
        ("March 2018", "Last contact"),
        ("March 21, 2018", "Disappeared"),
        ("May 2, 2018", "inquiry with the police"),
        ("April 2019", "Detention began: camp"),
        ("April 10, 2019", "Invented spokesperson claimed"),
        ("April 20, 2019", "Detention ended: camp"),
        ("June 3, 2019", "Reported by Example News"),
        ("2020", "Released or found"),
    ]


def test_a_month_sorts_before_its_days_and_a_year_before_its_months() -> None:
    day = Event(datetime.date(2018, 1, 1), "day", "day")
    month = Event(datetime.date(2018, 1, 1), "month", "month")
    year = Event(datetime.date(2018, 1, 1), "year", "year")
    undated = Event(None, "day", "undated")
    later = Event(datetime.date(2018, 1, 2), "day", "later")

    ordered = sorted([undated, later, day, month, year], key=Event.sort_key)

    assert [event.what for event in ordered] == [
        "year",
        "month",
        "day",
        "later",
        "undated",
    ]
    assert (year.iso, month.iso, day.iso) == ("2018", "2018-01", "2018-01-01")


def test_leaves_out_the_records_the_user_may_not_view() -> None:
    case = documented_case()
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_case"))
    user = type(user).objects.get(pk=user.pk)  # permissions are cached

    whats = {event.what for event in case_timeline(case, user=user)}

    assert whats == {"Last contact", "Disappeared", "Released or found"}


def test_the_case_page_shows_the_timeline(admin_client) -> None:
    case = documented_case()

    page = admin_client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()

    assert 'id="case-timeline"' in page
    assert '<time datetime="2019-04">April 2019</time>' in page
    assert "Invented report on the camp" in page


def test_a_new_case_has_no_timeline(admin_client) -> None:
    page = admin_client.get("/admin/cases/case/add/").content.decode()

    assert 'id="case-timeline"' not in page
    assert Case.objects.count() == 0
