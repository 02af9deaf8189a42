"""Cases and facilities in the admin."""

from typing import Any, cast

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from audit.admin import AccessLoggedAdminMixin
from cases import access
from cases.models import (
    Case,
    Detention,
    Facility,
    FacilityName,
    Relative,
    Testimony,
)
from cases.models.cases import CaseQuerySet

from .access import RoleAwareInlineMixin
from .history import RoleAwareHistoryAdmin
from .persons import PersonNameInline, names_prefetch


class FacilityNameInline(PersonNameInline):
    model = FacilityName
    fields = ["text", "script"]


class RelativeInline(RoleAwareInlineMixin, admin.StackedInline):
    model = Relative
    fk_name = "case"
    extra = 0
    autocomplete_fields = ["person"]
    fields = [
        ("person", "relationship"),
        ("reported_case", "reported_on"),
        ("country_of_residence", "consent"),
        "contact_details",
        "address",
        "notes",
    ]


class DetentionInline(RoleAwareInlineMixin, admin.StackedInline):
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


class TestimonyInline(RoleAwareInlineMixin, admin.StackedInline):
    model = Testimony
    extra = 0
    autocomplete_fields = ["witness"]
    fields = [("witness", "given_on"), ("language", "consent"), "text"]


@admin.register(Case)
class CaseAdmin(AccessLoggedAdminMixin, RoleAwareHistoryAdmin):
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
    autocomplete_fields = ["subject"]
    inlines = [RelativeInline, DetentionInline, TestimonyInline]
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
            {
                "fields": [
                    ("assigned_to", "team"),
                    "confidentiality",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(names_prefetch("subject__names"))
        )

    def get_changeform_initial_data(self, request: HttpRequest) -> dict:
        # Assigned to its author, a new confidential case stays visible to them.
        return {
            "assigned_to": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "assigned_to":
            # A select of the staff: an autocomplete would need the right to
            # browse every user account.
            kwargs["queryset"] = access.assignable_users()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet, search_term: str
    ) -> tuple[QuerySet, bool]:
        term = search_term.strip()
        if not term:
            return queryset, False
        relatives = access.may_search_relatives(request.user)
        # The change list and the autocomplete search this admin's get_queryset:
        # Case.objects filtered, which keeps its class.
        cases = cast(CaseQuerySet, queryset)
        return cases.matching(term, relatives=relatives), False

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
class FacilityAdmin(RoleAwareHistoryAdmin):
    list_display = ["name", "kind", "prefecture", "county"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name", "prefecture", "county", "names__text"]
    inlines = [FacilityNameInline]
