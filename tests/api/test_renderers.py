"""JSON written by orjson reads as DRF's own renderer would write it."""

import datetime
import decimal
import json
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework import renderers

from api.renderers import JSONRenderer
from tests.factories import DocumentedCaseFactory

BODIES = {
    "plain": {"next": None, "results": [{"a": "Нұржамал", "b": 1, "c": [1.5, True]}]},
    "drf types": {
        "when": datetime.datetime(2024, 5, 1, 12, 0, 0, 123456, tzinfo=datetime.UTC),
        "day": datetime.date(2024, 5, 1),
        "uid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "amount": decimal.Decimal("43.25"),
        "message": gettext_lazy("Unknown field."),
    },
    "line separators": {"text": "a\u2028b\u2029c"},
    "keys that are not strings": {1: "one", None: "none"},
    "integers beyond 64 bits": {"big": 2**70},
}


@pytest.mark.parametrize("body", BODIES.values(), ids=BODIES.keys())
def test_json_is_written_as_drf_writes_it(body) -> None:
    ours = JSONRenderer().render(body, "application/json")

    assert ours == renderers.JSONRenderer().render(body, "application/json")


def test_indented_json_is_still_given_when_asked_for() -> None:
    ours = JSONRenderer().render({"a": [1]}, "application/json; indent=2")

    assert ours == b'{\n  "a": [\n    1\n  ]\n}'


@pytest.mark.django_db
def test_a_page_of_cases_is_written_as_drf_writes_it(api) -> None:
    DocumentedCaseFactory.create_batch(3)

    response = api.get("/api/v1/cases/")

    assert response.content == renderers.JSONRenderer().render(response.json())
    assert json.loads(response.content)["results"]
