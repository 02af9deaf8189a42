"""A checker of the PFIF 1.4 rules an exported document must follow.

Written from the specification (http://zesty.ca/pfif/1.4), independently of
pfif/records.py, so that a mistake in the writer is not repeated here: it
walks the XML itself.
"""

import re
import xml.etree.ElementTree as ET  # nosec B405: parses our own export in tests

NS = "http://zesty.ca/pfif/1.4"
PERSON_ORDER = [
    "person_record_id",
    "entry_date",
    "expiry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_name",
    "source_date",
    "source_url",
    "full_name",
    "given_name",
    "family_name",
    "alternate_names",
    "description",
    "sex",
    "date_of_birth",
    "age",
    "home_street",
    "home_neighborhood",
    "home_city",
    "home_state",
    "home_postal_code",
    "home_country",
    "photo_url",
    "profile_urls",
    "note",
]
NOTE_ORDER = [
    "note_record_id",
    "person_record_id",
    "linked_person_record_id",
    "entry_date",
    "author_name",
    "author_email",
    "author_phone",
    "source_date",
    "author_made_contact",
    "status",
    "email_of_found_person",
    "phone_of_found_person",
    "last_known_location",
    "text",
    "photo_url",
]
PERSON_REQUIRED = ("person_record_id", "entry_date", "source_date", "full_name")
NOTE_REQUIRED = (
    "note_record_id",
    "person_record_id",
    "entry_date",
    "author_name",
    "source_date",
    "text",
)
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
DATE_OF_BIRTH = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
AGE = re.compile(r"\d+(-\d+)?")
RECORD_ID = re.compile(r"[A-Za-z0-9.-]+\.[A-Za-z0-9-]+/[^\s/][^\s]*")
FORMATS = {
    "entry_date": TIME,
    "source_date": TIME,
    "expiry_date": TIME,
    "date_of_birth": DATE_OF_BIRTH,
    "age": AGE,
    "sex": re.compile("female|male|other"),
    "status": re.compile(
        "information_sought|is_note_author|believed_alive|believed_missing"
        "|believed_dead"
    ),
    "author_made_contact": re.compile("true|false"),
}
IDS = ("person_record_id", "note_record_id", "linked_person_record_id")


def check_pfif(xml: bytes) -> list[str]:
    """Return every breach of the PFIF 1.4 rules in the document."""
    root = ET.fromstring(xml)  # noqa: S314  # our own export
    if root.tag != f"{{{NS}}}pfif":
        return [f"root is {root.tag}, not pfif in {NS}"]
    errors: list[str] = []
    ids: set[str] = set()
    links: set[tuple[str, str]] = set()
    for person in root:
        fields = _record(person, "person", PERSON_ORDER, PERSON_REQUIRED, errors)
        own = fields.get("person_record_id", "")
        _unique(own, ids, errors)
        for note in person.findall(f"{{{NS}}}note"):
            values = _record(note, "note", NOTE_ORDER, NOTE_REQUIRED, errors)
            _unique(values.get("note_record_id", ""), ids, errors)
            if values.get("person_record_id") != own:
                errors.append(f"note {values.get('note_record_id')}: person id differs")
            if values.get("linked_person_record_id"):
                links.add((own, values["linked_person_record_id"]))
    errors += [
        f"link {a} -> {b} is not symmetric" for a, b in links if (b, a) not in links
    ]
    return errors


def _record(element, kind, order, required, errors) -> dict[str, str]:
    tags = [child.tag.removeprefix(f"{{{NS}}}") for child in element]
    name = f"{kind} {element.findtext(f'{{{NS}}}{kind}_record_id')}"
    unknown = [tag for tag in tags if tag not in order]
    errors += [f"{name}: unknown field {tag}" for tag in unknown]
    positions = [order.index(tag) for tag in tags if tag in order]
    if positions != sorted(positions):
        errors.append(f"{name}: fields out of order")
    fields = {
        tag: child.text or ""
        for tag, child in zip(tags, element, strict=True)
        if tag != "note"
    }
    errors += [f"{name}: {f} is required" for f in required if not fields.get(f)]
    for field, value in fields.items():
        pattern = RECORD_ID if field in IDS else FORMATS.get(field)
        if pattern and value and not pattern.fullmatch(value):
            errors.append(f"{name}: {field} {value!r} is malformed")
    return fields


def _unique(key: str, seen: set[str], errors: list[str]) -> None:
    if key in seen:
        errors.append(f"record id {key} appears twice")
    seen.add(key)
