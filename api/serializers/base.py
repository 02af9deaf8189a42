"""What every API serializer does: refuse unknown keys, cap text, run model rules."""

import datetime
import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_countries import serializer_fields
from django_countries.serializers import CountryFieldMixin
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.reverse import reverse

from api.fields import CountryField, PrecisionDateField
from api.redaction import RedactedFieldsMixin
from api.visibility import VisibleChoicesMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

    # For the type checker, the mixin extends what it calls through super().
    _Serializer = serializers.Serializer[Any]
else:
    _Serializer = object

_MT = TypeVar("_MT", bound=models.Model)

# A text field with no max_length of its own (TextField) takes this one, so that
# a megabyte string is a 400, not a row. Article texts are longer.
MAX_TEXT_LENGTH = 20_000


def api_link(view_name: str, lookup_field: str = "pk") -> "ApiLinkField":
    """Return the field holding a record's own address in the API."""
    return ApiLinkField(
        view_name=f"api:{view_name}",
        lookup_field=lookup_field,
        help_text=_("This record's address in the API."),
    )


@extend_schema_field({"type": "string", "format": "uri"})
class ApiLinkField(serializers.Field):
    """A record's address, reversed once per list rather than once per row.

    HyperlinkedIdentityField resolves the URL for every row, which is a tenth
    of the time of a 50-row page.
    """

    PLACEHOLDER = "00000000-0000-4000-8000-000000000000"

    def __init__(self, *, view_name: str, lookup_field: str, **kwargs: Any) -> None:
        self.view_name, self.lookup_field = view_name, lookup_field
        self.template: str | None = None
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, instance: models.Model) -> str:
        if self.template is None:
            self.template = self.address_template(self.context.get("request"))
        key = quote(str(getattr(instance, self.lookup_field)), safe="")
        return self.template.replace(self.PLACEHOLDER, key, 1)

    def address_template(self, request: Any) -> str:
        """Return the address with a placeholder where the record's key goes."""
        kwarg = "pk" if self.lookup_field == "pk" else self.lookup_field
        return reverse(
            self.view_name, kwargs={kwarg: self.PLACEHOLDER}, request=request
        )


# JSON types each kind of field accepts: DRF would also turn 0 into "0" and
# "true" into True, which hides a client's mistake.
JSON_TYPES: list[tuple[type[serializers.Field], tuple[type, ...]]] = [
    (serializers.BooleanField, (bool,)),
    (serializers.CharField, (str,)),
    (serializers.ChoiceField, (str,)),
    (serializers.IntegerField, (int,)),
    (serializers.FloatField, (int, float)),
    (serializers.DecimalField, (int, float)),
]


@functools.cache
def strict_field_class(field_class: type[serializers.Field]) -> type[serializers.Field]:
    """Return a subclass of a field class that refuses values of other JSON types."""
    accepted = next(
        (types for base, types in JSON_TYPES if issubclass(field_class, base)), None
    )
    if accepted is None:
        return field_class

    def to_internal_value(self: serializers.Field, data: Any) -> Any:
        # Django's JSON has no separate bool in Python: True is an int.
        if not isinstance(data, accepted) or (
            isinstance(data, bool) and bool not in accepted
        ):
            raise serializers.ValidationError(
                _("Give %(type)s, not %(given)s.")
                % {"type": _json_name(accepted), "given": _json_name((type(data),))},
                code="invalid",
            )
        return field_class.to_internal_value(self, data)

    return type(
        field_class.__name__, (field_class,), {"to_internal_value": to_internal_value}
    )


def _json_name(types: tuple[type, ...]) -> str:
    names = {bool: "true or false", str: "a string", int: "a number"}
    names |= {float: "a number", list: "an array", dict: "an object"}
    return names.get(types[0], "null")


