"""The changes feed: a copy kept by a full pull and the feed equals the database."""

from typing import Any

import pytest
from rest_framework.test import APIClient

from cases.merging import merge_persons
from cases.models import Confidentiality, Person, PersonName
from tests.factories import (
    CaseFactory,
    DetentionFactory,
    PersonNameFactory,
    RelativeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# A reader of public and restricted cases, who may not see confidential ones.
READER = (
    "cases.view_case",
    "cases.view_restricted_case",
    "cases.view_person",
    "cases.view_relative",
    "cases.view_detention",
)
LISTS = {
    "case": ("/api/v1/cases/?page_size=500", "reference"),
    "person": ("/api/v1/persons/?page_size=500", "uid"),
    "relative": ("/api/v1/relatives/?page_size=500", "id"),
    "detention": ("/api/v1/detentions/?page_size=500", "uid"),
}
Mirror = dict[str, dict[Any, dict[str, Any]]]


@pytest.fixture(autouse=True)
def _no_settling(settings) -> None:
    settings.API_CHANGES_SETTLE_SECONDS = 0


def pull(client: APIClient) -> Mirror:
    """Read every list to the end, following next, keyed as the feed keys them."""
    mirror: Mirror = {}
    for kind, (url, key) in LISTS.items():
        records: dict[Any, dict[str, Any]] = {}
        next_url: str | None = url
        while next_url:
            page = client.get(next_url).json()
            records |= {record[key]: record for record in page["results"]}
            next_url = page["next"]
        mirror[kind] = records
    return mirror


def follow(client: APIClient, mirror: Mirror, cursor: str, size: int = 3) -> str:
    """Apply the feed after a cursor to a copy; return the cursor to store."""
    next_url: str | None = f"/api/v1/changes/?since={cursor}&page_size={size}"
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.json()
        page = response.json()
        for change in page["results"]:
            records = mirror[change["kind"]]
            if change["action"] == "upsert":
                records[change["key"]] = change["record"]
            else:
                records.pop(change["key"], None)
        cursor, next_url = page["cursor"], page["next"]
    return cursor


def case_with_parts(**fields: Any):
    case = CaseFactory(**fields)
    RelativeFactory(case=case)
    DetentionFactory(case=case)
    return case


def test_a_copy_kept_with_the_feed_equals_what_the_reader_sees(make_client) -> None:
    client = make_client(*READER)
    kept, edited, hidden_later, deleted = (case_with_parts() for _ in range(4))
    shown_later = case_with_parts(confidentiality=Confidentiality.CONFIDENTIAL)
    cursor = client.get("/api/v1/changes/?since=now").json()["cursor"]
    mirror = pull(client)

    added = case_with_parts(summary="Added after the pull.")
    edited.summary = "Edited after the pull."
    edited.save()
    name = PersonName.objects.filter(person=kept.subject).first()
    name.text = "Renamed Inventedova"
    name.save()
    PersonNameFactory(person=added.subject, text="Айгерим Инвентедова")
    merge_persons(
        keep=kept.relatives.get().person,
        duplicate=added.relatives.get().person,
        actor=UserFactory(),
    )
    hidden_later.confidentiality = Confidentiality.CONFIDENTIAL
    hidden_later.save()
    shown_later.confidentiality = Confidentiality.PUBLIC
    shown_later.save()
    deleted.relatives.get().delete()
    deleted.detentions.get().delete()
    deleted.delete()
    edited.detentions.get().delete()
    cursor = follow(client, mirror, cursor)

    assert mirror == pull(client)
    assert added.reference in mirror["case"]
    assert hidden_later.reference not in mirror["case"]
    assert shown_later.reference in mirror["case"]
    # Resuming from the stored cursor gives nothing more, until something changes.
    assert client.get(f"/api/v1/changes/?since={cursor}").json()["results"] == []
    kept.summary = "Changed again."
    kept.save()
    follow(client, mirror, cursor)
    assert mirror == pull(client)


def test_a_merged_person_names_its_survivor(make_client) -> None:
    client = make_client(*READER)
    keep, duplicate = (RelativeFactory().person for _ in range(2))
    cursor = client.get("/api/v1/changes/?since=now").json()["cursor"]

    merge_persons(keep=keep, duplicate=duplicate, actor=UserFactory())

    changes = client.get(f"/api/v1/changes/?since={cursor}").json()["results"]
    merges = [c for c in changes if c["action"] == "merge"]
    assert merges == [
        {
            "kind": "person",
            "key": str(duplicate.uid),
            "action": "merge",
            "into": str(keep.uid),
            "changed_at": merges[0]["changed_at"],
            "record": None,
        }
    ]


def test_a_case_never_visible_leaves_no_trace(make_client) -> None:
    client = make_client(*READER)
    secret = CaseFactory(confidentiality=Confidentiality.CONFIDENTIAL)
    secret.summary = "Changed."
    secret.save()
    secret.delete()

    changes = client.get("/api/v1/changes/").json()["results"]

    assert secret.reference not in str(changes)
    assert not [c for c in changes if c["kind"] == "case"]


def test_sensitive_fields_are_left_out_of_changes(make_client) -> None:
    client = make_client(*READER)
    RelativeFactory(contact_details="+1 555 0100")

    changes = client.get("/api/v1/changes/").json()["results"]

    relatives = [c["record"] for c in changes if c["kind"] == "relative"]
    assert relatives and all("contact_details" not in r for r in relatives)


def test_kinds_the_user_may_not_view_are_left_out(make_client) -> None:
    client = make_client("cases.view_case", "cases.view_restricted_case")
    RelativeFactory()

    changes = client.get("/api/v1/changes/").json()["results"]

    assert {change["kind"] for change in changes} == {"case"}


def test_recent_changes_wait_to_settle(make_client, settings) -> None:
    settings.API_CHANGES_SETTLE_SECONDS = 60
    client = make_client(*READER)
    CaseFactory()

    page = client.get("/api/v1/changes/").json()

    assert page["results"] == [] and page["next"] is None


@pytest.mark.parametrize(
    "query",
    ["since=nonsense", "since=eyJkIjogMX0", "page_size=0", "page_size=501", "x=1"],
)
def test_bad_parameters_are_a_400(make_client, query: str) -> None:
    client = make_client(*READER)

    response = client.get(f"/api/v1/changes/?{query}")

    assert response.status_code == 400
    assert response.json()["errors"]


def test_the_feed_needs_a_token(client) -> None:
    assert client.get("/api/v1/changes/").status_code == 401


def test_pages_are_bounded_and_in_order(make_client) -> None:
    client = make_client(*READER)
    cases = [CaseFactory() for _ in range(5)]

    first = client.get("/api/v1/changes/?page_size=2").json()
    second = client.get(first["next"]).json()

    assert first["next"] and len(first["results"]) <= 4
    entries = first["results"] + second["results"]
    # A record may come again, when a later change touches it: first sightings.
    seen = list(dict.fromkeys(c["key"] for c in entries if c["kind"] == "case"))
    assert seen == [case.reference for case in cases][: len(seen)]
    assert Person.objects.count() == 5


def test_a_page_takes_the_same_queries_for_few_or_many_changes(
    make_client, django_assert_max_num_queries
) -> None:
    client = make_client(*READER)
    for _ in range(2):
        RelativeFactory(case=CaseFactory())
    with django_assert_max_num_queries(40) as few:
        client.get("/api/v1/changes/?page_size=500")
    for _ in range(20):
        RelativeFactory(case=CaseFactory())
        DetentionFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/api/v1/changes/?page_size=500")
