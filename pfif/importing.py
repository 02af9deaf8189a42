"""Import a PFIF file (versions 1.1 to 1.4): persons, their names, and notes.

All or nothing, in one transaction. A person record becomes a person with a
case (restricted, as every new case is); imported again, it updates the
person only when its source date is newer. Every note is kept as an external
note; the newest status note of a person sets the fate of their case. A
linked record becomes a duplicate candidate for a case worker to decide,
never a merge. Expired records, records this database exported itself
about its own persons, and records that cannot be read are refused, and the
report says why.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case, Person, PersonName

from . import linking
from .models import ExternalNote, ImportedRecord
from .reading import (
    Refusal,
    name_forms,
    optional_time,
    person_values,
    record_id,
    required_time,
)
from .records import Document, Record, read_document
from .records import Person as PersonRecord

__all__ = ["ImportReport", "import_pfif"]


@dataclass
class ImportReport:
    """What an import created, updated, left unchanged and refused."""

    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    notes: int = 0
    candidates: int = 0

    def __str__(self) -> str:
        text = _(
            "%(created)d persons created, %(updated)d updated, %(unchanged)d "
            "unchanged, %(refused)d records refused; %(notes)d notes added, "
            "%(candidates)d possible duplicates."
        ) % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "refused": len(self.refused),
            "notes": self.notes,
            "candidates": self.candidates,
        }
        return _("Dry run, nothing written: ") + text if self.dry_run else text


def import_pfif(
    *, data: bytes, dry_run: bool = False, now: datetime.datetime | None = None
) -> ImportReport:
    """Import a PFIF document; raise records.PfifError if the file is not one."""
    document = read_document(data)
    report = ImportReport(dry_run=dry_run)
    with transaction.atomic():
        _import_document(document, report, now or timezone.now())
        if dry_run:
            transaction.set_rollback(True)
    return report


def _import_document(
    document: Document, report: ImportReport, now: datetime.datetime
) -> None:
    known: dict[str, Person] = {}
    for record in document.persons:
        person = _import_record(record, report, now)
        if person is not None:
            known[record.fields["person_record_id"]] = person
    notes = [
        {**note, "person_record_id": record.fields.get("person_record_id", "")}
        for record in document.persons
        for note in record.notes
    ]
    every = [*notes, *document.notes]
    # Notes never change: one query finds those kept before.
    seen = set(
        ExternalNote.objects.filter(
            record_id__in=[note.get("note_record_id", "") for note in every]
        ).values_list("record_id", flat=True)
    )
    imported = [_import_note(note, known, seen, report) for note in every]
    added = [note for note in imported if note is not None]
    report.candidates = linking.link_records(added, known)
    linking.set_fates({note.person for note in added if note.status})


def _import_record(
    record: PersonRecord, report: ImportReport, now: datetime.datetime
) -> Person | None:
    """Import one person record; return the person its notes go to, if any."""
    fields = record.fields
    key = fields.get("person_record_id", "") or _("(no person_record_id)")
    try:
        # A savepoint: a record refused half-way leaves nothing behind.
        with transaction.atomic():
            return _import_person(fields, report, now)
    except Refusal as refusal:
        report.refused.append((key, str(refusal)))
    except ValidationError as error:
        report.refused.append((key, " ".join(error.messages)))
    return None


def _import_person(
    fields: Record, report: ImportReport, now: datetime.datetime
) -> Person | None:
    key = record_id(fields, "person_record_id")
    source_date = required_time(fields, "source_date")
    expiry = optional_time(fields, "expiry_date")
    if expiry is not None and expiry <= now:
        raise Refusal(_("It expired on %(date)s.") % {"date": fields["expiry_date"]})
    if linking.own_person(key) is not None:
        raise Refusal(_("It is this database's own record of the person."))
    imported = ImportedRecord.objects.filter(record_id=key).first()
    if imported is None:
        person = _create_person(fields, source_date)
        ImportedRecord.objects.create(
            record_id=key,
            person=person,
            source_date=source_date,
            source_name=fields.get("source_name", "")[:300],
        )
        report.created.append(key)
        return person
    if source_date <= imported.source_date:
        report.unchanged.append(key)
        return imported.person
    _update_person(imported.person, fields, source_date)
    imported.source_date = source_date
    imported.save(update_fields=["source_date", "imported_at"])
    report.updated.append(key)
    return imported.person


def _create_person(fields: Record, source_date: datetime.datetime) -> Person:
    forms = name_forms(fields, known=set())
    values = person_values(fields, source_date=source_date)
    if not forms and not values.get("description"):
        raise Refusal(_("It has no name that can be stored."))
    person = Person(**values)
    person.full_clean(exclude={"photo"})
    person.save()
    _add_names(person, forms)
    Case.objects.create(subject=person)
    return person


def _update_person(
    person: Person, fields: Record, source_date: datetime.datetime
) -> None:
    values = person_values(fields, source_date=source_date)
    for name, value in values.items():
        setattr(person, name, value)
    person.full_clean(exclude={"photo"})
    person.save()
    known = {text.lower() for text in person.names.values_list("text", flat=True)}
    _add_names(person, name_forms(fields, known=known))


def _add_names(person: Person, forms: list[PersonName]) -> None:
    for form in forms:
        form.person = person
    PersonName.objects.bulk_create(forms)


def _import_note(
    note: Record, known: dict[str, Person], seen: set[str], report: ImportReport
) -> ExternalNote | None:
    """Keep one note as an external note; return it if it is new."""
    key = note.get("note_record_id", "") or _("(no note_record_id)")
    try:
        added = linking.add_note(note, known, seen)
    except Refusal as refusal:
        report.refused.append((key, str(refusal)))
        return None
    if added is None:
        report.unchanged.append(key)
    else:
        report.notes += 1
    return added
