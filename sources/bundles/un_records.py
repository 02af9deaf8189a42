"""Load what a case did with the UN: its source, steps, submissions, state claims.

Version 2 of the bundle carries each as records of the case; a version-1 case
carries one state claim in three fields of its own, which becomes one
StateClaim (the case's first, so that loading it again changes nothing).
"""

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError

from cases.models import Case, Relative, StateClaim, Step, Submission

from . import fields as shapes
from .records import Record, invalid

if TYPE_CHECKING:
    from .loading import Loader

__all__ = ["Linked", "load_un_records", "load_v1_state_claim"]


@dataclass
class Linked:
    """The records of one case that its citations may name, by bundle id."""

    steps: dict[uuid.UUID, Step] = field(default_factory=dict)
    state_claims: dict[uuid.UUID, StateClaim] = field(default_factory=dict)
    case_changed: bool = False  # the submitting relative, set after the case


def load_un_records(
    loader: "Loader",
    case: Case,
    record: Record,
    relatives: dict[uuid.UUID, Relative],
) -> Linked:
    """Load a version-2 case's source relative, steps, submissions and claims."""
    linked = Linked()
    if "submitting_relative" in record.data:
        linked.case_changed = _set_submitting_relative(case, record, relatives)
    for item in record.items("steps", shapes.STEP):
        uid = loader.claim_id(item, "step")
        step = Step.objects.filter(uid=uid).first() or Step(uid=uid)
        step.case = case
        if "relative" in item.data:
            step.relative = _relative(item, "relative", relatives)
        loader.save("step", step, item)
        linked.steps[uid] = step
    submissions: dict[uuid.UUID, Submission] = {}
    for item in record.items("submissions", shapes.SUBMISSION):
        uid = loader.claim_id(item, "submission")
        submission = Submission.objects.filter(uid=uid).first() or Submission(uid=uid)
        submission.case = case
        loader.save("submission", submission, item)
        submissions[uid] = submission
    for item in record.items("state_claims", shapes.STATE_CLAIM):
        uid = loader.claim_id(item, "state claim")
        claim = StateClaim.objects.filter(uid=uid).first() or StateClaim(uid=uid)
        claim.case = case
        if "submission" in item.data:
            where = "this case's submissions"
            claim.submission = loader.linked(
                item, "submission", submissions, where, optional=True
            )
        loader.save("state claim", claim, item)
        linked.state_claims[uid] = claim
    return linked


def load_v1_state_claim(loader: "Loader", case: Case, record: Record) -> Linked:
    """Load the state claim a version-1 case gives in its own fields."""
    keys = [f.key for f in shapes.STATE_CLAIM_V1.fields]
    given = {key: record.data[key] for key in keys if key in record.data}
    if not any(value not in (None, "") for value in given.values()):
        return Linked()
    item = Record(given, record.label, shapes.STATE_CLAIM_V1)
    claim = case.state_claims.order_by("claimed_on", "pk").first()
    loader.save("state claim", claim or StateClaim(case=case), item)
    return Linked()


def _relative(
    record: Record, key: str, relatives: dict[uuid.UUID, Relative]
) -> Relative | None:
    """Return the case's relative a key names by their person's id, or None."""
    uid = record.uid(key, required=False)
    if uid is None:
        return None
    if uid not in relatives:
        message = f"no relative whose person is '{uid}' in this case's relatives"
        raise record.error(key, message)
    return relatives[uid]


def _set_submitting_relative(
    case: Case, record: Record, relatives: dict[uuid.UUID, Relative]
) -> bool:
    """Set the case's submitting relative; say whether it changed."""
    relative = _relative(record, "submitting_relative", relatives)
    if case.submitting_relative_id == getattr(relative, "pk", None):
        return False
    case.submitting_relative = relative
    try:
        case.full_clean()
    except ValidationError as error:
        raise invalid(
            error, label=record.label, shape=record.shape, model=Case
        ) from None
    case.save()
    return True
