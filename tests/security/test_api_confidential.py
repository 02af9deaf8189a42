"""Confidential means invisible: a hidden case, and all that hangs off it, is a
404 in the API exactly like a record that never existed, and absent from every
list, search, count and export. Each refused look leaves an access log entry."""

import uuid
from dataclasses import dataclass

import pytest

from api.views import cases as case_views
from audit.models import AccessAction, AccessLogEntry
from cases.models import Team
from tests.factories import UserFactory, user_with_role

from .api_helpers import (
    ADMINISTRATOR,
    API_READER,
    CASE_WORKER,
    RESEARCHER,
    CaseRecords,
    case_with_records,
    client_for,
)

pytestmark = pytest.mark.django_db


@dataclass
class World:
    """Three cases, one of each confidentiality, and who may see which."""

    public: CaseRecords
    restricted: CaseRecords
    confidential: CaseRecords  # of the team "Almaty office"
    assigned: CaseRecords  # confidential, assigned to one case worker


@pytest.fixture
def world() -> World:
    team = Team.objects.create(name="Almaty office")
    team.members.add(UserFactory(username="insider"))
    UserFactory(username="assignee")
    return World(
        public=case_with_records("public"),
        restricted=case_with_records("restricted"),
        confidential=case_with_records("confidential", team=team),
        assigned=case_with_records(
            "confidential", assigned_to=UserFactory(username="assignee")
        ),
    )


def viewer(name: str):
    """Return a client of one of the people the tests ask as."""
    roles = {
        "administrator": ADMINISTRATOR,
        "insider": CASE_WORKER,
        "assignee": CASE_WORKER,
        "outsider": CASE_WORKER,
        "researcher": RESEARCHER,
        "api reader": API_READER,
    }
    return client_for(user_with_role(roles[name], username=name))


# Who sees which case (the others are hidden from them).
SEES = {
    "administrator": {"public", "restricted", "confidential", "assigned"},
    "insider": {"public", "restricted", "confidential"},
    "assignee": {"public", "restricted", "assigned"},
    "outsider": {"public", "restricted"},
    "researcher": {"public", "restricted"},
    "api reader": {"public"},
}
HIDDEN = [
    (name, case)
    for name, seen in SEES.items()
    for case in ("restricted", "confidential", "assigned")
    if case not in seen
]
MISSING_UID = "00000000-0000-4000-8000-000000000000"


def addresses(records: CaseRecords) -> dict[str, tuple[str, str]]:
    """Return each detail and export address of a case's records, with a
    missing record's address of the same kind."""
    ref = records.case.reference
    return {
        "case": (f"/cases/{ref}/", "/cases/CT-1999-9999/"),
        "bundle": (f"/cases/{ref}/bundle/", "/cases/CT-1999-9999/bundle/"),
        "subject": (f"/persons/{records.subject.uid}/", f"/persons/{MISSING_UID}/"),
        "relative person": (
            f"/persons/{records.relative.person.uid}/",
            f"/persons/{uuid.uuid4()}/",
        ),
        "relative": (f"/relatives/{records.relative.pk}/", "/relatives/999999/"),
        "detention": (
            f"/detentions/{records.detention.uid}/",
            f"/detentions/{MISSING_UID}/",
        ),
        "citation": (f"/citations/{records.citation.pk}/", "/citations/999999/"),
        "mention": (f"/mentions/{records.mention.pk}/", "/mentions/999999/"),
    }


