"""Write cases, each with its parts, as a case bundle lists them."""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from cases.models import Case, Detention, Relative, StateClaim, Step, Submission
from sources.models import Citation

from .rows import (
    CASE,
    CITATION,
    DETENTION,
    RELATIVE,
    STATE_CLAIM,
    STEP,
    SUBMISSION,
    Row,
    grouped,
)

__all__ = ["CaseParts", "case_record"]


@dataclass(frozen=True)
class CaseParts:
    """The parts of some cases, each kind read in one query and grouped by case.

    Grouped here rather than by prefetch_related, which builds a queryset per
    case and took most of a bulk export's time.
    """

    relatives: dict[int, list[Row]]
    detentions: dict[int, list[Row]]
    steps: dict[int, list[Row]]
    submissions: dict[int, list[Row]]
    state_claims: dict[int, list[Row]]
    citations: dict[int, list[Row]]

    @classmethod
    def of(cls, case_ids: QuerySet[Case, Any]) -> "CaseParts":
        """Read the parts of the cases these ids (a subquery) select."""

        def of_cases(records: QuerySet[Any]) -> dict[int, list[Row]]:
            return grouped(records.filter(case__in=case_ids), "case_id")

        return cls(
            relatives=of_cases(Relative.objects.all()),
            detentions=of_cases(Detention.objects.all()),
            steps=of_cases(Step.objects.all()),
            submissions=of_cases(Submission.objects.all()),
            state_claims=of_cases(StateClaim.objects.all()),
            citations=of_cases(Citation.objects.all()),
        )

    def person_ids(self, cases: list[Row]) -> set[int]:
        """Return the subjects' and the relatives' person ids."""
        relatives = self.relatives.values()
        return {case.subject_id for case in cases} | {
            relative.person_id for group in relatives for relative in group
        }

    def facility_ids(self) -> set[int]:
        """Return the facilities the detentions name."""
        return {
            detention.facility_id
            for group in self.detentions.values()
            for detention in group
            if detention.facility_id
        }

    def article_ids(self) -> set[int]:
        """Return the articles the citations cite."""
        return {c.article_id for group in self.citations.values() for c in group}


def case_record(case: Row, parts: CaseParts) -> dict[str, Any]:
    """Return a case (a row of values) with its parts as a bundle lists it."""
    case_id = case.id
    relatives = parts.relatives.get(case_id, ())
    relative_uids = {r.id: str(r.person__uid) for r in relatives}
    record = CASE.copy(
        case, {"reference": case.reference, "subject": str(case.subject__uid)}
    )
    record["assigned_to"] = case.assigned_username
    record["submitting_relative"] = relative_uids.get(case.submitting_relative_id)
    record["relatives"] = [
        RELATIVE.copy(r, {"person": relative_uids[r.id]}) for r in relatives
    ]
    record["detentions"] = [
        DETENTION.copy(
            d, {"id": str(d.uid), "facility": _optional_uid(d.facility__uid)}
        )
        for d in parts.detentions.get(case_id, ())
    ]
    _add_un_records(record, case_id, parts, relative_uids)
    record["citations"] = _citations(case_id, parts)
    return record


def _uids_of(rows: list[Row]) -> dict[int, str]:
    """Return the public ids of the rows, by primary key."""
    return {row.id: str(row.uid) for row in rows}


def _add_un_records(
    record: dict[str, Any], case_id: int, parts: CaseParts, relatives: dict[int, str]
) -> None:
    """Add a case's steps, submissions and state claims to its record."""
    record["steps"] = [
        STEP.copy(s, {"id": str(s.uid), "relative": relatives.get(s.relative_id)})
        for s in parts.steps.get(case_id, ())
    ]
    submissions = parts.submissions.get(case_id, [])
    record["submissions"] = [
        SUBMISSION.copy(s, {"id": str(s.uid)}) for s in submissions
    ]
    claims = parts.state_claims.get(case_id, ())
    submission_uids = _uids_of(submissions) if claims else {}
    record["state_claims"] = [
        STATE_CLAIM.copy(
            c,
            {
                "id": str(c.uid),
                "submission": submission_uids.get(c.submission_id),
            },
        )
        for c in claims
    ]


def _citations(case_id: int, parts: CaseParts) -> list[dict[str, Any]]:
    citations = parts.citations.get(case_id)
    if not citations:
        return []
    # A citation's detention, step and state claim are of its own case (its clean()).
    detentions = _uids_of(parts.detentions.get(case_id, []))
    steps = _uids_of(parts.steps.get(case_id, []))
    claims = _uids_of(parts.state_claims.get(case_id, []))
    return [
        CITATION.copy(
            c,
            {
                "article": str(c.article__uid),
                "detention": detentions.get(c.detention_id),
                "step": steps.get(c.step_id),
                "state_claim": claims.get(c.state_claim_id),
            },
        )
        for c in citations
    ]


def _optional_uid(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)
