"""Export cases as a case bundle, in the form load_bundle() reads back.

Records are read as rows of values (`QuerySet.values()`), not model instances:
a bundle of a hundred thousand cases holds about a million records, and
building an instance of each took most of the export's time.
"""

import uuid
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import F, QuerySet

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

__all__ = [
    "Row",
    "bundle_article",
    "bundle_facilities",
    "bundle_persons",
    "export_bundle",
    "export_cases",
]

# One record as QuerySet.values() gives it: model field attnames to values.
Row = dict[str, Any]


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
            return _grouped(records.filter(case__in=case_ids), "case_id")

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
        return {case["subject_id"] for case in cases} | {
            relative["person_id"] for group in relatives for relative in group
        }

    def facility_ids(self) -> set[int]:
        """Return the facilities the detentions name."""
        return {
            detention["facility_id"]
            for group in self.detentions.values()
            for detention in group
            if detention["facility_id"]
        }

    def article_ids(self) -> set[int]:
        """Return the articles the citations cite."""
        return {c["article_id"] for group in self.citations.values() for c in group}


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
    case_rows = _case_rows(cases)
    parts = CaseParts.of(cases.values("pk"))
    persons = _rows(Person.objects.filter(pk__in=parts.person_ids(case_rows)))
    facilities = _rows(Facility.objects.filter(pk__in=parts.facility_ids()))
    articles = _rows(SourceArticle.objects.filter(pk__in=parts.article_ids()))
    uids = Uids(
        persons={person["id"]: person["uid"] for person in persons},
        facilities={facility["id"]: facility["uid"] for facility in facilities},
        articles={article["id"]: article["uid"] for article in articles},
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "persons": bundle_persons(persons),
        "facilities": bundle_facilities(facilities),
        "articles": [bundle_article(article) for article in articles],
        "cases": [_case(case, parts, uids) for case in case_rows],
    }


def export_cases(
    *, cases: QuerySet[Case], after: str | None = None, count: int | None = None
) -> list[dict[str, Any]]:
    """Return the cases as a bundle lists them, in order of reference; or only
    the first `count` after the reference `after`.

    For a bundle streamed in chunks, whose persons, facilities and articles are
    written once before the cases: each chunk's parts are read by a subquery
    of that chunk, never by a list of thousands of ids.
    """
    selected = cases.order_by("reference")
    if after is not None:
        selected = selected.filter(reference__gt=after)
    case_rows = _case_rows(selected, count)
    ids = selected.values("pk")
    parts = CaseParts.of(ids if count is None else ids[:count])
    uids = Uids(
        persons=_uids(Person.objects.filter(pk__in=parts.person_ids(case_rows))),
        facilities=_uids(Facility.objects.filter(pk__in=parts.facility_ids())),
        articles=_uids(SourceArticle.objects.filter(pk__in=parts.article_ids())),
    )
    return [_case(case, parts, uids) for case in case_rows]


def bundle_persons(persons: list[Row]) -> list[dict[str, Any]]:
    """Return persons (rows of values) as a bundle lists them, names in order."""
    ids = [person["id"] for person in persons]
    names = _grouped(PersonName.objects.filter(person__in=ids), "person_id")
    return [_person(person, names.get(person["id"], [])) for person in persons]


def bundle_facilities(facilities: list[Row]) -> list[dict[str, Any]]:
    """Return facilities (rows of values) as a bundle lists them, names in order."""
    ids = [facility["id"] for facility in facilities]
    names = _grouped(FacilityName.objects.filter(facility__in=ids), "facility_id")
    return [
        _facility(facility, names.get(facility["id"], [])) for facility in facilities
    ]


def bundle_article(article: Row) -> dict[str, Any]:
    """Return an article (a row of values) as a bundle lists it."""
    return {"id": str(article["uid"]), **_record(article, shapes.ARTICLE)}


def _case_rows(cases: QuerySet[Case], count: int | None = None) -> list[Row]:
    username = f"assigned_to__{get_user_model().USERNAME_FIELD}"
    rows = cases.order_by("reference").annotate(assigned_username=F(username))
    return list(rows.values() if count is None else rows.values()[:count])


def _rows(records: QuerySet[Any]) -> list[Row]:
    return list(records.order_by("pk").values())


def _grouped(records: QuerySet[Any], key: str) -> dict[int, list[Row]]:
    """Return the records in the order entered, grouped by a foreign key."""
    grouped: dict[int, list[Row]] = defaultdict(list)
    for record in records.order_by("pk").values():
        grouped[record[key]].append(record)
    return grouped


