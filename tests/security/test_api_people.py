"""Who the API shows and lets be named: relatives hidden from API readers, and
cases assigned only to those who work cases, without telling who has an account."""

import pytest

from cases.models import Case, PersonName
from tests.factories import (
    NamedPersonFactory,
    RelativeFactory,
    UserFactory,
    user_with_role,
)

from .api_helpers import API_READER, CASE_WORKER, RESEARCHER, client_for

pytestmark = pytest.mark.django_db


def public_case_with_a_relative():
    relative = RelativeFactory(
        case__confidentiality="public",
        person=NamedPersonFactory(name__text="Gulzhan Inventedkyzy"),
    )
    return relative.case, relative.person


def listed_uids(client) -> set[str]:
    response = client.get("/api/v1/persons/?page_size=100")
    assert response.status_code == 200
    return {row["uid"] for row in response.json()["results"]}


def test_an_api_reader_does_not_find_relatives_among_persons() -> None:
    case, relative = public_case_with_a_relative()
    reader = client_for(user_with_role(API_READER))

    assert listed_uids(reader) == {str(case.subject.uid)}
    assert reader.get(f"/api/v1/persons/{relative.uid}/").status_code == 404
    found = reader.get("/api/v1/persons/?q=Gulzhan Inventedkyzy").json()
    assert found["results"] == []


def test_an_api_reader_does_not_find_a_case_by_a_relatives_name() -> None:
    case, _relative = public_case_with_a_relative()
    reader = client_for(user_with_role(API_READER))
    researcher = client_for(user_with_role(RESEARCHER))

    by_reader = reader.get("/api/v1/cases/?q=Gulzhan Inventedkyzy").json()
    by_researcher = researcher.get("/api/v1/cases/?q=Gulzhan Inventedkyzy").json()

    assert by_reader["results"] == []
    assert [row["reference"] for row in by_researcher["results"]] == [case.reference]


def test_a_researcher_still_finds_relatives_among_persons() -> None:
    case, relative = public_case_with_a_relative()
    researcher = client_for(user_with_role(RESEARCHER))

    assert listed_uids(researcher) == {str(case.subject.uid), str(relative.uid)}


def test_a_relative_who_is_also_a_subject_stays_visible_as_the_subject() -> None:
    _case, relative = public_case_with_a_relative()
    own = RelativeFactory(case__subject=relative, case__confidentiality="public").case
    reader = client_for(user_with_role(API_READER))

    assert str(relative.uid) in listed_uids(reader)
    assert own.subject == relative


def new_case(**fields: object) -> dict[str, object]:
    return {
        "subject": {"names": [{"text": "Invented Newcase", "script": "Latn"}]},
        "confidentiality": "confidential",
        **fields,
    }


def test_a_new_confidential_case_is_assigned_to_its_author() -> None:
    author = client_for(user_with_role(CASE_WORKER))

    created = author.post("/api/v1/cases/", new_case(), format="json")

    assert created.status_code == 201, created.json()
    reference = created.json()["reference"]
    assert Case.objects.get(reference=reference).assigned_to == author.user
    assert created.json()["assigned_to"] == author.user.username
    assert author.get(f"/api/v1/cases/{reference}/").status_code == 200


def test_a_case_is_assigned_only_to_staff_who_work_cases() -> None:
    UserFactory(username="reader-account", is_staff=False)
    user_with_role(RESEARCHER, username="researcher-account")
    worker = user_with_role(CASE_WORKER, username="colleague")
    author = client_for(user_with_role(CASE_WORKER))

    refused = {
        username: author.post(
            "/api/v1/cases/", new_case(assigned_to=username), format="json"
        )
        for username in ("reader-account", "researcher-account", "never-existed")
    }
    accepted = author.post("/api/v1/cases/", new_case(assigned_to="colleague"))

    assert {answer.status_code for answer in refused.values()} == {400}
    messages = {str(answer.json()["errors"]) for answer in refused.values()}
    assert len(messages) == 1  # the same words, whether the account exists or not
    assert "exist" not in messages.pop()
    assert accepted.status_code == 201, accepted.json()
    assert Case.objects.get(reference=accepted.json()["reference"]).assigned_to == (
        worker
    )
    assert PersonName.objects.filter(text="Invented Newcase").count() == 1
