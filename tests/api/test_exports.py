"""Exports: CSV of any list, and case bundles of one case or a filtered set."""

import csv
import io

import pytest
from django.utils import timezone

from api.renderers import escape_cell
from cases.models import Case
from sources.bundles import FORMAT, export_bundle
from tests.factories import CaseFactory, DocumentedCaseFactory

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Ordinary text", "Ordinary text"),
        (-1, -1),
        (True, "true"),
    ],
)
def test_formula_cells_are_escaped(value: object, cell: object) -> None:
    assert escape_cell(value) == cell


def test_a_list_as_csv_has_a_row_per_case_with_flat_columns(api) -> None:
    CaseFactory(place_last_seen="=cmd|' /C calc'!A0", subject__name__text="Ерлан")

    response = api.get("/api/v1/cases/?format=csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    # Excel on Windows reads UTF-8 only after a byte-order mark.
    assert response.content.startswith("\ufeffreference,".encode())
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="casetracker-cases-{today}.csv"'
    )
    rows = read_csv(response)
    assert len(rows) == 1
    assert rows[0]["place_last_seen"] == "'=cmd|' /C calc'!A0"
    assert rows[0]["subject.display_name"] == "Ерлан"
    assert rows[0]["disappeared"] == "2018-03-21"


def test_csv_takes_the_filters_and_page_size(api) -> None:
    CaseFactory.create_batch(3, fate="camp")
    CaseFactory(fate="released")

    response = api.get("/api/v1/cases/?format=csv&fate=camp&page_size=2")

    assert len(read_csv(response)) == 2
    assert 'rel="next"' in response["Link"]


def test_json_is_the_default_and_can_be_asked_for(api) -> None:
    CaseFactory()

    assert api.get("/api/v1/cases/?format=json")["Content-Type"] == "application/json"


def test_a_case_bundle_is_the_foundations_format(api) -> None:
    case = DocumentedCaseFactory()
    DocumentedCaseFactory()

    bundle = api.get(f"/api/v1/cases/{case.reference}/bundle/").json()

    assert bundle == export_bundle(cases=Case.objects.filter(pk=case.pk))
    assert bundle["format"] == FORMAT


def test_a_bundle_of_a_filtered_set(api) -> None:
    camp = CaseFactory(fate="camp")
    CaseFactory(fate="released")

    bundle = api.get("/api/v1/cases/bundle/?fate=camp").json()

    assert [c["reference"] for c in bundle["cases"]] == [camp.reference]


def test_a_bundle_refuses_page_parameters(api) -> None:
    response = api.get("/api/v1/cases/bundle/?page_size=10")

    assert response.status_code == 400


def test_loading_a_bundle_back_is_all_or_nothing_and_idempotent(api) -> None:
    case = DocumentedCaseFactory()
    bundle = api.get(f"/api/v1/cases/{case.reference}/bundle/").json()

    again = api.post("/api/v1/cases/bundle/", bundle, format="json")
    assert again.status_code == 200, again.json()
    assert again.json()["created"] == {}

    bundle["cases"][0]["disappeared"] = "2021-13"
    broken = api.post("/api/v1/cases/bundle/", bundle, format="json")
    assert broken.status_code == 400
    assert "2021-13" in broken.json()["message"]
