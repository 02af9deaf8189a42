"""What every API serializer shares: fields worked out once, rows as DRF reads them."""

import zoneinfo

import pytest
from django.utils import timezone, translation
from rest_framework import serializers

from api.serializers.cases import CaseDetailSerializer, CaseSerializer
from api.serializers.facilities import DetentionSerializer
from api.serializers.persons import PersonSerializer
from api.serializers.relatives import RelativeSerializer
from api.serializers.sources import MentionSerializer
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    DocumentedCaseFactory,
    MentionFactory,
    NamedPersonFactory,
    RelativeFactory,
)


def test_each_serializer_gets_its_own_copy_of_the_fields() -> None:
    first, second = CaseSerializer(), CaseSerializer()

    assert list(first.fields) == list(second.fields)
    assert not {id(field) for field in first.fields.values()} & {
        id(field) for field in second.fields.values()
    }
    assert all(field.parent is first for field in first.fields.values())


def test_a_subclass_keeps_its_own_fields() -> None:
    assert "subject" in CaseSerializer().fields  # the parent's, worked out first

    detail = CaseDetailSerializer().fields

    assert {"relatives", "detentions", "citations"} <= set(detail)
    assert "relatives" not in CaseSerializer().fields
    assert detail["subject"].__class__.__name__ == "PersonSerializer"


@pytest.mark.django_db
def test_times_are_given_in_utc_whatever_time_zone_is_active(api) -> None:
    case = CaseFactory()

    with timezone.override(zoneinfo.ZoneInfo("Asia/Almaty")):
        row = api.get("/api/v1/cases/").json()["results"][0]

    assert row["created_at"] == case.created_at.isoformat().replace("+00:00", "Z")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("serializer_class", "factory"),
    [
        (CaseDetailSerializer, DocumentedCaseFactory),
        (CaseSerializer, CaseFactory),
        (PersonSerializer, NamedPersonFactory),
        (RelativeSerializer, RelativeFactory),
        (DetentionSerializer, DetentionFactory),
        (MentionSerializer, MentionFactory),
    ],
)
def test_a_record_reads_as_drf_itself_would_read_it(serializer_class, factory) -> None:
    record = factory()
    serializer = serializer_class()

    ours = serializer.to_representation(record)

    assert ours == serializers.Serializer.to_representation(serializer, record)
    assert list(ours) == list(serializer.fields)


@pytest.mark.django_db
def test_a_country_is_read_and_written_as_its_code(api) -> None:
    url = f"/api/v1/persons/{NamedPersonFactory(citizenship='KZ').uid}/"

    assert api.get(url).json()["citizenship"] == "KZ"
    assert api.patch(url, {"citizenship": "CN"}).json()["citizenship"] == "CN"
    refused = api.patch(url, {"citizenship": "Atlantis"})
    assert refused.status_code == 400
    assert list(refused.json()["errors"]) == ["citizenship"]


def test_country_choices_are_named_in_the_active_language() -> None:
    with translation.override("en"):
        english = PersonSerializer().fields["citizenship"].choices["DE"]
    with translation.override("de"):
        german = PersonSerializer().fields["citizenship"].choices["DE"]

    assert (english, german) == ("Germany", "Deutschland")
