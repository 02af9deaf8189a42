"""Persons and their name forms in the admin."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AccessLoggedAdminMixin
from cases.models import Person, PersonName
from cases.models.names import NameForm

from .access import RoleAwareInlineMixin
from .filters import DefaultViewFilter
from .history import RoleAwareHistoryAdmin
from .partial_dates import PartialDatesForm
from .person_duplicates import DuplicateWarningFormSet, WarnsOfDuplicatesMixin
from .person_page import Section, case_sections

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# Names in Arabic script read right to left; dir="auto" lets the browser decide.
NAME_WIDGET = forms.TextInput(attrs={"dir": "auto", "size": 40})


def names_prefetch(lookup: str = "names") -> Prefetch:
    """Prefetch name forms in display order, for __str__ without extra queries."""
    return Prefetch(lookup, queryset=PersonName.objects.order_by("id"))


class PersonNameInline(RoleAwareInlineMixin, admin.TabularInline):
    model: type[NameForm] = PersonName  # FacilityNameInline reuses it
    fields = ["text", "script", "kind", "language"]
    extra = 1

    def formfield_for_dbfield(
        self, db_field: "models.Field[Any, Any]", request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "text":
            kwargs["widget"] = NAME_WIDGET
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class NamedPersonFormSet(DuplicateWarningFormSet):
    """A person's name forms: at least one, unless the person is described."""

    def clean(self) -> None:
        validated = [form for form in self.forms if hasattr(form, "cleaned_data")]
        kept = any(
            form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
            for form in validated
        )
        # A form may leave out stored names (an edited page sends them all,
        # but nothing makes a request do so): those stay too.
        sent = [form.instance.pk for form in self.forms if form.instance.pk]
        untouched = self.get_queryset().exclude(pk__in=sent).exists()
        # The person form ran first: the instance holds the description typed.
        self.instance.require_name_or_description(has_names=kept or untouched)
        super().clean()


class PersonNamesInline(WarnsOfDuplicatesMixin, PersonNameInline):
    """A person's name forms, checked against the persons already recorded."""

    formset = NamedPersonFormSet


class MergedFilter(DefaultViewFilter):
    """Hide persons merged into another unless asked for."""

    title = _("merged")
    parameter_name = "merged"
    default_label = _("not merged")

    def lookups(
        self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]"
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [("yes", _("merged into another")), ("any", _("all"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(merged_into__isnull=False)
        if self.value() == "any":
            return queryset
        return queryset.filter(merged_into__isnull=True)


@admin.register(Person)
class PersonAdmin(AccessLoggedAdminMixin, RoleAwareHistoryAdmin):
    list_display = ["name", "ethnicity", "gender", "birth", "citizenship", "occupation"]
    list_filter = [MergedFilter, "ethnicity", "gender"]
    search_fields = ["names__text"]  # replaced by the name-key search below
    show_full_result_count = False
    form = PartialDatesForm
    inlines = [PersonNamesInline]
    readonly_fields = ["merged_into"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "description",
                    ("gender", "ethnicity"),
                    "citizenship",
                    "occupation",
                ]
            },
        ),
        (
            _("Birth"),
            {
                "fields": [
                    "birth_date",
                    ("age_min", "age_max", "age_as_of"),
                ]
            },
        ),
        (
            _("Origin"),
            {"fields": ["origin_prefecture", "origin_county", "origin_township"]},
        ),
        (_("Photo"), {"fields": ["photo", "photo_provenance", "photo_may_not_depict"]}),
        (_("Notes"), {"fields": ["notes", "merged_into"]}),
        (_("Sensitive"), {"fields": ["id_document_number", "home_address"]}),
    ]

    class Media:
        css = {"all": ["cases/person_names.css"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related(names_prefetch())

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Person | None = None,
    ) -> HttpResponse:
        if obj is not None and obj.pk is not None:
            context["person_sections"] = self.person_sections(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def person_sections(self, request: HttpRequest, person: Person) -> list[Section]:
        """Return the lists of records naming the person, shown below the names."""
        return case_sections(person, request.user)

    def formfield_for_dbfield(
        self, db_field: models.Field, request: HttpRequest, **kwargs: Any
    ) -> forms.Field | None:
        if db_field.name == "description":
            # A description is a phrase, in any script: room for it, and its own
            # direction.
            kwargs["widget"] = forms.TextInput(attrs={"size": 60, "dir": "auto"})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        if request.path.rstrip("/").endswith("autocomplete"):
            # Never link a case to a record merged into another.
            queryset = queryset.filter(merged_into__isnull=True)
        if not search_term.strip():
            return queryset, False
        # A nameless person is found by words of the description.
        return queryset.filter(
            Q(pk__in=PersonName.objects.person_ids_matching(search_term))
            | Q(description__icontains=search_term.strip())
        ), False

    @admin.display(description=_("name"))
    def name(self, person: Person) -> str:
        return format_html('<span dir="auto">{}</span>', person.display_name)

    @admin.display(description=_("born"))
    def birth(self, person: Person) -> str:
        return person.birth_display()
