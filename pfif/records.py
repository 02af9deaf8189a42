"""PFIF documents: person and note records read from versions 1.1 to 1.4 and
written as 1.4 (Person Finder Interchange Format, http://zesty.ca/pfif/1.4).

A record is a dict of PFIF 1.4 field names to text. Reading is done by
defusedxml, which refuses entity declarations (the "billion laughs") and
external entities; PFIF needs neither, nor a DTD.
"""

import datetime
import re

# The standard library writes; defusedxml reads (read_document).
import xml.etree.ElementTree as ET  # nosec B405
from dataclasses import dataclass, field

import defusedxml
import defusedxml.ElementTree as SafeET

NAMESPACE = "http://zesty.ca/pfif/1.4"
VERSIONS = {f"http://zesty.ca/pfif/1.{minor}": f"1.{minor}" for minor in range(1, 5)}

# The fields of each record, in the order PFIF 1.4 gives them.
PERSON_FIELDS = (
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
)
NOTE_FIELDS = (
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
)
# Earlier versions' names of the same fields.
RENAMED = {
    "home_zip": "home_postal_code",
    "found": "author_made_contact",
    "other": "description",
    "first_name": "given_name",
    "last_name": "family_name",
}
SEXES = ("female", "male", "other")
STATUSES = (
    "information_sought",
    "is_note_author",
    "believed_alive",
    "believed_missing",
    "believed_dead",
)
UTC_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z", re.ASCII)
RECORD_ID = re.compile(r"[^/\s]+\.[^/\s]+/\S+")

Record = dict[str, str]


class PfifError(ValueError):
    """A file that is not a PFIF document we can read."""


@dataclass
class Person:
    """A person record and the note records nested in it."""

    fields: Record
    notes: list[Record] = field(default_factory=list)


@dataclass
class Document:
    """What a PFIF file holds: person records, and notes outside any person."""

    version: str
    persons: list[Person] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)


def parse_time(text: str) -> datetime.datetime:
    """Read a PFIF time, UTC in the form 2012-03-21T12:00:00Z."""
    if not UTC_TIME.fullmatch(text):
        raise ValueError(f"'{text}' is not a UTC time such as 2012-03-21T12:00:00Z")
    return datetime.datetime.fromisoformat(text[:19]).replace(tzinfo=datetime.UTC)


def format_time(moment: datetime.datetime) -> str:
    """Write a time as PFIF wants it: UTC, to the second, with a Z."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def read_document(data: bytes) -> Document:
    """Parse a PFIF file of version 1.1 to 1.4; raise PfifError if it is none."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise PfifError(
            f"The file declares a DTD or entities, which PFIF never needs and "
            f"which are refused ({type(error).__name__})."
        ) from None
    except ET.ParseError as error:
        raise PfifError(f"The file is not well-formed XML ({error}).") from None
    namespace, _, tag = root.tag[1:].partition("}")
    if tag != "pfif" or namespace not in VERSIONS:
        raise PfifError(
            "The file is not a PFIF document: its root element must be <pfif> "
            "in a namespace http://zesty.ca/pfif/1.1 to 1.4."
        )
    document = Document(version=VERSIONS[namespace])
    for child in root:
        if child.tag == f"{{{namespace}}}person":
            person = Person(fields=_fields(child, namespace))
            for note in child.findall(f"{{{namespace}}}note"):
                person.notes.append(_fields(note, namespace))
            document.persons.append(person)
        elif child.tag == f"{{{namespace}}}note":
            document.notes.append(_fields(child, namespace))
    return document


def _fields(element: ET.Element, namespace: str) -> Record:
    """Return a record's fields, named as in 1.4, their text stripped."""
    record: Record = {}
    for child in element:
        if not isinstance(child.tag, str) or not child.tag.startswith(
            f"{{{namespace}}}"
        ):
            continue  # comments, and other namespaces' extensions
        name = child.tag.partition("}")[2]
        if name != "note":
            record[RENAMED.get(name, name)] = (child.text or "").strip()
    return record


def write_document(persons: list[Person]) -> bytes:
    """Write person records with their notes as a PFIF 1.4 document (UTF-8)."""
    ET.register_namespace("pfif", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}pfif")
    for person in persons:
        element = _element(root, "person", person.fields, PERSON_FIELDS)
        for note in person.notes:
            _element(element, "note", note, NOTE_FIELDS)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _element(
    parent: ET.Element, tag: str, record: Record, order: tuple[str, ...]
) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}")
    for name in order:
        if record.get(name):
            ET.SubElement(element, f"{{{NAMESPACE}}}{name}").text = record[name]
    return element
