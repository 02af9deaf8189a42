"""Cursor pagination: stable under inserts, bounded page sizes, opaque cursors."""

import base64
import json

import pytest

from cases.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def references(page: dict) -> list[str]:
    return [row["reference"] for row in page["results"]]


def test_pages_do_not_shift_when_cases_are_added(api) -> None:
    CaseFactory.create_batch(5)
    first = api.get("/api/v1/cases/?page_size=2&ordering=reference").json()

    CaseFactory(reference="CT-0000-0001")  # sorts before every page
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()

    seen = references(first) + references(second) + references(third)
    assert seen == sorted(seen)
    assert len(set(seen)) == 5
    assert "CT-0000-0001" not in seen
    assert third["next"] is None


def test_previous_goes_back_to_the_same_rows(api) -> None:
    CaseFactory.create_batch(5)
    first = api.get("/api/v1/cases/?page_size=2").json()
    second = api.get(first["next"]).json()

    back = api.get(second["previous"]).json()

    assert references(back) == references(first)


def test_next_link_is_also_a_link_header(api) -> None:
    CaseFactory.create_batch(3)

    response = api.get("/api/v1/cases/?page_size=2")

    assert response["Link"] == f'<{response.json()["next"]}>; rel="next"'


def test_ties_in_the_ordering_field_are_broken_by_id(api) -> None:
    cases = CaseFactory.create_batch(5)
    Case.objects.update(updated_at=cases[0].updated_at)
    seen: list[str] = []
    url = "/api/v1/cases/?page_size=2&ordering=-updated_at"
    while url:
        page = api.get(url).json()
        seen += references(page)
        url = page["next"]

    assert sorted(seen) == sorted(case.reference for case in cases)


@pytest.mark.parametrize("size", ["0", "501", "ten", "-1", "٣"])
def test_page_size_is_one_to_five_hundred(api, size: str) -> None:
    response = api.get(f"/api/v1/cases/?page_size={size}")

    assert response.status_code == 400
    assert "page_size" in response.json()["errors"]


def test_five_hundred_rows_is_allowed(api) -> None:
    assert api.get("/api/v1/cases/?page_size=500").status_code == 200


@pytest.mark.parametrize(
    "cursor",
    [
        "garbage",
        "%00",
        base64.urlsafe_b64encode(b"[1, 2]").decode(),
        base64.urlsafe_b64encode(
            json.dumps({"p": ["x", 2**70], "r": False, "o": "-created_at"}).encode()
        ).decode(),
        base64.urlsafe_b64encode(
            json.dumps(
                {"p": ["2020-01-01T00:00:00", 1], "r": False, "o": "-created_at"}
            ).encode()
        ).decode(),
    ],
)
def test_an_invalid_cursor_is_a_400(api, cursor: str) -> None:
    response = api.get(f"/api/v1/cases/?cursor={cursor}")

    assert response.status_code == 400
    assert "cursor" in response.json()["errors"]


def test_a_cursor_of_another_ordering_is_refused(api) -> None:
    CaseFactory.create_batch(3)
    page = api.get("/api/v1/cases/?page_size=1&ordering=reference").json()
    cursor = page["next"].split("cursor=")[1].split("&")[0]

    response = api.get(f"/api/v1/cases/?cursor={cursor}&ordering=updated_at")

    assert response.status_code == 400


def test_an_unknown_ordering_lists_the_choices(api) -> None:
    response = api.get("/api/v1/cases/?ordering=subject")

    assert response.status_code == 400
    assert "reference" in response.json()["errors"]["ordering"][0]
