"""Follow a submission to the UN Working Group: send it, record the replies.

A government's reply is also a claim of the state about the person: it is
recorded as a StateClaim of the case, tied to the submission it answers.
"""

import datetime

from django.db import transaction

from cases.dates import Precision
from cases.models import StateClaim, Submission, SubmissionStatus

__all__ = ["mark_sent", "record_reply"]


def mark_sent(
    *, submission: Submission, sent_on: datetime.date, reference: str = ""
) -> Submission:
    """Record that a draft submission went to the Working Group on a day."""
    submission.status = SubmissionStatus.SENT
    submission.sent_on = sent_on
    if reference:
        submission.wgeid_reference = reference
    submission.full_clean()
    submission.save()
    return submission


@transaction.atomic
def record_reply(
    *,
    submission: Submission,
    text: str,
    claimed_on: datetime.date | None,
    precision: str = Precision.DAY,
    claimed_by: str = "",
    source: str = "",
) -> StateClaim:
    """Record the government's reply to a submission, as a state claim of its case.

    The submission moves to "replied" unless it has gone further (clarified,
    closed); nothing is written when either record is invalid.
    """
    claim = StateClaim(
        case=submission.case,
        submission=submission,
        text=text,
        claimed_on=claimed_on,
        claimed_on_precision=precision,
        claimed_by=claimed_by,
        source=source,
    )
    claim.full_clean()
    claim.save()
    if submission.status in (SubmissionStatus.SENT, SubmissionStatus.TRANSMITTED):
        submission.status = SubmissionStatus.REPLIED
        submission.full_clean()
        submission.save()
    return claim
