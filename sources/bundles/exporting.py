"""Export cases as a case bundle, in the form load_bundle() reads back."""

import uuid
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import models
from django.db.models import QuerySet

from cases.dates import format_date
from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
    StateClaim,
    Step,
    Submission,
)
from sources.models import Citation, SourceArticle

from . import fields as shapes
from .fields import DATE, DAY, FORMAT, NUMBER, VERSION, Shape

_M = TypeVar("_M", bound=models.Model)

__all__ = [
    "bundle_article",
    "bundle_facilities",
    "bundle_persons",
    "export_bundle",
    "export_cases",
]


@dataclass(frozen=True)
class CaseParts:
    """The parts of some cases, each kind read in one query and grouped by case.

    Grouped here rather than by prefetch_related, which builds a queryset per
    case and took most of a bulk export's time.
    """

    relatives: dict[int, list[Relative]]
    detentions: dict[int, list[Detention]]
    steps: dict[int, list[Step]]
    submissions: dict[int, list[Submission]]
    state_claims: dict[int, list[StateClaim]]
    citations: dict[int, list[Citation]]

    @classmethod
    def of(cls, case_ids: Collection[int]) -> "CaseParts":
        """Read the parts of these cases."""

        def of_cases(records: QuerySet[_M]) -> dict[int, list[_M]]:
            return _grouped(records.filter(case_id__in=case_ids), "case_id")

        return cls(
            relatives=of_cases(Relative.objects.all()),
            detentions=of_cases(Detention.objects.all()),
            steps=of_cases(Step.objects.all()),
            submissions=of_cases(Submission.objects.all()),
            state_claims=of_cases(StateClaim.objects.all()),
            citations=of_cases(Citation.objects.all()),
        )

    def person_ids(self, cases: list[Case]) -> set[int]:
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


@dataclass(frozen=True)
class Uids:
    """The public ids of the records that cases point to, by primary key."""

    persons: dict[int, uuid.UUID]
    facilities: dict[int, uuid.UUID]
    articles: dict[int, uuid.UUID]


def export_bundle(*, cases: QuerySet[Case]) -> dict:
    """Return the cases, and every person, facility and article they use, as a bundle.

    The number of queries does not depend on the number of cases. Lists are in a
    stable order (cases by reference, everything else as entered), so exporting
    what was loaded from an export gives the same JSON.
    """
    case_list = list(cases.select_related("assigned_to").order_by("reference"))
    parts = CaseParts.of([case.pk for case in case_list])
    persons = list(
        Person.objects.filter(pk__in=parts.person_ids(case_list)).order_by("pk")
    )
    facilities = list(
        Facility.objects.filter(pk__in=parts.facility_ids()).order_by("pk")
    )
    articles = list(
        SourceArticle.objects.filter(pk__in=parts.article_ids()).order_by("pk")
    )
    uids = Uids(
        persons={person.pk: person.uid for person in persons},
        facilities={facility.pk: facility.uid for facility in facilities},
        articles={article.pk: article.uid for article in articles},
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "persons": bundle_persons(persons),
        "facilities": bundle_facilities(facilities),
        "articles": [bundle_article(article) for article in articles],
        "cases": [_case(case, parts, uids) for case in case_list],
    }


def export_cases(*, cases: QuerySet[Case]) -> list[dict[str, Any]]:
    """Return the cases only, as a bundle lists them, in order of reference.

    For a bundle streamed in chunks, whose persons, facilities and articles are
    written once before the cases.
    """
    case_list = list(cases.select_related("assigned_to").order_by("reference"))
    parts = CaseParts.of([case.pk for case in case_list])
    uids = Uids(
        persons=_uids(Person.objects.filter(pk__in=parts.person_ids(case_list))),
        facilities=_uids(Facility.objects.filter(pk__in=parts.facility_ids())),
        articles=_uids(SourceArticle.objects.filter(pk__in=parts.article_ids())),
    )
    return [_case(case, parts, uids) for case in case_list]


def bundle_persons(persons: list[Person]) -> list[dict[str, Any]]:
    """Return persons as a bundle lists them, with their names in order."""
    names = _grouped(
        PersonName.objects.filter(person__in=[p.pk for p in persons]), "person_id"
    )
    return [_person(person, names.get(person.pk, [])) for person in persons]


def bundle_facilities(facilities: list[Facility]) -> list[dict[str, Any]]:
    """Return facilities as a bundle lists them, with their names in order."""
    names = _grouped(
        FacilityName.objects.filter(facility__in=[f.pk for f in facilities]),
        "facility_id",
    )
    return [_facility(facility, names.get(facility.pk, [])) for facility in facilities]


