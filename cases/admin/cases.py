"""Cases and facilities in the admin."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Relative,
)

from .persons import PersonNameInline, names_prefetch


class FacilityNameInline(PersonNameInline):
    model = FacilityName
    fields = ["text", "script"]


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
        return queryset.matching(term), False

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
