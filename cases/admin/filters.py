"""List filters whose unfiltered choice is a default view, not "All"."""

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class Choice(TypedDict):
    """One choice of a list filter, as the admin's filter template reads it."""

    selected: bool
    query_string: str
    display: "StrOrPromise"


class DefaultViewFilter(admin.SimpleListFilter):
    """A filter that shows `default_label` (its own queryset) when none is chosen."""

    default_label: "StrOrPromise" = ""
    parameter_name: str  # each filter names one (SimpleListFilter requires it)

    def choices(self, changelist: ChangeList) -> Iterator[Choice]:
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": self.default_label,
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }
