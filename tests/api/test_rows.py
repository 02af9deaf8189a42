"""List rows read from values() are the rows the list's serializer gives."""

import datetime
import json

import pytest
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.serializers.rows import row_plan
from api.urls import router
from cases.models import Confidentiality
from sources.models import Feed
from tests.factories import (
    CaseFactory,
    DocumentedCaseFactory,
    MentionFactory,
    RelativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

FAST = [
    "cases",
    "relatives",
    "detentions",
    "articles",
    "citations",
    "mentions",
    "feeds",
]
VIEW_ALL = [
    "cases.view_case",
    "cases.view_restricted_case",
    "cases.view_person",
    "cases.view_relative",
    "cases.view_detention",
    "cases.view_facility",
    "sources.view_sourcearticle",
    "sources.view_citation",
    "sources.view_mention",
    "sources.view_feed",
    "sources.view_importjob",
]


@pytest.fixture
def records() -> None:
    for case in DocumentedCaseFactory.create_batch(2):
        RelativeFactory(
            case=case,
            contact_details="+7 700 000 00 00",
            address="Invented street 1",
            country_of_residence="KZ",
        )
    CaseFactory(
        confidentiality=Confidentiality.CONFIDENTIAL, disappeared_on=None
    )  # hidden from the worker
    CaseFactory(
        disappeared_on=datetime.date(2017, 1, 1), disappeared_on_precision="year"
    )
    MentionFactory(
        reviewed_by=UserFactory(), reviewed_at=datetime.datetime.now(datetime.UTC)
    )
    Feed.objects.create(url="https://news.example.org/feed.xml", title="Example")


@pytest.fixture(params=["superuser", "worker without sensitive fields"])
def client(request, make_client):  # type: ignore[no-untyped-def]
    if request.param == "superuser":
        return make_client(superuser=True)
    return make_client(*VIEW_ALL)


def serializer_rows(path: str, user) -> list[dict]:  # type: ignore[no-untyped-def]
    """Return the list's rows as its serializer gives them, for this user."""
    viewset = next(viewset for prefix, viewset, _ in router.registry if prefix == path)
    request = Request(APIRequestFactory().get(f"/api/v1/{path}/"))
    request.user = user
    view = viewset(action="list", request=request, format_kwarg=None, kwargs={})
    serializer = view.get_serializer(view.get_queryset(), many=True)
    return json.loads(JSONRenderer().render(serializer.data))


def in_order(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))


@pytest.mark.parametrize("path", FAST)
def test_a_list_gives_the_rows_its_serializer_gives(records, client, path) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/{path}/?page_size=500")

    assert response.status_code == 200
    rows = response.json()["results"]
    expected = serializer_rows(path, client.user)
    assert in_order(rows) == in_order(expected)
    assert [list(row) for row in in_order(rows)] == [
        list(row) for row in in_order(expected)
    ]


@pytest.mark.parametrize("path", FAST)
def test_lists_of_columns_are_read_as_values(records, client, path) -> None:  # type: ignore[no-untyped-def]
    viewset = next(viewset for prefix, viewset, _ in router.registry if prefix == path)
    request = Request(APIRequestFactory().get("/"))
    request.user = client.user

    assert client.get(f"/api/v1/{path}/").json()["results"]
    assert row_plan(viewset.serializer_class, request) is not None


@pytest.mark.parametrize("path", ["persons", "facilities", "import-jobs"])
def test_lists_with_nested_or_computed_fields_use_the_serializer(path) -> None:  # type: ignore[no-untyped-def]
    viewset = next(viewset for prefix, viewset, _ in router.registry if prefix == path)
    request = Request(APIRequestFactory().get("/"))
    request.user = UserFactory(is_superuser=True)

    assert row_plan(viewset.serializer_class, request) is None


def test_sensitive_fields_stay_out_of_rows_read_as_values(records, make_client) -> None:  # type: ignore[no-untyped-def]
    full = make_client(superuser=True).get("/api/v1/relatives/").json()["results"]
    redacted = make_client(*VIEW_ALL).get("/api/v1/relatives/").json()["results"]

    assert {row["contact_details"] for row in full} >= {"+7 700 000 00 00"}
    assert redacted
    assert not {"contact_details", "address"} & {key for row in redacted for key in row}
    assert {row["country_of_residence"] for row in redacted} >= {"KZ"}


def test_pages_read_as_values_follow_on_from_each_other(api) -> None:  # type: ignore[no-untyped-def]
    references = {case.reference for case in CaseFactory.create_batch(5)}

    seen, url = [], "/api/v1/cases/?page_size=2"
    while url:
        body = api.get(url).json()
        seen += [row["reference"] for row in body["results"]]
        url = body["next"]

    assert sorted(seen) == sorted(references)