class StrictSerializerMixin(_Serializer):
    """Refuse keys the serializer does not know, naming them, and values the
    schema refuses that DRF would let through: "" for a link (DRF reads it as
    null) and text over its maximum length before spaces are trimmed.
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            fields = self.fields
            unknown = sorted(set(data) - set(fields))
            if unknown:
                raise serializers.ValidationError(
                    {key: [_("Unknown field.")] for key in unknown}
                )
            errors = {
                key: [problem]
                for key, value in data.items()
                if (problem := _refused_by_schema(fields[key], value))
            }
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _refused_by_schema(field: serializers.Field, value: Any) -> "StrOrPromise | None":
    if value == "" and isinstance(field, serializers.RelatedField):
        return _("Give a value, or null for none.")
    max_length = getattr(field, "max_length", None)
    too_long = isinstance(value, str) and len(value) > (max_length or len(value))
    if isinstance(field, serializers.CharField) and too_long:
        return _("Ensure this field has no more than %(max)d characters.") % {
            "max": max_length
        }
    return None


class ApiModelSerializer(
    RedactedFieldsMixin,
    VisibleChoicesMixin,
    StrictSerializerMixin,
    CountryFieldMixin,
    serializers.ModelSerializer[_MT],
):
    """A model serializer that validates with the model's own rules on save.

    It shows and accepts only the fields, and links only to the records, that
    the request's user may see. Every field is described in the schema: by its
    model help text, else by its verbose name.
    """

    def build_standard_field(self, field_name: str, model_field: Any) -> tuple:
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializer_fields.CountryField:
            field_class = CountryField
        field_class = strict_field_class(field_class)
        if issubclass(field_class, serializers.DateTimeField):
            # Times are given in UTC, whatever time zone a request activates;
            # this also spares a look-up of the current zone per value.
            kwargs["default_timezone"] = datetime.UTC
        if field_name == "uid":
            kwargs["help_text"] = _("The record's permanent id (a UUID).")
        elif "help_text" not in kwargs:
            kwargs["help_text"] = capfirst(model_field.verbose_name)
        if isinstance(model_field, models.TextField) and "max_length" not in kwargs:
            kwargs["max_length"] = MAX_TEXT_LENGTH
        return field_class, kwargs

    def build_relational_field(self, field_name: str, relation_info: Any) -> tuple:
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if "help_text" not in kwargs and relation_info.model_field is not None:
            kwargs["help_text"] = capfirst(relation_info.model_field.verbose_name)
        return field_class, kwargs

    def create(self, validated_data: dict[str, Any]) -> _MT:
        model: type[_MT] = self.Meta.model  # the stubs leave its type unbound
        instance = model(**validated_data)
        self.clean_and_save(instance)
        return instance

    def update(self, instance: _MT, validated_data: dict[str, Any]) -> _MT:
        for name, value in validated_data.items():
            setattr(instance, name, value)
        self.clean_and_save(instance)
        return instance

    def clean_and_save(self, instance: models.Model) -> None:
        """Validate with full_clean() (the admin's rules), then save."""
        try:
            instance.full_clean()
        except DjangoValidationError as error:
            raise serializers.ValidationError(self.api_errors(error)) from None
        instance.save()

    def api_errors(self, error: DjangoValidationError) -> dict[str, list]:
        """Name a model's errors by this serializer's fields, keeping their codes."""
        names = {}
        for name, field in self.fields.items():
            if isinstance(field, PrecisionDateField):
                names[field.attname] = names[f"{field.attname}_precision"] = name
            elif isinstance(field.source, str) and field.source != "*":
                names[field.source.split(".")[0]] = name
        by_field: dict[str, list] = {}
        for key, errors in (
            error.error_dict.items()
            if hasattr(error, "error_dict")
            else [(NON_FIELD_ERRORS, error.error_list)]
        ):
            name = names.get(key, "non_field_errors")
            for item in errors:
                message = item.message % item.params if item.params else item.message
                by_field.setdefault(name, []).append(
                    ErrorDetail(str(message), code=item.code or "invalid")
                )
        return by_field


def nested(field: serializers.Field) -> ApiModelSerializer[Any]:
    """Return the serializer of a nested record, or of each of a list's records."""
    rules = field.child if isinstance(field, serializers.ListSerializer) else field
    if not isinstance(rules, ApiModelSerializer):
        raise TypeError(f"{field!r} does not nest an ApiModelSerializer.")
    return rules


@contextmanager
def errors_at(*path: str | int) -> Iterator[None]:
    """Place the errors of a nested record where it was given: ("relatives", 2)."""
    try:
        yield
    except serializers.ValidationError as error:
        detail: Any = error.detail
        for step in reversed(path):
            detail = [{}] * step + [detail] if isinstance(step, int) else {step: detail}
        raise serializers.ValidationError(detail) from None
