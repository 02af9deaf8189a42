"""Following a submission to the Working Group: sending it, recording replies."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from cases.models import StateClaim
from cases.submitting import mark_sent, record_reply
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def test_marking_a_draft_sent_records_the_day_and_reference():
    submission = SubmissionFactory(status="draft", sent_on=None, wgeid_reference="")

    mark_sent(
        submission=submission, sent_on=datetime.date(2021, 3, 1), reference="INV-9"
    )

    submission.refresh_from_db()
    assert (submission.status, submission.wgeid_reference) == ("sent", "INV-9")
    assert submission.sent_on == datetime.date(2021, 3, 1)


def test_a_reply_is_a_state_claim_of_the_case_and_moves_the_submission_on():
    submission = SubmissionFactory(status="transmitted")

    claim = record_reply(
        submission=submission,
        text="An invented reply: he is studying.",
        claimed_on=datetime.date(2021, 6, 1),
        precision="month",
        claimed_by="Invented mission",
    )

    assert claim.case == submission.case
    assert list(submission.replies.all()) == [claim]
    submission.refresh_from_db()
    assert submission.status == "replied"


def test_a_reply_to_a_clarified_case_leaves_its_status():
    submission = SubmissionFactory(status="clarified")

    record_reply(submission=submission, text="An invented reply.", claimed_on=None)

    submission.refresh_from_db()
    assert submission.status == "clarified"


def test_an_empty_reply_writes_nothing():
    submission = SubmissionFactory(status="sent")

    with pytest.raises(ValidationError):
        record_reply(submission=submission, text="", claimed_on=None)

    assert not StateClaim.objects.exists()
    submission.refresh_from_db()
    assert submission.status == "sent"
