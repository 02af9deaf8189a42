"""The admin in which case workers enter and review cases."""

from django import forms
from django.contrib import admin
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Person,
    PersonName,
    Relative,
)

# Names in Arabic script read right to left; dir="auto" lets the browser decide.
NAME_WIDGET = forms.TextInput(attrs={"dir": "auto", "size": 40})


def names_prefetch(lookup: str = "names") -> Prefetch:
    """Prefetch name forms in display order, for __str__ without extra queries."""
    return Prefetch(lookup, queryset=PersonName.objects.order_by("id"))


class PersonNameInline(admin.TabularInline):
    model = PersonName
    fields = ["text", "script", "kind", "language"]
    extra = 1

    def formfield_for_dbfield(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "text":
            kwargs["widget"] = NAME_WIDGET
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class FacilityNameInline(PersonNameInline):
    model = FacilityName
    fields = ["text", "script"]


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "ethnicity", "gender", "birth", "citizenship", "occupation"]
    list_filter = ["ethnicity", "gender"]
    search_fields = ["names__text"]  # replaced by the name-key search below
    show_full_result_count = False
    inlines = [PersonNameInline]
    fieldsets = [
        (None, {"fields": ["gender", "ethnicity", "citizenship", "occupation"]}),
        (
            _("Birth"),
            {
                "fields": [
                    ("birth_date", "birth_date_precision"),
                    ("age_min", "age_max", "age_as_of"),
                ]
            },
        ),
        (
            _("Origin"),
            {"fields": ["origin_prefecture", "origin_county", "origin_township"]},
        ),
        (_("Photo"), {"fields": ["photo", "photo_provenance", "photo_may_not_depict"]}),
        (_("Notes"), {"fields": ["notes"]}),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).prefetch_related(names_prefetch())

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        if not search_term.strip():
            return queryset, False
        return queryset.filter(
            pk__in=PersonName.objects.person_ids_matching(search_term)
        ), False

    @admin.display(description=_("name"))
    def name(self, person: Person) -> str:
        return format_html('<span dir="auto">{}</span>', person.display_name)

    @admin.display(description=_("born"))
    def birth(self, person: Person) -> str:
        return person.birth_display()


class RelativeInline(admin.StackedInline):
    model = Relative
    fk_name = "case"
    extra = 0
    autocomplete_fields = ["person"]
    fields = [
        ("person", "relationship"),
        ("reported_case", "reported_on"),
        ("country_of_residence", "consent"),
        "contact_details",
        "notes",
    ]


class DetentionInline(admin.StackedInline):
    model = Detention
    extra = 0
    autocomplete_fields = ["facility"]
    fields = [
        ("kind", "facility"),
        ("started_on", "started_on_precision"),
        ("ended_on", "ended_on_precision"),
        "reason",
        "charges",
        "sentence",
        "notes",
    ]


@admin.register(Case)
class CaseAdmin(SimpleHistoryAdmin):
    list_display = [
        "reference",
        "subject_name",
        "fate",
        "workflow",
        "days_missing",
        "disappeared",
        "confidentiality",
        "assigned_to",
        "updated_at",
    ]
    list_filter = [
        "fate",
        "workflow",
        "subject__ethnicity",
        "confidentiality",
        "detentions__facility",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["subject", "assigned_to"]
    search_fields = ["reference"]  # extended to every name form below
    show_full_result_count = False
    autocomplete_fields = ["subject", "assigned_to"]
    inlines = [RelativeInline, DetentionInline]
    readonly_fields = ["days_missing", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["reference", "subject", "fate", "workflow"]}),
        (
            _("Disappearance"),
            {
                "fields": [
                    ("disappeared_on", "disappeared_on_precision"),
                    ("last_contact_on", "last_contact_on_precision"),
                    "days_missing",
                    "place_last_seen",
                    "believed_responsible",
                    "summary",
                ]
            },
        ),
        (
            _("The state's version"),
            {"fields": ["state_claim", "state_claim_on", "state_claim_source"]},
        ),
        (
            _("Handling"),
            {"fields": ["assigned_to", "confidentiality", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(names_prefetch("subject__names"))
        )

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        term = search_term.strip()
        if not term:
            return queryset, False
        # A relative's name finds the case too: some subjects' names are unknown.
        persons = PersonName.objects.person_ids_matching(term)
        return queryset.filter(
            Q(reference__iexact=term)
            | Q(subject__in=persons)
            | Q(pk__in=Relative.objects.filter(person__in=persons).values("case_id"))
        ), False

    @admin.display(description=_("missing person"), ordering="subject_id")
    def subject_name(self, case: Case) -> str:
        return format_html('<span dir="auto">{}</span>', case.subject.display_name)

    @admin.display(description=_("days missing"), ordering="disappeared_on")
    def days_missing(self, case: Case) -> str:
        count = case.days_missing()
        return str(count) if count else "—"

    @admin.display(description=_("disappeared"), ordering="disappeared_on")
    def disappeared(self, case: Case) -> str:
        return case.disappeared_display()


@admin.register(Facility)
class FacilityAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "prefecture", "county"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name", "prefecture", "county", "names__text"]
    inlines = [FacilityNameInline]
