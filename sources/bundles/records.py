"""Reading one record of a bundle, with errors that say where it went wrong."""

import datetime
import re
import uuid
from decimal import Decimal
from typing import Any, Literal, overload

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from cases.dates import parse_date

from .fields import COUNT, DATE, DAY, FLAG, NUMBER, TEXT, Shape

__all__ = ["BundleError", "Record", "invalid"]

_JSON_TYPES = {
    dict: "an object",
    list: "an array",
    str: "a string",
    bool: "true or false",
    int: "a number",
    float: "a number",
    type(None): "null",
}
_CHECKS = {
    TEXT: lambda value: isinstance(value, str),
    DATE: lambda value: isinstance(value, str),
    DAY: lambda value: isinstance(value, str),
    FLAG: lambda value: isinstance(value, bool),
    # JSON has no separate booleans and numbers in Python: True is an int.
    COUNT: lambda value: isinstance(value, int) and not isinstance(value, bool),
    NUMBER: lambda value: (
        isinstance(value, int | float) and not isinstance(value, bool)
    ),
    "an array": lambda value: isinstance(value, list),
}
_DATE_FORMS = {
    DATE: (r"\d{4}(-\d{2}(-\d{2})?)?", "YYYY, YYYY-MM or YYYY-MM-DD"),
    DAY: (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
}
# Listing a longer vocabulary (such as every country) would bury the message.
_MAX_LISTED_CHOICES = 20


class BundleError(ValueError):
    """A bundle that cannot be loaded; the message names the record and the field."""


class Record:
    """One JSON object of a bundle, read with the label that names it in errors."""

    def __init__(self, data: object, label: str, shape: Shape) -> None:
        if not isinstance(data, dict):
            where = label or "bundle"
            raise BundleError(f"{where}: expected an object, got {_json_type(data)}")
        self.data = data
        self.label = label + _identity(data) if label else ""
        self.shape = shape
        unknown = sorted(set(data) - shape.keys)
        if unknown:
            expected = ", ".join(sorted(shape.keys))
            raise self.error(unknown[0], f"unknown key (expected one of {expected})")

    def error(self, key: str, message: str) -> BundleError:
        where = f"{self.label}.{key}" if self.label else key
        return BundleError(f"{where}: {message}")

    def get(self, key: str, expected: str, *, required: bool = False) -> Any:
        """Return the value of a key, or None when it is missing or null."""
        value = self.data.get(key)
        if value is None:
            if required:
                raise self.error(key, "required")
            return None
        if not _CHECKS[expected](value):
            raise self.error(key, f"expected {expected}, got {_json_type(value)}")
        return value

    # A required key is never missing: get() raises instead of returning None.
    @overload
    def text(self, key: str, *, required: Literal[True]) -> str: ...
    @overload
    def text(self, key: str, *, required: bool = False) -> str | None: ...
    def text(self, key: str, *, required: bool = False) -> str | None:
        return self.get(key, TEXT, required=required)

    @overload
    def uid(self, key: str, *, required: Literal[True] = True) -> uuid.UUID: ...
    @overload
    def uid(self, key: str, *, required: bool) -> uuid.UUID | None: ...
    def uid(self, key: str, *, required: bool = True) -> uuid.UUID | None:
        value = self.get(key, TEXT, required=required)
        if value is None:
            return None
        try:
            return uuid.UUID(value)
        except ValueError:
            raise self.error(key, f"'{value}' is not a UUID") from None

    def items(self, key: str, shape: Shape) -> list["Record"]:
        """Return the records of a list, each labelled with its position."""
        values = self.get(key, "an array") or []
        return [
            Record(value, f"{self.label}.{key}[{index}]".lstrip("."), shape)
            for index, value in enumerate(values)
        ]

    def values(self, model: type[models.Model]) -> dict[str, Any]:
        """Return the model field values of the keys the record gives.

        A key left out is no value: what is stored stays. A null empties the
        field (its default), as an empty string does.
        """
        values: dict[str, Any] = {}
        for field in self.shape.fields:
            value = self.get(field.key, field.type, required=field.required)
            if field.key not in self.data:
                continue
            if field.type == DATE:
                values[field.attname], values[f"{field.attname}_precision"] = (
                    self._date(field.key, value)
                    if value is not None
                    else (None, _default(model, f"{field.attname}_precision"))
                )
            elif value is None:
                values[field.attname] = _default(model, field.attname)
            elif field.type == DAY:
                values[field.attname] = self._date(field.key, value, DAY)[0]
            elif field.type == NUMBER:
                values[field.attname] = Decimal(str(value))
            else:
                values[field.attname] = value
        return values

    def _date(self, key: str, text: str, form: str = DATE) -> tuple[datetime.date, str]:
        pattern, description = _DATE_FORMS[form]
        try:
            if not re.fullmatch(pattern, text):
                raise ValueError(text)
            return parse_date(text)
        except ValueError:
            message = f"'{text}' is not a date of the form {description}"
            raise self.error(key, message) from None


def invalid(
    error: ValidationError, *, label: str, shape: Shape, model: type[models.Model]
) -> BundleError:
    """Turn a model's ValidationError into a BundleError naming the bundle keys."""
    keys = shape.bundle_keys
    messages = []
    for name, errors in error.update_error_dict({}).items():
        where = label if name == NON_FIELD_ERRORS else f"{label}.{keys.get(name, name)}"
        for item in errors:
            message = " ".join(item.messages)
            if getattr(item, "code", None) == "invalid_choice":
                message += _expected_choices(model, name)
            messages.append(f"{where}: {message}")
    return BundleError("; ".join(messages))


def _identity(data: dict) -> str:
    """Return what names a record beyond its position: its id or reference."""
    for key in ("reference", "id"):
        if isinstance(data.get(key), str) and data[key]:
            return f" ({data[key]})"
    return ""


def _expected_choices(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        return ""  # a relation's other side: no choices
    choices = list(field.choices or [])
    if not choices or len(choices) > _MAX_LISTED_CHOICES:
        return ""
    return " Expected one of: " + ", ".join(str(value) for value, _ in choices) + "."


def _default(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise TypeError(f"{model.__name__}.{name} is not a field with a default")
    return field.get_default()


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)
