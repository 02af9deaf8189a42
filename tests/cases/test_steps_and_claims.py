"""Steps taken, state claims and submissions: their rules, and the move of each
case's single state claim into a StateClaim (migration 0014)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.models import Case, StateClaim
from tests.factories import (
    CaseFactory,
    CitationFactory,
    RelativeFactory,
    StateClaimFactory,
    StepFactory,
    SubmissionFactory,
)

BEFORE = [("cases", "0013_steps_submissions_state_claims")]


@pytest.mark.django_db
def test_a_step_by_a_relative_of_another_case_is_refused():
    step = StepFactory(taken_by="relative")
    step.relative = RelativeFactory()

    with pytest.raises(ValidationError) as error:
        step.full_clean()

    assert error.value.message_dict == {
        "relative": ["This relative is not of this case."]
    }


@pytest.mark.django_db
def test_a_step_naming_a_relative_is_taken_by_a_relative():
    case = CaseFactory()
    step = StepFactory(case=case, taken_by="group", relative=RelativeFactory(case=case))

    with pytest.raises(ValidationError) as error:
        step.full_clean()

    assert list(error.value.message_dict) == ["taken_by"]


@pytest.mark.django_db
def test_a_step_date_is_stored_as_the_first_day_of_its_period():
    step = StepFactory(taken_on=datetime.date(2019, 4, 17), taken_on_precision="month")

    step.full_clean()

    assert step.taken_on == datetime.date(2019, 4, 1)
    assert step.taken_display() == "2019-04"


@pytest.mark.django_db
def test_a_reply_to_another_cases_submission_is_refused():
    claim = StateClaimFactory(submission=SubmissionFactory())

    with pytest.raises(ValidationError) as error:
        claim.full_clean()

    assert list(error.value.message_dict) == ["submission"]


@pytest.mark.django_db
def test_a_sent_submission_needs_its_date():
    submission = SubmissionFactory.build(case=CaseFactory(), sent_on=None)

    with pytest.raises(ValidationError, match="needs the day it was"):
        submission.full_clean()


@pytest.mark.django_db
def test_the_source_must_be_a_relative_of_the_case():
    case = CaseFactory(submitted_by="relative")
    case.submitting_relative = RelativeFactory()

    with pytest.raises(ValidationError) as error:
        case.full_clean()

    assert list(error.value.message_dict) == ["submitting_relative"]


@pytest.mark.django_db
def test_a_consent_date_needs_the_consent():
    case = CaseFactory(un_consent_given_on=datetime.date(2020, 1, 2))

    with pytest.raises(ValidationError) as error:
        case.full_clean()

    assert list(error.value.message_dict) == ["un_consent_given_on"]


@pytest.mark.django_db
def test_the_source_is_confidential_and_unpublished_unless_said_otherwise():
    case = CaseFactory()

    assert case.source_confidential is True
    assert case.consents_to_publication is False
    assert case.consents_to_un_submission is False


@pytest.mark.django_db
@pytest.mark.parametrize("part", ["step", "state_claim"])
def test_a_citation_of_another_cases_record_is_refused(part):
    other = StepFactory() if part == "step" else StateClaimFactory()
    citation = CitationFactory(**{part: other})
    citation.case = CaseFactory()

    with pytest.raises(ValidationError) as error:
        citation.full_clean()

    assert list(error.value.message_dict) == [part]


@pytest.mark.django_db(transaction=True)
def test_migration_moves_each_cases_state_claim_into_a_state_claim():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = MigrationExecutor(connection).loader.project_state(BEFORE).apps
    OldCase, OldPerson = (
        old.get_model("cases", "Case"),
        old.get_model("cases", "Person"),
    )
    subject = OldPerson.objects.create(description="an invented person")
    claimed = OldCase.objects.create(
        reference="CT-2020-0901",
        subject=subject,
        state_claim="An invented statement.",
        state_claim_on=datetime.date(2020, 5, 4),
        state_claim_source="Invented briefing",
    )
    OldCase.objects.create(reference="CT-2020-0902", subject=subject)

    MigrationExecutor(connection).migrate(leaves)

    claim = StateClaim.objects.get()
    assert claim.case_id == claimed.pk
    assert (claim.text, claim.source) == ("An invented statement.", "Invented briefing")
    assert (claim.claimed_on, claim.claimed_on_precision) == (
        datetime.date(2020, 5, 4),
        "day",
    )
    assert Case.objects.count() == 2
