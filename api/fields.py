"""Serializer fields for dates with a precision, days missing and countries.

A date with a precision is one string, "YYYY", "YYYY-MM" or "YYYY-MM-DD", as in
the case bundle format (docs/case-bundle.md): the form is the precision.
"""

import datetime
import functools
from typing import Any

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cases.dates import (
    Precision,
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
    as_of = serializers.DateField(
        help_text=_("The day the count was made (YYYY-MM-DD).")
    )
    until = serializers.CharField(
        allow_null=True,
        help_text=_(
            "The release, finding or death the count ends at (YYYY, YYYY-MM or "
            "YYYY-MM-DD); null while the person is missing."
        ),
    )


@extend_schema_field(DaysMissingSerializer(allow_null=True))
class DaysMissingField(serializers.Field):
    """Days since the disappearance, a range when the date is imprecise, with
    the day they were counted on and the end of the absence, if any."""

    # Its CSV columns, also when a case has no count: every row of a streamed
    # CSV has the columns of the first.
    columns = tuple(DaysMissingSerializer().fields)

    def __init__(self, **kwargs: Any) -> None:
        self.today: datetime.date | None = None
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, case: Case) -> dict[str, Any] | None:
        if self.today is None:
            self.today = timezone.localdate()  # one day for every row of a list
        count = case.days_missing(self.today)
        if count is None:
            return None
        return {
            "fewest": count.fewest,
            "most": count.most,
            "display": str(count),
            "as_of": self.today.isoformat(),
            "until": case.missing_until_display() or None,
        }


class CountryField(serializers.ChoiceField):
    """A country as its ISO 3166 code, from django-countries' list.

    The list is translated and sorted once per language (country_choices),
    not for every field of every serializer: that took 2 ms a field, most of
    the time of a case's page, which holds several.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("countries", None)
        choices = country_choices(translation.get_language())
        super().__init__(choices=choices, **kwargs)

    def to_representation(self, value: Any) -> str:
        # The model gives a Country, also for none (its code is then "").
        return str(getattr(value, "code", value) or "")


@functools.cache
def country_choices(language: str | None) -> tuple[tuple[str, str], ...]:
    """Return the (code, name) of every country, named in the language."""
    with translation.override(language):
        return tuple((str(code), str(name)) for code, name in countries)