ENDPOINTS = [
    "case",
    "bundle",
    "subject",
    "relative person",
    "relative",
    "detention",
    "citation",
    "mention",
]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(("name", "case"), HIDDEN)
def test_a_hidden_record_is_answered_as_a_missing_one(
    world: World, name: str, case: str, endpoint: str
) -> None:
    client = viewer(name)
    hidden, missing = addresses(getattr(world, case))[endpoint]

    response = client.get(f"/api/v1{hidden}")
    expected = client.get(f"/api/v1{missing}")

    assert response.status_code == expected.status_code
    assert response.json() == expected.json()
    assert response.status_code in (403, 404)  # 403: no right to the endpoint
    if response.status_code == 404:
        entry = AccessLogEntry.objects.get(action=AccessAction.DENIED)
        assert entry.username == name
        assert entry.case_reference == getattr(world, case).case.reference
        assert entry.channel == "api"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_a_case_worker_outside_the_team_gets_404_everywhere(
    world: World, endpoint: str
) -> None:
    hidden, _missing = addresses(world.confidential)[endpoint]

    assert viewer("outsider").get(f"/api/v1{hidden}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("patch", "/cases/{ref}/", {"fate": "released"}),
        ("put", "/cases/{ref}/", {"fate": "released"}),
        ("patch", "/relatives/{relative}/", {"notes": "x"}),
        ("delete", "/relatives/{relative}/", None),
        ("patch", "/detentions/{detention}/", {"notes": "x"}),
        ("delete", "/citations/{citation}/", None),
        ("post", "/mentions/{mention}/confirm/", None),
        ("post", "/mentions/{mention}/reject/", None),
    ],
)
def test_writing_to_a_hidden_record_is_a_404_and_changes_nothing(
    world: World, method: str, path: str, body: dict | None
) -> None:
    records = world.confidential
    url = "/api/v1" + path.format(
        ref=records.case.reference,
        relative=records.relative.pk,
        detention=records.detention.uid,
        citation=records.citation.pk,
        mention=records.mention.pk,
    )

    response = getattr(viewer("outsider"), method)(url, body, format="json")

    assert response.status_code == 404
    records.case.refresh_from_db()
    records.relative.refresh_from_db()
    records.mention.refresh_from_db()
    assert records.case.fate == "missing"
    assert records.relative.notes == ""
    assert records.mention.status == "suggested"
    assert AccessLogEntry.objects.filter(action=AccessAction.DENIED).count() == 1


@pytest.mark.parametrize(
    ("endpoint", "body"),
    [
        ("relatives", {"case": "{ref}", "person": "{person}", "relationship": "son"}),
        ("detentions", {"case": "{ref}", "kind": "camp"}),
        ("citations", {"case": "{ref}", "article": "{article}"}),
    ],
)
def test_linking_a_new_record_to_a_hidden_case_is_refused_as_to_a_missing_one(
    world: World, endpoint: str, body: dict[str, str]
) -> None:
    client = viewer("outsider")
    keys = {
        "person": str(world.public.subject.uid),
        "article": str(world.public.citation.article.uid),
    }

    def post(reference: str):
        data = {k: v.format(ref=reference, **keys) for k, v in body.items()}
        return client.post(f"/api/v1/{endpoint}/", data, format="json")

    hidden = post(world.confidential.case.reference)
    missing = post("CT-1999-9999")

    assert hidden.status_code == missing.status_code == 400
    assert hidden.json()["errors"]["case"] == [
        message.replace("CT-1999-9999", world.confidential.case.reference)
        for message in missing.json()["errors"]["case"]
    ]


def test_a_new_testimony_cannot_name_a_hidden_witness(world: World) -> None:
    hidden_witness = world.confidential.relative.person
    body = {
        "confidentiality": "public",
        "subject": {"names": [{"text": "Invented Newperson"}]},
        "testimonies": [{"witness": str(hidden_witness.uid), "text": "Invented."}],
    }

    response = viewer("outsider").post("/api/v1/cases/", body, format="json")

    assert response.status_code == 400
    assert "testimonies[0].witness" in response.json()["errors"]


def reference_lists(client, world: World) -> dict[str, set[str]]:
    """Return what each list, search and export shows, as case references."""
    refs = {world_case.case.reference: name for name, world_case in vars(world).items()}
    subject_name = world.confidential.subject.display_name
    lists = {
        "list": client.get("/api/v1/cases/").json()["results"],
        "search by reference": client.get(
            "/api/v1/cases/", {"q": world.confidential.case.reference}
        ).json()["results"],
        "search by name": client.get("/api/v1/cases/", {"q": subject_name}).json()[
            "results"
        ],
        "bundle": client.get("/api/v1/cases/bundle/").json()["cases"],
    }
    shown = {
        where: {refs[row["reference"]] for row in rows} for where, rows in lists.items()
    }
    csv_text = client.get("/api/v1/cases/", {"format": "csv"}).content.decode()
    shown["csv"] = {name for ref, name in refs.items() if ref in csv_text}
    return shown


