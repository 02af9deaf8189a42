"""List filters whose unfiltered choice is a default view, not "All"."""

from django.contrib import admin


class DefaultViewFilter(admin.SimpleListFilter):
    """A filter that shows `default_label` (its own queryset) when none is chosen."""

    default_label = ""

    def choices(self, changelist):  # type: ignore[no-untyped-def]
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
