"""The PFIF notes a case is exported with: its status, detentions, the state's
claims, and links to merged duplicates.

Each note's id is stable across exports (domain/note.<kind>-<key>), so that a
repository importing again recognises it.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from cases.dates import format_date
from cases.models import Case, Detention, Fate, PersonMerge, StateClaim

from .records import Record, format_time

# The fates a PFIF status can say: the person is alive wherever held.
BELIEVED = {
    Fate.MISSING: "believed_missing",
    Fate.UNKNOWN: "believed_missing",
    Fate.DECEASED: "believed_dead",
}


def author_name() -> str:
    """Return the author PFIF notes of this database name: its domain."""
    return settings.PFIF_DOMAIN


def status_of(fate: str) -> str:
    """Return the PFIF status of a fate (alive for any detention or release)."""
    return BELIEVED.get(Fate(fate), "believed_alive")


def _note(key: str, person: Record, case: Case, **fields: str) -> Record:
    when = format_time(case.updated_at)
    return {
        "note_record_id": f"{settings.PFIF_DOMAIN}/note.{key}",
        "person_record_id": person["person_record_id"],
        "entry_date": when,
        "author_name": author_name(),
        "source_date": when,
        **fields,
    }


def status_note(case: Case, person: Record) -> Record:
    """Return the note saying what is believed of the person, and since when."""
    parts = [
        _("Case %(reference)s: %(fate)s.")
        % {
            "reference": case.reference,
            "fate": case.get_fate_display(),
        }
    ]
    if case.disappeared_on:
        parts.append(_("Disappeared: %(date)s.") % {"date": case.disappeared_display()})
    if case.place_last_seen:
        parts.append(_("Last seen: %(place)s.") % {"place": case.place_last_seen})
    return _note(
        f"case-{case.pk}.status",
        person,
        case,
        status=status_of(case.fate),
        last_known_location=case.place_last_seen,
        text=" ".join(parts),
    )


def detention_note(detention: Detention, case: Case, person: Record) -> Record:
    """Return the note of one detention: where, from when, until when."""
    where = str(detention.facility) if detention.facility else ""
    parts = [
        _("Detention (%(kind)s)") % {"kind": detention.get_kind_display()},
        _("at %(place)s") % {"place": where} if where else "",
        _("from %(date)s") % {"date": detention.started_display()}
        if detention.started_on
        else "",
        _("until %(date)s") % {"date": detention.ended_display()}
        if detention.ended_on
        else "",
    ]
    text = " ".join(part for part in parts if part) + "."
    if detention.sentence:
        text += " " + _("Sentence: %(sentence)s.") % {"sentence": detention.sentence}
    return _note(
        f"detention-{detention.uid}",
        person,
        case,
        last_known_location=where,
        text=text,
    )


def claim_note(claim: StateClaim, case: Case, person: Record) -> Record:
    """Return the note of a claim officials made about the person."""
    said = format_date(claim.claimed_on, claim.claimed_on_precision)
    text = _("The state's version") + (f" ({said})" if said else "")
    if claim.claimed_by:
        text += " " + _("by %(who)s") % {"who": claim.claimed_by}
    text += f": {claim.text}"
    if claim.source:
        text += " " + _("Source: %(source)s") % {"source": claim.source}
    return _note(f"claim-{claim.uid}", person, case, text=text)


def link_note(merge: PersonMerge, person: Record, other: Record) -> Record:
    """Return the note on one of two merged records that links it to the other."""
    side = (
        "keep"
        if person["person_record_id"].endswith(str(merge.keep.uid))
        else ("duplicate")
    )
    when = format_time(merge.merged_at)
    return {
        "note_record_id": f"{settings.PFIF_DOMAIN}/note.merge-{merge.pk}.{side}",
        "person_record_id": person["person_record_id"],
        "linked_person_record_id": other["person_record_id"],
        "entry_date": when,
        "author_name": author_name(),
        "source_date": when,
        "text": _("A case worker found these two records to be the same person."),
    }
