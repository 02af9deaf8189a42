"""Filters and form fields for query parameters: names, periods, times."""

import datetime
from typing import Any

import django_filters as filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

from cases.dates import parse_date, period
from cases.names import search_key

MAX_QUERY = 300
MIN_YEAR, MAX_YEAR = 1900, 2999


class NameQueryField(forms.CharField):
    """Text to find in names: it must hold something a name can match."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_length=MAX_QUERY, **kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and not search_key(value):
            raise forms.ValidationError(
                _("Give at least one letter or character of a name."),
                code="invalid",
            )


class NameQueryFilter(filters.CharFilter):
    field_class = NameQueryField


class PeriodField(forms.CharField):
    """A date as YYYY, YYYY-MM or YYYY-MM-DD, read as the period it names."""

    def to_python(  # type: ignore[override]  # cleans the text into a period
        self, value: Any
    ) -> tuple[datetime.date, datetime.date] | None:
        value = super().to_python(value)
        if not value:
            return None
        try:
            return period(*parse_date(value))
        except ValueError as error:
            # The message quotes the input, which may hold a "%".
            raise forms.ValidationError(
                "%(error)s", code="invalid", params={"error": str(error)}
            ) from None


class PeriodFilter(filters.Filter):
    """From the first day of a period, or up to its last: `2018` is the year."""

    field_class = PeriodField

    def __init__(self, *, bound: str, **kwargs: Any) -> None:
        self.bound = bound
        kwargs.setdefault(
            "help_text",
            _("A date as YYYY, YYYY-MM or YYYY-MM-DD (inclusive)."),
        )
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: Any) -> QuerySet:
        if value is None:
            return qs
        first, last = value
        lookup = "gte" if self.bound == "from" else "lte"
        day = first if self.bound == "from" else last
        return qs.filter(**{f"{self.field_name}__{lookup}": day})


class SinceField(IsoDateTimeField):
    """A time with its offset, within years a database can compare."""

    def to_python(self, value: Any) -> datetime.datetime | None:
        try:
            moment = super().to_python(value)
            if moment is not None:
                moment.astimezone(datetime.UTC)  # fails for year 9999 at -01:00
        except OverflowError:
            moment = None
        else:
            if moment is None or MIN_YEAR <= moment.year <= MAX_YEAR:
                return moment
        raise forms.ValidationError(
            _("Give a time from year %(min)d to %(max)d, such as 2024-05-01T00:00Z.")
            % {"min": MIN_YEAR, "max": MAX_YEAR},
            code="invalid",
        )


class SinceFilter(filters.Filter):
    field_class = SinceField

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault(
            "help_text", _("Changed at or after this time (ISO 8601), to sync.")
        )
        super().__init__(**kwargs)
