"""What a PFIF person record says, in this database's terms: name forms, sex,
birth date with its precision, age range, place of origin.

A value that cannot be read raises Refusal, which refuses the record alone.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cases.dates import parse_date
from cases.models import Gender, NameKind, PersonName

from .records import RECORD_ID, SEXES, Record, parse_time

AGE = re.compile(r"(\d{1,3})(?:-(\d{1,3}))?", re.ASCII)
DESCRIPTION_LENGTH = 300
MAX_ID = 500  # the length of the columns that keep record ids


class Refusal(Exception):
    """A record this database will not take, with the reason why."""


def required_time(record: Record, name: str) -> datetime.datetime:
    """Return a time field a record must have; refuse the record otherwise."""
    moment = optional_time(record, name)
    if moment is None:
        raise Refusal(_("It has no %(field)s.") % {"field": name})
    return moment


def optional_time(record: Record, name: str) -> datetime.datetime | None:
    """Return a time field of a record, if given; refuse it if malformed."""
    text = record.get(name, "")
    if not text:
        return None
    try:
        return parse_time(text)
    except ValueError as error:
        raise Refusal(str(error)) from None


def record_id(record: Record, name: str) -> str:
    """Return a record id field, which must read domain/local-id."""
    value = record.get(name, "")
    if len(value) > MAX_ID or not RECORD_ID.fullmatch(value):
        raise Refusal(
            _("Its %(field)s '%(value)s' is not of the form domain/local-id.")
            % {"field": name, "value": value[:100]}
        )
    return value


def name_texts(record: Record) -> list[str]:
    """Return every name form of a record, full names first, each once.

    A full name that is the description, with no other name, is a person
    known by no name (as pfif.exporting writes one).
    """
    full = record.get("full_name", "")
    if full and full == record.get("description") and not record.get("alternate_names"):
        return []
    if not full:
        parts = (record.get("given_name", ""), record.get("family_name", ""))
        full = " ".join(part for part in parts if part)
    lines = [*full.splitlines(), *record.get("alternate_names", "").splitlines()]
    texts: dict[str, str] = {}
    for line in lines:
        text = " ".join(line.split())
        if text:
            texts.setdefault(text.lower(), text)
    return list(texts.values())


def name_forms(record: Record, *, known: set[str]) -> list[PersonName]:
    """Return unsaved name forms for the names not known yet (lowercased, as
    the database compares them).

    The first name of a new person is its primary name; the others aliases.
    A form that is no name (no letter at all, too long) is left out.
    """
    forms: list[PersonName] = []
    for text in name_texts(record):
        if text.lower() in known:
            continue
        primary = not known and not forms
        form = PersonName(
            text=text, kind=NameKind.PRIMARY if primary else NameKind.ALIAS
        )
        try:
            form.clean_fields(exclude={"person", "search_key", "letters"})
            form.clean()
        except ValidationError:
            continue
        forms.append(form)
    return forms


def person_values(record: Record, *, source_date: datetime.datetime) -> dict:
    """Return the Person fields a record gives (only those it gives)."""
    values: dict = {}
    sex = record.get("sex", "")
    if sex:
        values["gender"] = sex if sex in SEXES else Gender.UNKNOWN
    if record.get("date_of_birth"):
        try:
            day, precision = parse_date(record["date_of_birth"])
        except ValueError as error:
            raise Refusal(str(error)) from None
        values |= {"birth_date": day, "birth_date_precision": precision}
    if record.get("age"):
        values |= _age(record["age"], source_date.date())
    places = {
        "origin_prefecture": "home_state",
        "origin_county": "home_city",
        "origin_township": "home_neighborhood",
    }
    values |= {
        ours: record[theirs][:200]
        for ours, theirs in places.items()
        if record.get(theirs)
    }
    if record.get("description"):
        values["description"] = record["description"][:DESCRIPTION_LENGTH]
    return values


def _age(text: str, as_of: datetime.date) -> dict:
    found = AGE.fullmatch(text.replace(" ", ""))
    if not found:
        raise Refusal(
            _("Its age '%(age)s' is neither 40 nor 35-45.") % {"age": text[:20]}
        )
    low = int(found[1])
    high = int(found[2]) if found[2] else low
    if high < low:
        raise Refusal(
            _("Its age range '%(age)s' runs from high to low.") % {"age": text}
        )
    return {"age_min": low, "age_max": high, "age_as_of": as_of}
