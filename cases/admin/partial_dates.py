"""Dates known to the year, the month or the day, typed into one field.

The case worker types `2019`, `2019-04`, `2019-04-21`, or a month by its name
("April 2019", "апрель 2019", "21 April 2019"); the precision follows from what
was typed, and the field shows the date back with no more precision than that.
Each such date is stored as a date field `x` and its precision `x_precision`
(cases.dates); the form fills both from the one field.
"""

import datetime
import re
from typing import Any

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.dates import Precision, format_date, parse_date

__all__ = ["PartialDateField", "PartialDatesForm", "parse_typed_date"]

WORDS = re.compile(r"[^\W_]+", re.UNICODE)
ISO_LIKE = re.compile(r"\d{4}(-\d{1,2}){0,2}", re.ASCII)


class NotInCalendar(ValueError):
    """The text has the form of a date, but no such day exists (2021-13)."""


def month_numbers() -> dict[str, int]:
    """Map each month name of the active language and English to its number."""
    names: dict[str, int] = {}
    for language in ("en", translation.get_language() or "en"):
        with translation.override(language):
            for table in (MONTHS, MONTHS_ALT, MONTHS_3):
                for number, name in table.items():
                    names[str(name).casefold()] = number
    return names


def parse_named_month(text: str) -> tuple[datetime.date, str]:
    """Parse "April 2019" or "21 April 2019" (either order) into a date and precision.

    Raise ValueError when the text is not a month name, a year and perhaps a day.
    """
    months = month_numbers()
    words = WORDS.findall(text.casefold())
    month = [months[word] for word in words if word in months]
    numbers = [word for word in words if word.isdigit()]
    years = [int(word) for word in numbers if len(word) == 4]
    days = [int(word) for word in numbers if len(word) <= 2]
    if len(month) != 1 or len(years) != 1 or len(days) > 1:
        raise ValueError("not a named month")
    if len(words) != 2 + len(days):
        raise ValueError("words besides the month, the year and the day")
    precision = Precision.DAY if days else Precision.MONTH
    try:
        return datetime.date(years[0], month[0], *days or [1]), precision
    except ValueError:
        raise NotInCalendar(text) from None


def parse_typed_date(text: str) -> tuple[datetime.date, str]:
    """Parse what a case worker typed into a stored date and its precision.

    Raise ValueError when it is neither an ISO-style date nor a named month.
    """
    text = text.strip()
    if ISO_LIKE.fullmatch(text):
        year, *rest = text.split("-")
        try:
            return parse_date("-".join([year, *(part.zfill(2) for part in rest)]))
        except ValueError:
            raise NotInCalendar(text) from None
    return parse_named_month(text)


def accepted_forms() -> str:
    """Say, in the active language, which forms a date may be typed in."""
    return gettext(
        "Type the year, the month or the day: 2019, 2019-04 or 2019-04-21, "
        "or the month by its name, as in “%(month)s 2019”."
    ) % {"month": MONTHS[4]}


class PartialDateField(forms.CharField):
    """A date known to the year, the month or the day, typed as text.

    Cleans to a (date, precision) pair, or None when left empty.
    """

    def __init__(self, **kwargs: Any) -> None:
        # A calendar picks whole days; a month or a year is typed.
        kwargs["widget"] = forms.TextInput(attrs={"size": 12, "autocomplete": "off"})
        kwargs["help_text"] = _("Year, month or day: 2019, 2019-04 or 2019-04-21.")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, datetime.date):
            return format_date(value, Precision.DAY)
        return super().to_python(value)

    def clean(self, value: Any) -> tuple[datetime.date, str] | None:
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_typed_date(text)
        except NotInCalendar:
            problem = gettext("There is no such day in the calendar.")
        except ValueError:
            problem = gettext("This is not a date.")
        raise forms.ValidationError(f"{problem} {accepted_forms()}", code="invalid")

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.normalised(initial) != self.normalised(data)

    def normalised(self, value: Any) -> str:
        """Return the text a value shows as, so 2019-4 and 2019-04 compare equal."""
        text = self.to_python(value) or ""
        try:
            return format_date(*parse_typed_date(text))
        except ValueError:
            return text


def partial_date_names(model: models.Model, names: list[str]) -> list[str]:
    """Return the date fields among these names that have a precision field."""
    found = []
    for name in names:
        try:
            field = model._meta.get_field(name)
            model._meta.get_field(f"{name}_precision")
        except FieldDoesNotExist:
            continue
        if isinstance(field, models.DateField):
            found.append(name)
    return found


class PartialDatesForm(forms.ModelForm):
    """A model form whose dates with a precision are typed in one field each.

    Each date field `x` with a sibling `x_precision` becomes a PartialDateField;
    leave `x_precision` out of the form's fields, as the field sets it.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.partial_dates = partial_date_names(self.instance, list(self.fields))
        for name in self.partial_dates:
            old = self.fields[name]
            self.fields[name] = PartialDateField(
                required=old.required, label=old.label, disabled=old.disabled
            )
            saved = self.initial.get(name)
            if isinstance(saved, datetime.date):
                precision = getattr(self.instance, f"{name}_precision")
                self.initial[name] = format_date(saved, precision)

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        for name in self.partial_dates:
            if name not in self.cleaned_data:
                continue  # the field has its error already
            typed = self.cleaned_data[name]
            day, precision = typed if typed else (None, Precision.DAY)
            self.cleaned_data[name] = day
            # Usually not a field of the form, which then leaves it to us.
            setattr(self.instance, f"{name}_precision", precision)
            if f"{name}_precision" in self.cleaned_data:
                self.cleaned_data[f"{name}_precision"] = precision
        return cleaned