@pytest.mark.parametrize("name", ["insider", "outsider", "researcher"])
def test_lists_searches_and_exports_show_only_visible_cases(
    world: World, name: str
) -> None:
    shown = reference_lists(viewer(name), world)

    assert shown["list"] == SEES[name]
    assert shown["bundle"] == SEES[name]
    assert shown["csv"] == SEES[name]
    assert shown["search by reference"] == SEES[name] & {"confidential"}
    assert shown["search by name"] <= SEES[name]
    assert ("confidential" in shown["search by name"]) == (name == "insider")


@pytest.mark.parametrize("name", ["outsider", "researcher", "api reader"])
@pytest.mark.parametrize(
    "endpoint", ["persons", "relatives", "detentions", "citations", "mentions"]
)
def test_records_of_hidden_cases_are_absent_from_every_list(
    world: World, name: str, endpoint: str
) -> None:
    hidden = world.confidential
    keys = {
        "persons": [hidden.subject.uid, hidden.relative.person.uid],
        "relatives": [hidden.relative.pk],
        "detentions": [hidden.detention.uid],
        "citations": [hidden.citation.pk],
        "mentions": [hidden.mention.pk],
    }[endpoint]

    response = viewer(name).get(f"/api/v1/{endpoint}/", {"format": "csv"})

    if response.status_code == 403:
        return  # the role may not list these at all
    assert response.status_code == 200
    rows = response.content.decode().splitlines()[1:]
    assert rows  # the public case's records are listed
    shown = {cell for row in rows for cell in row.split(",")}
    assert {f"http://testserver/api/v1/{endpoint}/{key}/" for key in keys}.isdisjoint(
        shown
    )
    assert hidden.case.reference not in response.content.decode()


def test_filtering_by_a_hidden_case_or_person_finds_nothing(world: World) -> None:
    client = viewer("outsider")
    hidden = world.confidential

    relatives = client.get("/api/v1/relatives/", {"case": hidden.case.reference})
    mentions = client.get("/api/v1/mentions/", {"person": str(hidden.subject.uid)})
    persons = client.get("/api/v1/persons/", {"q": hidden.subject.display_name})

    assert relatives.json()["results"] == []
    assert mentions.json()["results"] == []
    assert str(hidden.subject.uid) not in persons.content.decode()


def test_the_count_in_a_too_large_bundle_counts_only_visible_cases(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_views, "MAX_BUNDLE_CASES", 1)

    response = viewer("researcher").get("/api/v1/cases/bundle/")

    assert response.status_code == 400
    assert "select 2 cases" in response.json()["message"]


@pytest.mark.parametrize(
    ("name", "case"),
    [("insider", "confidential"), ("assignee", "assigned")],
)
def test_the_team_and_the_assigned_worker_see_the_case_and_are_logged(
    world: World, name: str, case: str
) -> None:
    records = getattr(world, case)

    response = viewer(name).get(f"/api/v1/cases/{records.case.reference}/")

    assert response.status_code == 200
    assert response.json()["relatives"][0]["contact_details"]
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.username) == (AccessAction.VIEWED, name)
    assert entry.case_reference == records.case.reference


def test_loading_a_bundle_cannot_overwrite_a_hidden_case(world: World) -> None:
    bundle = viewer("administrator").get(
        f"/api/v1/cases/{world.confidential.case.reference}/bundle/"
    )
    data = bundle.json()
    data["cases"][0]["summary"] = "Overwritten by someone outside the team"

    response = viewer("outsider").post("/api/v1/cases/bundle/", data, format="json")

    assert response.status_code == 409
    errors = response.json()["errors"]
    assert set(errors) == {"cases[0].reference", "persons[0].id", "persons[1].id"} | {
        "cases[0].detentions[0].id"
    }
    world.confidential.case.refresh_from_db()
    assert world.confidential.case.summary == ""
    denied = AccessLogEntry.objects.filter(action=AccessAction.DENIED)
    assert {entry.case_reference for entry in denied} == {
        world.confidential.case.reference
    }