def bundle_article(article: SourceArticle) -> dict[str, Any]:
    """Return an article as a bundle lists it."""
    return {"id": str(article.uid), **_record(article, shapes.ARTICLE)}


def _grouped(records: QuerySet[_M], key: str) -> dict[int, list[_M]]:
    """Return the records in the order entered, grouped by a foreign key."""
    grouped: dict[int, list[_M]] = defaultdict(list)
    for record in records.order_by("pk"):
        grouped[getattr(record, key)].append(record)
    return grouped


def _uids(records: QuerySet[Any]) -> dict[int, uuid.UUID]:
    return dict(records.order_by().values_list("pk", "uid"))


def _person(person: Person, names: list[PersonName]) -> dict[str, Any]:
    records = [_record(name, shapes.PERSON_NAME) for name in names]
    return {"id": str(person.uid), "names": records, **_record(person, shapes.PERSON)}


def _facility(facility: Facility, names: list[FacilityName]) -> dict[str, Any]:
    return {
        "id": str(facility.uid),
        **_record(facility, shapes.FACILITY),
        "names": [_record(name, shapes.FACILITY_NAME) for name in names],
    }


def _case(case: Case, parts: CaseParts, uids: Uids) -> dict[str, Any]:
    detentions = parts.detentions.get(case.pk, [])
    relatives = parts.relatives.get(case.pk, [])
    relative_uids = {r.pk: uids.persons[r.person_id] for r in relatives}
    return {
        "reference": case.reference,
        "subject": str(uids.persons[case.subject_id]),
        **_record(case, shapes.CASE),
        "assigned_to": case.assigned_to.get_username() if case.assigned_to else None,
        "submitting_relative": _optional_uid(
            relative_uids.get(case.submitting_relative_id or 0)
        ),
        "relatives": [
            {"person": str(uids.persons[r.person_id]), **_record(r, shapes.RELATIVE)}
            for r in relatives
        ],
        "detentions": [
            {
                "id": str(d.uid),
                "facility": _optional_uid(uids.facilities.get(d.facility_id or 0)),
                **_record(d, shapes.DETENTION),
            }
            for d in detentions
        ],
        **un_records(case, parts, relative_uids),
        "citations": _citations(case, parts, uids),
    }


def _citations(case: Case, parts: CaseParts, uids: Uids) -> list[dict[str, Any]]:
    # A citation's detention, step and state claim are of its own case (its clean()).
    own = {
        "detention": _uids_of(parts.detentions.get(case.pk, [])),
        "step": _uids_of(parts.steps.get(case.pk, [])),
        "state_claim": _uids_of(parts.state_claims.get(case.pk, [])),
    }
    return [
        {
            "article": str(uids.articles[c.article_id]),
            **{
                part: _optional_uid(ids.get(getattr(c, f"{part}_id") or 0))
                for part, ids in own.items()
            },
            **_record(c, shapes.CITATION),
        }
        for c in parts.citations.get(case.pk, [])
    ]


def _uids_of(records: list[Any]) -> dict[int, uuid.UUID]:
    return {record.pk: record.uid for record in records}


def un_records(
    case: Case, parts: CaseParts, relatives: dict[int, uuid.UUID]
) -> dict[str, Any]:
    """Return a case's steps, submissions and state claims as a bundle gives them."""
    submissions = parts.submissions.get(case.pk, [])
    submission_uids = _uids_of(submissions)
    return {
        "steps": [
            {
                "id": str(step.uid),
                "relative": _optional_uid(relatives.get(step.relative_id or 0)),
                **_record(step, shapes.STEP),
            }
            for step in parts.steps.get(case.pk, [])
        ],
        "submissions": [
            {"id": str(s.uid), **_record(s, shapes.SUBMISSION)} for s in submissions
        ],
        "state_claims": [
            {
                "id": str(claim.uid),
                "submission": _optional_uid(
                    submission_uids.get(claim.submission_id or 0)
                ),
                **_record(claim, shapes.STATE_CLAIM),
            }
            for claim in parts.state_claims.get(case.pk, [])
        ],
    }


def _record(obj: models.Model, shape: Shape) -> dict[str, Any]:
    """Return the plain fields of a record, in the order of its shape."""
    return {field.key: _value(obj, field.attname, field.type) for field in shape.fields}


def _value(obj: models.Model, attname: str, kind: str) -> Any:
    value = getattr(obj, attname)
    if value is None or isinstance(value, bool | int):
        return value
    if kind == DATE:
        return format_date(value, getattr(obj, f"{attname}_precision"))
    if kind == DAY:
        return value.isoformat()
    if kind == NUMBER:
        # Six decimal places and nine digits survive the float exactly.
        return float(value)
    return str(value)  # a CountryField gives a Country


def _optional_uid(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)
