"""What a draft submission says, part by part, in the Working Group's order.

The form for individual cases asks for: the person's identity; the date and
place of the arrest, abduction or last sighting; the forces believed
responsible; the steps taken to find the person; and who submits the case,
whose identity the Working Group keeps from the state when asked. We add what
the state has claimed and the sources, each with its archive's SHA-256.
A gap says "not known": the Working Group must see what is missing.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from cases import access
from cases.dates import Precision
from cases.models import Case, PersonName, Relative, SubmittedBy

from ..models import Capture, Citation

__all__ = ["NOT_KNOWN", "Part", "draft_parts", "spell_date"]

NOT_KNOWN = "not known"
# English whatever the user's language or the server's locale.
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SCRIPTS = {
    "Latn": "Latin",
    "Cyrl": "Cyrillic",
    "Arab": "Arabic script",
    "Hans": "Chinese (simplified)",
    "Hant": "Chinese (traditional)",
}


@dataclass
class Part:
    """One numbered part of the draft: label-value rows, paragraphs, a table."""

    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)  # the header row first


def spell_date(day: datetime.date | None, precision: str) -> str:
    """Write a date in English as precisely as it is known ("March 2018")."""
    if day is None:
        return NOT_KNOWN
    if precision == Precision.YEAR:
        return str(day.year)
    if precision == Precision.MONTH:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def draft_parts(case: Case, *, user: access.User, with_contacts: bool) -> list[Part]:
    """Return the parts of a case's draft submission, as this user may see it.

    Relatives' contact details only when asked (`with_contacts`) and only for
    a user who may see sensitive fields; the source's identity never when the
    source asked for confidentiality.
    """
    contacts = with_contacts and not access.hidden_fields(user, Relative)
    return [
        _identity(case),
        _disappearance(case),
        _responsible(case),
        _steps(case, user),
        _state_claims(case),
        _source(case, user, contacts=contacts),
        _sources(case, user),
    ]


def _or_not_known(value: str) -> str:
    return value.strip() or NOT_KNOWN


def _identity(case: Case) -> Part:
    person = case.subject
    names = list(PersonName.objects.filter(person=person).order_by("pk"))
    origin = person.origin_display()
    born = spell_date(person.birth_date, person.birth_date_precision)
    if person.birth_date is None and person.birth_display():
        born = person.birth_display()
    part = Part("1. Identity of the disappeared person")
    part.rows = [
        ("Name", names[0].text if names else NOT_KNOWN),
        *(
            (f"Name in {SCRIPTS.get(name.script, 'another script')}", name.text)
            for name in names[1:]
        ),
        *([("Description", person.description)] if person.description else []),
        ("Sex", _choice(person, "gender")),
        ("Date of birth", born),
        ("Nationality", str(person.citizenship.name) if person.citizenship else ""),
        ("Ethnic group", _choice(person, "ethnicity")),
        ("Occupation", person.occupation),
        ("Place of origin", origin),
    ]
    part.rows = [(label, _or_not_known(value)) for label, value in part.rows]
    return part


def _choice(record: object, name: str) -> str:
    value = getattr(record, name)
    if not value or value == "unknown":
        return ""
    return str(getattr(record, f"get_{name}_display")())


def _disappearance(case: Case) -> Part:
    part = Part("2. Date and place of the arrest, abduction or last sighting")
    part.rows = [
        ("Date", spell_date(case.disappeared_on, case.disappeared_on_precision)),
        (
            "Last contact",
            spell_date(case.last_contact_on, case.last_contact_on_precision),
        ),
        ("Place", _or_not_known(case.place_last_seen)),
        ("Present situation", case.get_fate_display()),
    ]
    if case.summary:
        part.paragraphs.append(case.summary)
    return part


def _responsible(case: Case) -> Part:
    part = Part("3. Forces believed to be responsible")
    part.paragraphs.append(_or_not_known(case.believed_responsible))
    detentions = case.detentions.select_related("facility")
    if detentions:
        part.table = [["Held", "From", "Until", "Where"]]
        part.table += [
            [
                d.get_kind_display(),
                spell_date(d.started_on, d.started_on_precision),
                spell_date(d.ended_on, d.ended_on_precision),
                str(d.facility) if d.facility else NOT_KNOWN,
            ]
            for d in detentions
        ]
    return part


def _steps(case: Case, user: access.User) -> Part:
    part = Part("4. Steps taken to find the person")
    steps = list(case.steps.select_related("relative__person"))
    if not steps:
        part.paragraphs.append(NOT_KNOWN)
        return part
    sees_relatives = access.may_view(user, Relative)
    part.table = [["Date", "Step", "By", "Authority addressed", "Outcome"]]
    for step in steps:
        by = step.get_taken_by_display()
        if step.relative and sees_relatives and not case.source_confidential:
            by = f"{step.relative.person.display_name} ({by})"
        part.table.append(
            [
                spell_date(step.taken_on, step.taken_on_precision),
                step.get_kind_display(),
                by,
                _or_not_known(step.authority),
                _or_not_known(step.outcome),
            ]
        )
    return part


def _state_claims(case: Case) -> Part:
    part = Part("5. What the authorities have said")
    claims = list(case.state_claims.select_related("submission"))
    if not claims:
        part.paragraphs.append("No statement of the authorities is known.")
    for claim in claims:
        when = spell_date(claim.claimed_on, claim.claimed_on_precision)
        who = f", {claim.claimed_by}" if claim.claimed_by else ""
        where = f" (source: {claim.source})" if claim.source else ""
        reply = " In reply to the Working Group." if claim.submission_id else ""
        part.paragraphs.append(f"{when}{who}: {claim.text}{where}{reply}")
    return part


def _source(case: Case, user: access.User, *, contacts: bool) -> Part:
    part = Part("6. Source of the information")
    consent = "given" if case.consents_to_un_submission else "not recorded"
    if case.consents_to_un_submission and case.un_consent_given_on:
        consent += f" on {spell_date(case.un_consent_given_on, Precision.DAY)}"
    part.rows = [
        ("Submitted by", case.get_submitted_by_display() or NOT_KNOWN),
        ("Consent of the family to this submission", consent),
    ]
    if case.source_confidential:
        part.paragraphs.append(
            "The source asks the Working Group to keep its identity confidential: "
            "it is left out of this draft."
        )
        return part
    relative = case.submitting_relative
    if case.submitted_by != SubmittedBy.RELATIVE or relative is None:
        return part
    if access.may_view(user, Relative):
        part.rows.append(("Name of the source", relative.person.display_name))
        part.rows.append(
            ("Relationship to the person", relative.get_relationship_display())
        )
        if contacts:
            part.rows.append(("Contact", _or_not_known(relative.contact_details)))
    return part


def _sources(case: Case, user: access.User) -> Part:
    part = Part("7. Sources")
    if not access.may_view(user, Citation):
        part.paragraphs.append("Not shown: you may not view the sources.")
        return part
    captures = Prefetch("article__captures", Capture.objects.order_by("-fetched_at"))
    citations = list(
        case.citations.select_related("article")
        .prefetch_related(captures)
        .order_by("article__published_on", "pk")
    )
    if not citations:
        part.paragraphs.append("No source is recorded.")
    for citation in citations:
        part.paragraphs.append(_cite(citation))
    return part


def _cite(citation: Citation) -> str:
    article = citation.article
    published = (
        spell_date(article.published_on, Precision.DAY)
        if article.published_on
        else "date not known"
    )
    text = (
        f"{article.title or 'Untitled'}, {article.publisher or 'publisher not known'}"
    )
    text += f", {published}."
    if article.url:
        text += f" {article.url}"
    capture = next(iter(article.captures.all()), None)
    if capture is None:
        return f"{text} Not archived."
    fetched = capture.fetched_at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M")
    return f"{text} Archived {fetched} UTC, SHA-256 {capture.sha256}."
