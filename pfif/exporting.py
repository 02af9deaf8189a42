"""Export cases as PFIF 1.4: one person record per subject, with notes.

The management command, the API and the admin action all call export_pfif.
What goes out is what a PFIF repository may publish: names, sex, birth date
or age, home place from the origin fields, and notes for the case's status,
its detentions, the state's claims and merged duplicates. Never relatives,
testimony, contacts, ID numbers or addresses; never a case summary.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from cases import access
from cases.access import User, visible
from cases.dates import format_date
from cases.encryption import sensitive_fields
from cases.models import (
    Case,
    Confidentiality,
    Detention,
    Gender,
    NameKind,
    Person,
    PersonMerge,
    PersonName,
    StateClaim,
)

from . import notes
from .records import Person as PersonRecord
from .records import Record, format_time, write_document

__all__ = ["PfifExport", "export_pfif", "person_record_id", "publishable"]


@dataclass(frozen=True)
class PfifExport:
    """A PFIF document and the cases it holds (for the access log)."""

    xml: bytes
    cases: list[Case]


def person_record_id(person: Person) -> str:
    """Return the PFIF id of a person of this database: domain/person.uid."""
    return f"{settings.PFIF_DOMAIN}/person.{person.uid}"


def publishable(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Return the public cases whose family consented to publication."""
    return cases.filter(
        confidentiality=Confidentiality.PUBLIC, consents_to_publication=True
    )


def export_pfif(
    *, cases: QuerySet[Case], user: User | None = None, published_only: bool = True
) -> PfifExport:
    """Write the cases, as far as the user may see them, as a PFIF 1.4 document.

    No user is the operator's shell, who sees everything. By default only
    publishable cases go out. A subject known by no name is named by their
    description (PFIF requires a full name).
    """
    if user is not None:
        cases = visible(cases, user=user)
    if published_only:
        cases = publishable(cases)
    chosen = list(_with_records(cases))
    merges = _merges_into([case.subject_id for case in chosen])
    records: dict[str, PersonRecord] = {}
    for case in chosen:
        _add_case(records, case, user, merges.get(case.subject_id, []))
    persons = [record for record in records.values() if record.fields["full_name"]]
    return PfifExport(xml=write_document(persons), cases=chosen)


def _with_records(cases: QuerySet[Case]) -> QuerySet[Case]:
    ordered = PersonName.objects.order_by("id")
    # Sensitive fields never go out: not even read (nor decrypted).
    hidden = [f"subject__{name}" for name in sorted(sensitive_fields(Person))]
    hidden += sorted(sensitive_fields(Case))
    # A caller's prefetches (the admin's) are replaced by these.
    cases = cases.select_related("subject").defer(*hidden).prefetch_related(None)
    cases = cases.prefetch_related(
        Prefetch("subject__names", ordered),
        Prefetch("detentions", Detention.objects.select_related("facility")),
        "state_claims",
    )
    return cases.order_by("reference")


def _merges_into(person_ids: list[int]) -> dict[int, list[PersonMerge]]:
    """Return the merges not undone into each of these persons, in one query."""
    merges: dict[int, list[PersonMerge]] = {}
    found = PersonMerge.objects.filter(keep__in=person_ids, undone_at__isnull=True)
    for merge in found.select_related("keep", "duplicate").order_by("pk"):
        merges.setdefault(merge.keep_id, []).append(merge)
    return merges


def _add_case(
    records: dict[str, PersonRecord],
    case: Case,
    user: User | None,
    merges: list[PersonMerge],
) -> None:
    """Add the case's notes to its subject's record, and the records it links to.

    A person who is the subject of two cases has one record with both cases'
    notes.
    """
    subject = case.subject
    record = records.get(person_record_id(subject))
    if record is None:
        record = PersonRecord(fields=_person_fields(subject, case))
        records[record.fields["person_record_id"]] = record
        _add_duplicates(records, record, merges)
    record.notes.append(notes.status_note(case, record.fields))
    if _may_view(user, Detention):
        record.notes += [
            notes.detention_note(d, case, record.fields) for d in case.detentions.all()
        ]
    if _may_view(user, StateClaim):
        record.notes += [
            notes.claim_note(c, case, record.fields) for c in case.state_claims.all()
        ]


def _add_duplicates(
    records: dict[str, PersonRecord], record: PersonRecord, merges: list[PersonMerge]
) -> None:
    """Add a record for each duplicate merged into the subject, linked both ways."""
    for merge in merges:
        duplicate = _duplicate_record(merge)
        if duplicate.fields["person_record_id"] in records:
            continue
        record.notes.append(notes.link_note(merge, record.fields, duplicate.fields))
        duplicate.notes.append(notes.link_note(merge, duplicate.fields, record.fields))
        records[duplicate.fields["person_record_id"]] = duplicate


def _may_view(user: User | None, model: type) -> bool:
    return user is None or access.may_view(user, model)


def _person_fields(person: Person, case: Case) -> Record:
    updated = max(person.updated_at, case.updated_at)
    names = sorted(person.names.all(), key=lambda n: n.kind != NameKind.PRIMARY)
    fields = _header(person_record_id(person), updated)
    fields |= {
        # PFIF needs a full name: a person known by a description only is
        # named by it, and the description says so (pfif.reading reads it so).
        "full_name": names[0].text if names else person.description,
        "alternate_names": "\n".join(name.text for name in names[1:]),
        "description": person.description,
        "sex": person.gender if person.gender != Gender.UNKNOWN else "",
        "date_of_birth": format_date(person.birth_date, person.birth_date_precision),
        "age": _age(person, updated.date()),
        "home_neighborhood": person.origin_township,
        "home_city": person.origin_county,
        "home_state": person.origin_prefecture,
    }
    return fields


def _duplicate_record(merge: PersonMerge) -> PersonRecord:
    """Return a record for a duplicate merged away, named as before the merge."""
    fields = _header(person_record_id(merge.duplicate), merge.merged_at)
    fields["full_name"] = merge.duplicate_name()
    return PersonRecord(fields=fields)


def _header(record_id: str, updated: datetime.datetime) -> Record:
    when = format_time(updated)
    return {
        "person_record_id": record_id,
        "entry_date": when,
        "author_name": notes.author_name(),
        "source_name": settings.PFIF_DOMAIN,
        "source_date": when,
    }


def _age(person: Person, on: datetime.date) -> str:
    """Return the age range held on a day, from the range held as of another.

    Whole years passed are added to both ends; a part of a year adds one to
    the upper end. A birth date, when known, says more: no age is given.
    """
    low, high, as_of = person.age_min, person.age_max, person.age_as_of
    if person.birth_date or low is None or high is None or as_of is None:
        return ""  # an open range cannot be written as PFIF's "35-45"
    years = _whole_years(as_of, on)
    part = 1 if _add_years(as_of, years) < on else 0
    low, high = low + years, high + years + part
    return str(low) if low == high else f"{low}-{high}"


def _whole_years(start: datetime.date, end: datetime.date) -> int:
    if end <= start:
        return 0
    years = end.year - start.year
    return years - 1 if _add_years(start, years) > end else years


def _add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
