"""A case on paper: names in every script, facts, timeline, relatives, sources."""

import pytest

from audit.models import AccessLogEntry
from tests.factories import CaseFactory, UserFactory, user_with_role
from tests.sources.case_records import SHA256, documented_case

pytestmark = pytest.mark.django_db


def print_url(case) -> str:
    return f"/admin/cases/case/{case.pk}/print/"


def test_shows_names_facts_timeline_relatives_and_archived_sources(
    admin_client,
) -> None:
    case = documented_case()

    page = admin_client.get(print_url(case)).content.decode()

    assert '<span class="name" dir="auto" lang="kk">بايبولات كۇنبولاتۇلى</span>' in page
    assert "Байболат Күнболатұлы" in page
    assert "March 21, 2018" in page and "April 2019" in page
    assert "+7 700 000 00 00 (invented)" in page
    assert SHA256 in page
    assert 'datetime="2021-02-11T' in page
    assert "nav-sidebar" not in page  # no admin around the case
    assert "<input" not in page


def test_the_change_page_links_to_the_print_view(admin_client) -> None:
    case = CaseFactory()

    page = admin_client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()

    assert f'href="{print_url(case)}"' in page


def test_a_researcher_sees_no_contact_details(client) -> None:
    case = documented_case(confidentiality="public")
    client.force_login(user_with_role("Researcher"))

    page = client.get(print_url(case)).content.decode()

    assert "Invented report on the camp" in page
    assert "+7 700" not in page


def test_printing_a_confidential_case_is_logged_as_a_view(admin_client) -> None:
    case = CaseFactory(confidentiality="confidential")

    assert admin_client.get(print_url(case)).status_code == 200

    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.case_reference) == ("viewed", case.reference)


def test_a_hidden_case_is_not_found_and_the_refusal_logged(client) -> None:
    case = CaseFactory(confidentiality="confidential")
    client.force_login(user_with_role("Researcher"))

    assert client.get(print_url(case)).status_code == 404
    assert client.get("/admin/cases/case/999999/print/").status_code == 404

    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.case_reference) == ("denied", case.reference)


def test_a_user_who_may_not_view_cases_is_refused(client) -> None:
    case = CaseFactory(confidentiality="public")
    client.force_login(UserFactory(is_staff=True))

    assert client.get(print_url(case)).status_code == 403
