"""Input that once answered a 500: each is now a 4xx in the one error shape."""

import csv
import io

import pytest

from cases.models import PersonName
from tests.factories import (
    CitationFactory,
    DetentionFactory,
    FacilityFactory,
    FacilityNameFactory,
    NamedPersonFactory,
)

from .test_errors import assert_error

pytestmark = pytest.mark.django_db


def test_a_case_with_a_cited_detention_renders_as_csv(api) -> None:
    detention = DetentionFactory()
    CitationFactory(case=detention.case, detention=detention)

    response = api.get(f"/api/v1/cases/{detention.case.reference}/?format=csv")

    assert response.status_code == 200
    (row,) = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    assert str(detention.uid) in row["detentions"]
    assert str(detention.uid) in row["citations"]


@pytest.mark.parametrize("kind", ["persons", "facilities"])
def test_a_name_form_without_text_is_a_400_naming_the_field(api, kind) -> None:
    record = NamedPersonFactory() if kind == "persons" else FacilityFactory()
    if kind == "facilities":
        FacilityNameFactory(facility=record)
    names_before = list(record.names.values_list("text", flat=True))

    response = api.patch(
        f"/api/v1/{kind}/{record.uid}/", {"names": [{"script": "Arab"}]}
    )

    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == ["names[0].text"]
    assert list(record.names.values_list("text", flat=True)) == names_before


def test_a_nul_character_in_the_body_is_a_400(api) -> None:
    response = api.post(
        "/api/v1/persons/",
        b'{"names": [{"text": "Invented\\u0000Name"}]}',
        content_type="application/json",
    )

    body = assert_error(response, 400, "parse_error")
    assert "NUL" in body["message"]
    assert not PersonName.objects.filter(text__startswith="Invented").exists()


def test_a_nul_character_in_the_address_is_a_400(api) -> None:
    response = api.get("/api/v1/cases/CT-2021%000001/")

    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == ["path"]


def test_a_nul_character_in_a_query_parameter_is_a_400(api) -> None:
    response = api.get("/api/v1/cases/?q=Invented%00Name")

    body = assert_error(response, 400, "invalid")
    assert list(body["errors"]) == ["q"]
