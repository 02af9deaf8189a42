"""Export cases as a case bundle, in the form load_bundle() reads back."""

import uuid
from typing import Any

from django.db import models
from django.db.models import Prefetch, QuerySet

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

__all__ = ["bundle_article", "bundle_facility", "bundle_person", "export_bundle"]


def export_bundle(*, cases: QuerySet[Case]) -> dict:
    """Return the cases, and every person, facility and article they use, as a bundle.

    The number of queries does not depend on the number of cases. Lists are in a
    stable order (cases by reference, everything else as entered), so exporting
    what was loaded from an export gives the same JSON.
    """
    cases = cases.select_related("assigned_to").prefetch_related(
        Prefetch("relatives", Relative.objects.order_by("pk")),
        Prefetch("detentions", Detention.objects.order_by("pk")),
        Prefetch("steps", Step.objects.order_by("pk")),
        Prefetch("submissions", Submission.objects.order_by("pk")),
        Prefetch(
            "state_claims",
            StateClaim.objects.select_related("submission").order_by("pk"),
        ),
        Prefetch(
            "citations",
            Citation.objects.select_related("step", "state_claim").order_by("pk"),
        ),
    )
    case_list = list(cases.order_by("reference"))
    persons = _persons(case_list)
    facilities = _facilities(case_list)
    articles = SourceArticle.objects.filter(
        pk__in={c.article_id for case in case_list for c in case.citations.all()}
    ).order_by("pk")
    return {
        "format": FORMAT,
        "version": VERSION,
        "persons": [_person(person) for person in persons.values()],
        "facilities": [_facility(facility) for facility in facilities.values()],
        "articles": [bundle_article(article) for article in articles],
        "cases": [
            _case(case, persons, facilities, {a.pk: a.uid for a in articles})
            for case in case_list
        ],
    }


def bundle_person(person: Person) -> dict[str, Any]:
    """Return a person, its names prefetched in order, as a bundle lists it."""
    return _person(person)


def bundle_facility(facility: Facility) -> dict[str, Any]:
    """Return a facility, its names prefetched in order, as a bundle lists it."""
    return _facility(facility)


def bundle_article(article: SourceArticle) -> dict[str, Any]:
    """Return an article as a bundle lists it."""
    return {"id": str(article.uid), **_record(article, shapes.ARTICLE)}


def _persons(cases: list[Case]) -> dict[int, Person]:
    ids = {case.subject_id for case in cases} | {
        relative.person_id for case in cases for relative in case.relatives.all()
    }
    names = Prefetch("names", PersonName.objects.order_by("pk"))
    persons = Person.objects.filter(pk__in=ids).prefetch_related(names)
    return {person.pk: person for person in persons.order_by("pk")}


def _facilities(cases: list[Case]) -> dict[int, Facility]:
    ids = {
        detention.facility_id
        for case in cases
        for detention in case.detentions.all()
        if detention.facility_id
    }
    names = Prefetch("names", FacilityName.objects.order_by("pk"))
    facilities = Facility.objects.filter(pk__in=ids).prefetch_related(names)
    return {facility.pk: facility for facility in facilities.order_by("pk")}


def _person(person: Person) -> dict[str, Any]:
    names = [_record(name, shapes.PERSON_NAME) for name in person.names.all()]
    return {"id": str(person.uid), "names": names, **_record(person, shapes.PERSON)}


def _facility(facility: Facility) -> dict[str, Any]:
    names = [_record(name, shapes.FACILITY_NAME) for name in facility.names.all()]
    return {
        "id": str(facility.uid),
        **_record(facility, shapes.FACILITY),
        "names": names,
    }


def _case(
    case: Case,
    persons: dict[int, Person],
    facilities: dict[int, Facility],
    articles: dict[int, uuid.UUID],
) -> dict[str, Any]:
    detentions = {detention.pk: detention.uid for detention in case.detentions.all()}
    relatives = {r.pk: persons[r.person_id].uid for r in case.relatives.all()}
    return {
        "reference": case.reference,
        "subject": str(persons[case.subject_id].uid),
        **_record(case, shapes.CASE),
        "assigned_to": case.assigned_to.get_username() if case.assigned_to else None,
        "submitting_relative": _optional_uid(
            relatives.get(case.submitting_relative_id or 0)
        ),
        "relatives": [
            {"person": str(persons[r.person_id].uid), **_record(r, shapes.RELATIVE)}
            for r in case.relatives.all()
        ],
        "detentions": [
            {
                "id": str(d.uid),
                "facility": _optional_uid(
                    facilities[d.facility_id].uid if d.facility_id else None
                ),
                **_record(d, shapes.DETENTION),
            }
            for d in case.detentions.all()
        ],
        **un_records(case, relatives),
        "citations": [
            {
                "article": str(articles[c.article_id]),
                "detention": _optional_uid(
                    None if c.detention_id is None else detentions.get(c.detention_id)
                ),
                "step": _optional_uid(c.step.uid if c.step else None),
                "state_claim": _optional_uid(
                    c.state_claim.uid if c.state_claim else None
                ),
                **_record(c, shapes.CITATION),
            }
            for c in case.citations.all()
        ],
    }


def un_records(case: Case, relatives: dict[int, uuid.UUID]) -> dict[str, Any]:
    """Return a case's steps, submissions and state claims as a bundle gives them."""
    return {
        "steps": [
            {
                "id": str(step.uid),
                "relative": _optional_uid(relatives.get(step.relative_id or 0)),
                **_record(step, shapes.STEP),
            }
            for step in case.steps.all()
        ],
        "submissions": [
            {"id": str(s.uid), **_record(s, shapes.SUBMISSION)}
            for s in case.submissions.all()
        ],
        "state_claims": [
            {
                "id": str(claim.uid),
                "submission": _optional_uid(
                    claim.submission.uid if claim.submission else None
                ),
                **_record(claim, shapes.STATE_CLAIM),
            }
            for claim in case.state_claims.all()
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
