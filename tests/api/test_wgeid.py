"""The case detail's records of the UN, its source, and GET /cases/{ref}/wgeid/."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AccessAction, AccessLogEntry
from cases.models import Team
from tests.factories import (
    StateClaimFactory,
    StepFactory,
    SubmissionFactory,
    user_with_role,
)
from tests.security.api_helpers import (
    ADMINISTRATOR,
    API_READER,
    CASE_WORKER,
    RESEARCHER,
    case_with_records,
    client_for,
)

pytestmark = pytest.mark.django_db


def case_with_a_source(confidential: bool, confidentiality: str = "restricted"):
    """Return a case's records, its relative the source, with a step and claims."""
    records = case_with_records(confidentiality)
    case = records.case
    case.submitted_by = "relative"
    case.submitting_relative = records.relative
    case.source_confidential = confidential
    case.save()
    StepFactory(case=case, taken_by="relative", relative=records.relative)
    submission = SubmissionFactory(case=case)
    StateClaimFactory(case=case)
    StateClaimFactory(case=case, submission=submission, text="An invented reply.")
    return records


def detail(role: str, reference: str) -> dict:
    response = client_for(user_with_role(role)).get(f"/api/v1/cases/{reference}/")
    assert response.status_code == 200
    return response.json()


def test_the_detail_gives_steps_claims_submissions_and_the_source():
    records = case_with_a_source(confidential=False)

    data = detail(ADMINISTRATOR, records.case.reference)

    assert data["submitted_by"] == "relative"
    assert data["submitting_relative"] == records.relative.pk
    assert data["source_confidential"] is False
    assert data["consents_to_publication"] is False
    assert [s["kind"] for s in data["steps"]] == ["police"]
    assert data["steps"][0]["taken"] == "2018-04-02"
    assert data["steps"][0]["relative"] == records.relative.pk
    (submission,) = data["submissions"]
    assert [c["submission"] for c in data["state_claims"]] == [
        None,
        submission["uid"],
    ]
    assert data["state_claims"][0]["claimed"] == "2019-05"


def test_a_confidential_source_is_hidden_from_who_may_not_see_sensitive_fields():
    records = case_with_a_source(confidential=True)

    researcher = detail(RESEARCHER, records.case.reference)
    worker = detail(CASE_WORKER, records.case.reference)

    assert researcher["submitted_by"] == "relative"
    assert researcher["submitting_relative"] is None
    assert worker["submitting_relative"] == records.relative.pk


def test_an_api_reader_sees_steps_but_no_relative_in_them():
    records = case_with_a_source(confidential=False, confidentiality="public")

    data = detail(API_READER, records.case.reference)

    assert data["steps"][0]["relative"] is None
    assert data["submitting_relative"] is None
    assert "relatives" not in data


def test_a_bundle_leaves_out_a_confidential_source_for_a_researcher():
    records = case_with_a_source(confidential=True)
    url = f"/api/v1/cases/{records.case.reference}/bundle/"

    researcher = client_for(user_with_role(RESEARCHER)).get(url).json()["cases"][0]
    worker = client_for(user_with_role(CASE_WORKER)).get(url).json()["cases"][0]

    assert "submitting_relative" not in researcher
    assert researcher["steps"][0]["relative"]  # relatives are the researcher's
    assert worker["submitting_relative"] == str(records.relative.person.uid)


def test_the_checklist_says_what_is_missing_and_why():
    records = case_with_a_source(confidential=True)

    response = client_for(user_with_role(RESEARCHER)).get(
        f"/api/v1/cases/{records.case.reference}/wgeid/"
    )

    assert response.status_code == 200
    data = response.json()
    assert data["reference"] == records.case.reference
    assert data["ready"] is False
    assert data["urgent"] is False
    by_key = {element["key"]: element for element in data["elements"]}
    assert list(by_key) == ["name", "date", "place", "responsible", "steps", "source"]
    assert by_key["date"]["present"] is True
    assert by_key["place"]["present"] is False
    assert "place of arrest" in by_key["place"]["reason"]


def test_the_checklist_of_a_recent_disappearance_is_urgent():
    records = case_with_a_source(confidential=True)
    records.case.disappeared_on = timezone.localdate() - datetime.timedelta(days=20)
    records.case.save()

    data = (
        client_for(user_with_role(CASE_WORKER))
        .get(f"/api/v1/cases/{records.case.reference}/wgeid/")
        .json()
    )

    assert data["urgent"] is True
    assert "urgent-action procedure" in data["urgent_reason"]


def test_the_checklist_of_a_hidden_case_is_a_404_and_logged():
    records = case_with_a_source(confidential=True, confidentiality="confidential")

    response = client_for(user_with_role(RESEARCHER)).get(
        f"/api/v1/cases/{records.case.reference}/wgeid/"
    )

    assert response.status_code == 404
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessAction.DENIED


def test_the_checklist_of_a_confidential_case_is_logged_as_a_view():
    team = Team.objects.create(name="Invented office")
    worker = user_with_role(CASE_WORKER)
    team.members.add(worker)
    records = case_with_records("confidential", team=team)

    response = client_for(worker).get(f"/api/v1/cases/{records.case.reference}/wgeid/")

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.action, entry.case_reference) == (
        AccessAction.VIEWED,
        records.case.reference,
    )
