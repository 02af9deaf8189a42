"""List rows built from values() dicts, as the list's serializer would build them.

Turning 50 rows into model instances and then each field into JSON through
DRF is most of the time of a list page. When every field a serializer shows
for a request can be read from a few columns, the list reads those columns
with values() and builds each row from a plan made once per serializer class
and set of hidden fields. The serializer stays the one declaration of the
fields (and the schema's source): the plan is derived from its fields.

A field takes part when it shows a plain model column with a DRF field, a
related object's column (SlugRelatedField), or when it says itself which
columns it reads (`value_paths()`) and how (`values_reader(context)`).
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models.query_utils import DeferredAttribute
from django_countries.fields import CountryField as CountryModelField
from rest_framework import ISO_8601, serializers
from rest_framework.request import Request
from rest_framework.settings import api_settings

from api.fields import CountryField
from api.redaction import hidden_fields

from .base import ApiModelSerializer

Row = dict[str, Any]
Reader = Callable[[Row], Any]
# Makes a field's reader for one request (it may hold that request's state).
ReaderMaker = Callable[[dict[str, Any]], Reader]


@dataclass(frozen=True)
class RowPlan:
    """The columns a list reads, and how each field is made from them."""

    paths: tuple[str, ...]
    makers: tuple[tuple[str, ReaderMaker], ...]

    def values(self, queryset: models.QuerySet, *extra: str) -> models.QuerySet:
        """Return the queryset as dicts of the plan's columns and `extra` ones."""
        return queryset.values(*dict.fromkeys((*self.paths, *extra)))

    def rows(self, records: Iterable[Row], context: dict[str, Any]) -> list[Row]:
        """Build the rows the serializer would give for these records."""
        readers = [(name, make(context)) for name, make in self.makers]
        return [{name: read(record) for name, read in readers} for record in records]


_plans: dict[tuple[type, frozenset[str]], RowPlan | None] = {}


def row_plan(serializer_class: type, request: Request) -> RowPlan | None:
    """Return the plan for this serializer and request's user, or None if a
    field cannot be read from columns."""
    if not issubclass(serializer_class, ApiModelSerializer):
        return None
    model = serializer_class.Meta.model
    key = (serializer_class, frozenset(hidden_fields(request, model)))
    if key not in _plans:
        _plans[key] = _make_plan(serializer_class, request)
    return _plans[key]


def _make_plan(serializer_class: type, request: Request) -> RowPlan | None:
    # Nested records are shown by permission, which the key does not hold.
    every_field = serializer_class(context={}).fields.values()
    if any(
        isinstance(_nested(field), serializers.BaseSerializer) for field in every_field
    ):
        return None
    serializer = serializer_class(context={"request": request})
    paths: list[str] = []
    makers = []
    for field, column in zip(
        serializer._readable_fields, serializer._columns, strict=True
    ):
        found = _field_reader(field, column, serializer.Meta.model)
        if found is None:
            return None
        paths += found[0]
        makers.append((field.field_name, found[1]))
    serializer._context = {}  # the plan outlives the request; readers get theirs
    return RowPlan(paths=tuple(paths), makers=tuple(makers))


def _nested(field: serializers.Field) -> serializers.Field:
    return getattr(field, "child", field)


def _field_reader(
    field: serializers.Field, column: str | None, model: type[models.Model]
) -> tuple[list[str], ReaderMaker] | None:
    if hasattr(field, "value_paths"):
        return field.value_paths(), field.values_reader
    if column is not None and type(getattr(model, column)) is DeferredAttribute:
        read = _column(column, _conversion(field, model._meta.get_field(column)))
    elif len(field.source_attrs) != 1:
        return None
    elif type(field) is serializers.SlugRelatedField:
        column = f"{field.source}__{field.slug_field}"
        read = _column(column, None)
    else:
        found = _related_or_country(field, _concrete(model, field.source))
        if found is None:
            return None
        column, read = found
    return [column], lambda context: read


def _concrete(model: type[models.Model], name: str) -> models.Field | None:
    return next((f for f in model._meta.concrete_fields if f.name == name), None)


def _related_or_country(
    field: serializers.Field, column: models.Field | None
) -> tuple[str, Reader] | None:
    """Read a key shown as it is, or a country code, from its column.

    Other columns with a descriptor of their own (a file) give the field
    another value than values() does: they are not read so.
    """
    if column is None:
        return None
    if (
        type(field) is serializers.PrimaryKeyRelatedField
        and field.pk_field is None
        and column.is_relation
    ):
        return column.attname, _column(column.attname, None)
    # The model gives a Country, never None: a column without nulls only.
    if (
        isinstance(field, CountryField)
        and isinstance(column, CountryModelField)
        and not column.null
        and not column.multiple
    ):
        convert = field.to_representation
        return column.attname, lambda row: convert(row[column.attname])
    return None


def _conversion(
    field: serializers.Field, column: models.Field
) -> Callable[[Any], Any] | None:
    """Return how the field turns a column's value into JSON (None: as it is)."""
    text = isinstance(column, models.CharField | models.TextField)
    shows = type(field).to_representation
    if text and shows is serializers.CharField.to_representation:
        return None  # str() of a str
    # A choice is shown as its key in choice_strings_to_values, or as it is.
    if (
        text
        and shows is serializers.ChoiceField.to_representation
        and all(key == value for key, value in field.choice_strings_to_values.items())
    ):
        return None
    if isinstance(field, serializers.DateTimeField) and _in_utc_iso(field):
        return _utc_iso
    return field.to_representation


def _in_utc_iso(field: serializers.DateTimeField) -> bool:
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return (
        type(field).to_representation is serializers.DateTimeField.to_representation
        and isinstance(output, str)
        and output.lower() == ISO_8601
        and getattr(field, "timezone", None) is datetime.UTC
    )


def _utc_iso(value: datetime.datetime) -> str:
    """Do as DateTimeField in UTC: a naive time is taken as UTC; +00:00 is Z."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=datetime.UTC)
    elif value.tzinfo is not datetime.UTC:
        value = value.astimezone(datetime.UTC)
    return value.isoformat()[:-6] + "Z"


def _column(path: str, convert: Callable[[Any], Any] | None) -> Reader:
    if convert is None:
        return lambda row: row[path]

    def read(row: Row) -> Any:
        value = row[path]
        return None if value is None else convert(value)

    return read
