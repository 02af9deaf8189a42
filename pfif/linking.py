"""What imported notes do: attach to their person, set the fate of a case,
and name possible duplicates (linked records) for a case worker to review."""

import uuid

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from cases.models import Case, DuplicateCandidate, Fate, Person

from .models import ExternalNote, ImportedRecord, NoteStatus
from .reading import Refusal, record_id, required_time
from .records import STATUSES, Record

# The fates a case keeps when a note says the person is believed alive.
ALIVE = {
    Fate.CAMP,
    Fate.PRISON,
    Fate.POLICE_CUSTODY,
    Fate.HOUSE_ARREST,
    Fate.TRAVEL_BAN,
    Fate.RELEASED,
}
# Alive, but not known where: "whereabouts unknown".
FATES = {
    NoteStatus.BELIEVED_MISSING: Fate.MISSING,
    NoteStatus.BELIEVED_DEAD: Fate.DECEASED,
    NoteStatus.BELIEVED_ALIVE: Fate.UNKNOWN,
}
LINK_SCORE = 1.0


def own_person(key: str) -> Person | None:
    """Return the person of this database a record id names, if any."""
    prefix = f"{settings.PFIF_DOMAIN}/person."
    if not key.startswith(prefix):
        return None
    try:
        uid = uuid.UUID(key[len(prefix) :])
    except ValueError:
        return None
    return Person.objects.filter(uid=uid).first()


def person_of(key: str, known: dict[str, Person]) -> Person | None:
    """Return the person a record id stands for: imported now or before."""
    if key in known:
        return known[key]
    imported = ImportedRecord.objects.filter(record_id=key).first()
    return imported.person if imported is not None else None


def add_note(
    note: Record, known: dict[str, Person], seen: set[str]
) -> ExternalNote | None:
    """Keep a note of a known person; return None if it was kept before.

    Notes never change in PFIF: a note id seen before (kept, or earlier in
    the file) is left as it is.
    """
    key = record_id(note, "note_record_id")
    source_date = required_time(note, "source_date")
    if key in seen:
        return None
    person = person_of(note.get("person_record_id", ""), known)
    if person is None:
        raise Refusal(_("Its person record is neither in the file nor imported."))
    status = note.get("status", "")
    seen.add(key)
    return ExternalNote.objects.create(
        record_id=key,
        person=person,
        author_name=note.get("author_name", "")[:300],
        source_date=source_date,
        status=status if status in STATUSES else "",
        linked_record_id=note.get("linked_person_record_id", "")[:500],
        last_known_location=note.get("last_known_location", "")[:500],
        text=note.get("text", ""),
    )


def set_fates(persons: set[Person]) -> None:
    """Set the fate of each person's cases from their newest status note."""
    for person in persons:
        newest = (
            person.pfif_notes.filter(status__in=FATES).order_by("-source_date").first()
        )
        if newest is None:
            continue
        fate = FATES[NoteStatus(newest.status)]
        for case in Case.objects.filter(subject=person):
            if fate == Fate.UNKNOWN and case.fate in ALIVE:
                continue
            if case.fate != fate:
                case.fate = fate
                case.save(update_fields=["fate", "updated_at"])


def link_records(notes: list[ExternalNote], known: dict[str, Person]) -> int:
    """Record each linked pair of persons as possible duplicates; count new ones."""
    created = 0
    for note in notes:
        if not note.linked_record_id:
            continue
        other = person_of(note.linked_record_id, known) or own_person(
            note.linked_record_id
        )
        if other is not None and _candidate(note, note.person, other):
            created += 1
    return created


def _candidate(note: ExternalNote, one: Person, other: Person) -> bool:
    """Propose the pair for review unless it is one person or known already."""
    if one.pk == other.pk or one.merged_into_id or other.merged_into_id:
        return False
    a, b = sorted((one, other), key=lambda person: person.pk)
    if DuplicateCandidate.objects.filter(Q(person_a=a, person_b=b)).exists():
        return False
    explanation = _("Linked as the same person by the PFIF note %(note)s.") % {
        "note": note.record_id
    }
    DuplicateCandidate.objects.create(
        person_a=a,
        person_b=b,
        score=LINK_SCORE,
        evidence={"explanation": explanation},
    )
    return True
