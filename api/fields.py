"""Serializer fields for dates with a precision, days missing and countries.

A date with a precision is one string, "YYYY", "YYYY-MM" or "YYYY-MM-DD", as in
the case bundle format (docs/case-bundle.md): the form is the precision.
"""

import datetime
import functools
from collections.abc import Callable
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import Countries, serializer_fields
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import flatten_choices_dict, to_choices_dict

from cases.dates import (
    DaysMissing,
    Precision,
    days_missing,
    format_date,
    parse_date,
)
from cases.models import Case

MIN_YEAR = 1850  # older dates are typing errors, not disappearances
# DATE_FORM as the schema states it: from MIN_YEAR, months 01-12, days 01-31.
DATE_PATTERN = (
    r"^(18[5-9][0-9]|19[0-9]{2}|[2-9][0-9]{3})"
    r"(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
)


@extend_schema_field(
    {
        "type": "string",
        "nullable": True,
        "pattern": DATE_PATTERN,
        "example": "2018-03",
    }
)
class PrecisionDateField(serializers.Field):
    """A model date and its `<name>_precision` field, as one string."""

    default_error_messages = {
        "invalid": _("Give a date as YYYY, YYYY-MM or YYYY-MM-DD."),
        "too_old": _("Give a year from %(year)d on.") % {"year": MIN_YEAR},
    }

    def __init__(self, attname: str, **kwargs: Any) -> None:
        self.attname = attname
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(source="*", **kwargs)

    def run_validation(self, data: Any = serializers.empty) -> Any:
        # source="*" merges the returned dict into validated_data, so null must
        # become a dict too (DRF would merge None and fail).
        if data is None and self.allow_null:
            return {self.attname: None, f"{self.attname}_precision": Precision.DAY}
        return super().run_validation(data)

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        if not isinstance(data, str):
            self.fail("invalid")
        try:
            day, precision = parse_date(data)
        except ValueError as error:
            raise serializers.ValidationError(str(error)) from None
        if day.year < MIN_YEAR:
            self.fail("too_old")
        return {self.attname: day, f"{self.attname}_precision": precision}

    def to_representation(self, instance: models.Model) -> str | None:
        day = getattr(instance, self.attname)
        if day is None:
            return None
        return format_date(day, getattr(instance, f"{self.attname}_precision"))

    def value_paths(self) -> list[str]:
        """Name the columns a list row reads this field from (api.serializers.rows)."""
        return [self.attname, f"{self.attname}_precision"]

    def values_reader(self, context: dict[str, Any]) -> Callable[[dict], str | None]:
        """Return how to make this field from a values() row."""
        day, precision = self.value_paths()
        return lambda row: (
            None if row[day] is None else format_date(row[day], row[precision])
        )


class DaysMissingSerializer(serializers.Serializer):
    fewest = serializers.IntegerField(
        help_text=_("Days since the last possible day of disappearance.")
    )
    most = serializers.IntegerField(
        help_text=_("Days since the first possible day of disappearance.")
    )
    display = serializers.CharField(
        help_text=_("The count as people read it: 1,049 or 1,020–1,049.")
    )


@extend_schema_field(DaysMissingSerializer(allow_null=True))
class DaysMissingField(serializers.Field):
    """Days since the disappearance, a range when the date is imprecise."""

    def __init__(self, **kwargs: Any) -> None:
        self.today: datetime.date | None = None
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, case: Case) -> dict[str, Any] | None:
        if self.today is None:
            self.today = timezone.localdate()  # one day for every row of a list
        return _days(case.days_missing(self.today))

    def value_paths(self) -> list[str]:
        """Name the columns a list row reads this field from (api.serializers.rows)."""
        return ["disappeared_on", "disappeared_on_precision"]

    def values_reader(self, context: dict[str, Any]) -> Callable[[dict], Any]:
        """Return how to make this field from a values() row, for one request."""
        today = timezone.localdate()

        def read(row: dict[str, Any]) -> dict[str, Any] | None:
            since = row["disappeared_on"]
            if since is None:
                return None
            return _days(days_missing(since, row["disappeared_on_precision"], today))

        return read


def _days(count: DaysMissing | None) -> dict[str, Any] | None:
    if count is None:
        return None
    return {"fewest": count.fewest, "most": count.most, "display": str(count)}


class CountryField(serializer_fields.CountryField):
    """django-countries' field, its choices worked out once per language.

    A ChoiceField translates and sorts its 250 countries whenever a serializer
    is made: most of the time of a case's page, which holds several of them.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> "CountryField":
        memo[id(self.countries)] = self.countries  # shared, as by the model field
        return super().__deepcopy__(memo)

    def _set_choices(self, choices: Countries) -> None:
        choices_of = _country_choices(choices, translation.get_language())
        self.grouped_choices, self._choices, self.choice_strings_to_values = choices_of

    choices = property(serializers.ChoiceField._get_choices, _set_choices)


@functools.cache
def _country_choices(countries: Countries, language: str | None) -> tuple[dict, ...]:
    # Shared by every field: DRF only reads them (schema, OPTIONS, forms).
    grouped = to_choices_dict(countries)
    flat = flatten_choices_dict(grouped)
    return grouped, flat, {str(code): code for code in flat}
