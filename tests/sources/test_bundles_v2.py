"""Case bundles version 2: steps, submissions, several state claims, the source;
and version-1 files, whose single state claim becomes one StateClaim."""

import copy
import datetime

import pytest

from cases.models import Case, StateClaim, Step, Submission
from sources.bundles import BundleError, export_bundle, load_bundle
from sources.models import Citation
from tests.factories import (
    CitationFactory,
    DocumentedCaseFactory,
    StateClaimFactory,
    StepFactory,
    SubmissionFactory,
)
from tests.sources.test_bundles import make_bundle, wipe_case_records

pytestmark = pytest.mark.django_db


def documented_case() -> Case:
    """Return a case with a source relative, steps, a submission and two claims."""
    case = DocumentedCaseFactory()
    relative = case.relatives.get()
    case.submitted_by = "relative"
    case.submitting_relative = relative
    case.source_confidential = False
    case.consents_to_un_submission = True
    case.un_consent_given_on = datetime.date(2019, 8, 1)
    case.save()
    step = StepFactory(
        case=case,
        taken_by="relative",
        relative=relative,
        taken_on=datetime.date(2018, 4, 1),
        taken_on_precision="month",
    )
    StepFactory(case=case, kind="court", taken_on=None)
    submission = SubmissionFactory(case=case, status="replied")
    StateClaimFactory(case=case)
    reply = StateClaimFactory(
        case=case, submission=submission, text="An invented reply.", claimed_by="x"
    )
    CitationFactory(case=case, step=step, quote="asked the police")
    CitationFactory(case=case, state_claim=reply, quote="the reply")
    return case


def test_exports_version_2_with_the_records_of_the_un():
    case = documented_case()

    record = export_bundle(cases=Case.objects.filter(pk=case.pk))

    assert record["version"] == 2
    exported = record["cases"][0]
    relative = str(case.relatives.get().person.uid)
    assert exported["submitted_by"] == "relative"
    assert exported["submitting_relative"] == relative
    assert exported["un_consent_given_on"] == "2019-08-01"
    assert [s["kind"] for s in exported["steps"]] == ["police", "court"]
    assert exported["steps"][0]["taken"] == "2018-04"
    assert exported["steps"][0]["relative"] == relative
    submission = exported["submissions"][0]
    assert [c["submission"] for c in exported["state_claims"]] == [
        None,
        submission["id"],
    ]
    cited = {c["quote"]: c for c in exported["citations"]}
    assert cited["asked the police"]["step"] == exported["steps"][0]["id"]
    assert cited["the reply"]["state_claim"] == exported["state_claims"][1]["id"]


def test_export_then_load_into_an_empty_database_gives_the_same_bundle():
    case = documented_case()
    exported = export_bundle(cases=Case.objects.filter(pk=case.pk))
    wipe = [Citation, StateClaim, Submission, Step]
    for model in wipe:
        model.objects.all().delete()
    Case.objects.update(submitting_relative=None)
    wipe_case_records()

    summary = load_bundle(data=copy.deepcopy(exported))

    assert summary.created["step"] == 2
    assert summary.created["state claim"] == 2
    assert export_bundle(cases=Case.objects.all()) == exported


def test_loading_version_2_again_changes_nothing():
    case = documented_case()
    exported = export_bundle(cases=Case.objects.filter(pk=case.pk))

    summary = load_bundle(data=copy.deepcopy(exported))

    assert summary.created.total() == summary.updated.total() == 0


def test_a_version_1_state_claim_becomes_one_state_claim():
    bundle = make_bundle(cases=1)
    bundle["cases"][0].update(
        state_claim="An invented statement.",
        state_claim_on="2020-05-04",
        state_claim_source="Invented briefing",
    )

    load_bundle(data=copy.deepcopy(bundle))
    again = load_bundle(data=copy.deepcopy(bundle))

    claim = StateClaim.objects.get()
    assert (claim.text, claim.source) == ("An invented statement.", "Invented briefing")
    assert (claim.claimed_on, claim.claimed_on_precision) == (
        datetime.date(2020, 5, 4),
        "day",
    )
    assert again.unchanged["state claim"] == 1


def test_a_version_1_case_without_a_claim_gets_none():
    load_bundle(data=make_bundle(cases=2))

    assert not StateClaim.objects.exists()
    assert Case.objects.count() == 2


def test_version_1_refuses_the_keys_of_version_2():
    bundle = make_bundle(cases=1)
    bundle["cases"][0]["steps"] = []

    with pytest.raises(BundleError, match=r"cases\[0\] \(CT-2099-0001\)\.steps"):
        load_bundle(data=bundle)


def test_a_step_by_someone_not_a_relative_of_the_case_is_refused():
    bundle = make_bundle(cases=2)
    bundle["version"] = 2
    other = bundle["cases"][1]["relatives"][0]["person"]
    bundle["cases"][0]["steps"] = [
        {
            "id": "2b0c8a55-0e4e-4f0e-9d0a-5b7c8d0e1f01",
            "kind": "police",
            "relative": other,
        }
    ]

    with pytest.raises(BundleError, match=r"steps\[0\].*\.relative: no relative"):
        load_bundle(data=bundle)
    assert not Case.objects.exists()


def test_a_claim_replying_to_another_cases_submission_is_refused():
    bundle = make_bundle(cases=2)
    bundle["version"] = 2
    submission = "2b0c8a55-0e4e-4f0e-9d0a-5b7c8d0e1f02"
    bundle["cases"][1]["submissions"] = [
        {"id": submission, "status": "sent", "sent_on": "2020-01-02"}
    ]
    bundle["cases"][0]["state_claims"] = [
        {
            "id": "2b0c8a55-0e4e-4f0e-9d0a-5b7c8d0e1f03",
            "text": "An invented reply.",
            "submission": submission,
        }
    ]

    with pytest.raises(BundleError, match="no record with id"):
        load_bundle(data=bundle)


def test_a_sent_submission_needs_its_date():
    bundle = make_bundle(cases=1)
    bundle["version"] = 2
    bundle["cases"][0]["submissions"] = [
        {"id": "2b0c8a55-0e4e-4f0e-9d0a-5b7c8d0e1f04", "status": "sent"}
    ]

    with pytest.raises(BundleError, match="needs the day it was"):
        load_bundle(data=bundle)