def _uids(records: QuerySet[Any]) -> dict[int, uuid.UUID]:
    return dict(records.order_by().values_list("pk", "uid"))


def _uids_of(records: list[Row]) -> dict[int, uuid.UUID]:
    return {record["id"]: record["uid"] for record in records}


def _person(person: Row, names: list[Row]) -> dict[str, Any]:
    records = [_record(name, shapes.PERSON_NAME) for name in names]
    return {
        "id": str(person["uid"]),
        "names": records,
        **_record(person, shapes.PERSON),
    }


def _facility(facility: Row, names: list[Row]) -> dict[str, Any]:
    return {
        "id": str(facility["uid"]),
        **_record(facility, shapes.FACILITY),
        "names": [_record(name, shapes.FACILITY_NAME) for name in names],
    }


def _case(case: Row, parts: CaseParts, uids: Uids) -> dict[str, Any]:
    detentions = parts.detentions.get(case["id"], [])
    relatives = parts.relatives.get(case["id"], [])
    relative_uids = {r["id"]: uids.persons[r["person_id"]] for r in relatives}
    return {
        "reference": case["reference"],
        "subject": str(uids.persons[case["subject_id"]]),
        **_record(case, shapes.CASE),
        "assigned_to": case["assigned_username"],
        "submitting_relative": _optional_uid(
            relative_uids.get(case["submitting_relative_id"] or 0)
        ),
        "relatives": [
            {"person": str(uids.persons[r["person_id"]]), **_record(r, shapes.RELATIVE)}
            for r in relatives
        ],
        "detentions": [
            {
                "id": str(d["uid"]),
                "facility": _optional_uid(uids.facilities.get(d["facility_id"] or 0)),
                **_record(d, shapes.DETENTION),
            }
            for d in detentions
        ],
        **un_records(case, parts, relative_uids),
        "citations": _citations(case, parts, uids),
    }


def _citations(case: Row, parts: CaseParts, uids: Uids) -> list[dict[str, Any]]:
    # A citation's detention, step and state claim are of its own case (its clean()).
    own = {
        "detention": _uids_of(parts.detentions.get(case["id"], [])),
        "step": _uids_of(parts.steps.get(case["id"], [])),
        "state_claim": _uids_of(parts.state_claims.get(case["id"], [])),
    }
    return [
        {
            "article": str(uids.articles[c["article_id"]]),
            **{
                part: _optional_uid(ids.get(c[f"{part}_id"] or 0))
                for part, ids in own.items()
            },
            **_record(c, shapes.CITATION),
        }
        for c in parts.citations.get(case["id"], [])
    ]


def un_records(
    case: Row, parts: CaseParts, relatives: dict[int, uuid.UUID]
) -> dict[str, Any]:
    """Return a case's steps, submissions and state claims as a bundle gives them."""
    submissions = parts.submissions.get(case["id"], [])
    submission_uids = _uids_of(submissions)
    return {
        "steps": [
            {
                "id": str(step["uid"]),
                "relative": _optional_uid(relatives.get(step["relative_id"] or 0)),
                **_record(step, shapes.STEP),
            }
            for step in parts.steps.get(case["id"], [])
        ],
        "submissions": [
            {"id": str(s["uid"]), **_record(s, shapes.SUBMISSION)} for s in submissions
        ],
        "state_claims": [
            {
                "id": str(claim["uid"]),
                "submission": _optional_uid(
                    submission_uids.get(claim["submission_id"] or 0)
                ),
                **_record(claim, shapes.STATE_CLAIM),
            }
            for claim in parts.state_claims.get(case["id"], [])
        ],
    }


def _record(row: Row, shape: Shape) -> dict[str, Any]:
    """Return the plain fields of a record, in the order of its shape."""
    return {field.key: _value(row, field.attname, field.type) for field in shape.fields}


def _value(row: Row, attname: str, kind: str) -> Any:
    value = row[attname]
    if value is None or isinstance(value, bool | int):
        return value
    if kind == DATE:
        return format_date(value, row[f"{attname}_precision"])
    if kind == DAY:
        return value.isoformat()
    if kind == NUMBER:
        # Six decimal places and nine digits survive the float exactly.
        return float(value)
    return str(value)  # a CountryField's code


def _optional_uid(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)
