"""Downloads from the case list: CSV, XLSX and case bundles, as the API gives them."""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from api.views.cases import perms
from audit.models import AccessLogEntry
from tests.factories import (
    CaseFactory,
    DocumentedCaseFactory,
    UserFactory,
    person_named,
    user_with_role,
)

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/cases/case/"


def download(client, action: str, cases=(), **data: object):
    """Run a download action on these cases (or, with select_across, the list's)."""
    return client.post(
        CHANGELIST + str(data.pop("query", "")),
        {"action": action, "_selected_action": [case.pk for case in cases], **data},
    )


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_of_the_selected_cases_has_the_api_columns_and_a_byte_order_mark(
    admin_client,
) -> None:
    chosen = CaseFactory(subject=person_named("Байболат Күнболатұлы"))
    arabic = CaseFactory(subject=person_named("رەھىلە داۋۇت"))
    CaseFactory()  # not selected

    response = download(admin_client, "download_csv", [chosen, arabic])

    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="casetracker-cases-{today}.csv"'
    )
    rows = read_csv(response)
    api = admin_client.get("/api/v1/cases/", {"format": "csv"}).content
    api_columns = next(csv.reader(io.StringIO(api.decode("utf-8-sig"))))
    assert list(rows[0]) == api_columns
    assert [row["subject.display_name"] for row in rows] == [
        "Байболат Күнболатұлы",
        "رەھىلە داۋۇت",
    ]


def test_csv_of_every_filtered_case_and_the_export_logged(admin_client) -> None:
    camp = CaseFactory.create_batch(3, fate="camp", confidentiality="confidential")
    CaseFactory(fate="released")

    response = download(
        admin_client, "download_csv", camp[:1], select_across="1", query="?fate=camp"
    )

    assert sorted(row["reference"] for row in read_csv(response)) == sorted(
        case.reference for case in camp
    )
    entries = AccessLogEntry.objects.order_by("id")
    assert [(e.action, e.channel, e.rows) for e in entries[:1]] == [
        ("exported", "admin", 3)
    ]
    assert {e.case_reference for e in entries[1:]} == {c.reference for c in camp}


def test_csv_cells_that_spreadsheets_would_run_are_defused(admin_client) -> None:
    case = CaseFactory(place_last_seen='=HYPERLINK("http://example.org")')

    (row,) = read_csv(download(admin_client, "download_csv", [case]))

    assert row["place_last_seen"].startswith("'=")


def test_xlsx_opens_with_the_same_columns_and_scripts(admin_client) -> None:
    case = CaseFactory(subject=person_named("ئەخمەت"), place_last_seen="+cmd")

    response = download(admin_client, "download_xlsx", [case])

    assert response["Content-Disposition"].endswith(
        f'casetracker-cases-{timezone.localdate().isoformat()}.xlsx"'
    )
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, row = list(workbook.active.iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["reference"] == case.reference
    assert values["subject.display_name"] == "ئەخمەت"
    assert values["place_last_seen"] == "'+cmd"


def bundle_reader(*, sensitive: bool):
    """Return a staff user who may view everything a bundle holds."""
    user = UserFactory(is_staff=True)
    codenames = [label.split(".")[1] for label in perms("view")]
    if sensitive:
        codenames.append("view_sensitive_fields")
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


@pytest.mark.parametrize("sensitive", [True, False])
def test_bundle_holds_sensitive_fields_only_for_who_may_see_them(
    client, sensitive
) -> None:
    case = DocumentedCaseFactory(confidentiality="public")
    case.relatives.update(contact_details="invented contact")
    client.force_login(bundle_reader(sensitive=sensitive))

    response = download(client, "download_bundle", [case])

    body = b"".join(response.streaming_content)  # streamed, as the API's
    assert ("invented contact" in body.decode()) is sensitive
    bundle = json.loads(body)
    assert [c["reference"] for c in bundle["cases"]] == [case.reference]
    assert response["Content-Disposition"].endswith('.json"')


def test_bundle_is_refused_to_who_may_not_view_every_record_in_it(client) -> None:
    case = CaseFactory(confidentiality="public")
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(user)

    response = download(client, "download_bundle", [case])

    assert response.status_code == 302  # back to the list, with the reason
    assert "you may not view all of them" in client.get(CHANGELIST).content.decode()


def test_a_researcher_exports_only_what_they_see_without_sensitive_fields(
    client,
) -> None:
    public = CaseFactory(confidentiality="public")
    hidden = CaseFactory(confidentiality="confidential")
    client.force_login(user_with_role("Researcher"))

    response = download(client, "download_csv", [public, hidden])

    assert [row["reference"] for row in read_csv(response)] == [public.reference]


def test_an_action_on_no_case_downloads_nothing(admin_client) -> None:
    response = download(admin_client, "download_csv", [])

    assert response["Content-Type"] == "text/html; charset=utf-8"  # the list again


def test_the_dates_keep_their_precision(admin_client) -> None:
    case = CaseFactory(
        disappeared_on=datetime.date(2018, 4, 1), disappeared_on_precision="month"
    )

    (row,) = read_csv(download(admin_client, "download_csv", [case]))

    assert row["disappeared"] == "2018-04"
