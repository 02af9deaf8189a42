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
from cases.dates import readable_date
from cases.entering import add_named_person
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
from .case_form import NEW_SUBJECT_FIELDS, CaseForm
from .case_records import (
    StateClaimInline,
    StepInline,
    SubmissionInline,
    WgeidFilter,
    checklist_display,
    wgeid_column,
)
from .history import RoleAwareHistoryAdmin
from .partial_dates import PartialDatesForm
from .persons import PersonNameInline, names_prefetch


class FacilityNameInline(PersonNameInline):
    model = FacilityName
    fields = ["text", "script"]


class RelativeInline(RoleAwareInlineMixin, admin.StackedInline):
    model = Relative
    fk_name = "case"
    extra = 1  # ready to fill, without a click on "add another"
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
    form = PartialDatesForm
    extra = 1  # ready to fill, without a click on "add another"
    autocomplete_fields = ["facility"]
    fields = [
        ("kind", "facility"),
        ("started_on", "ended_on"),
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
        wgeid_column,
        "assigned_to",
        "updated_at",
    ]
    list_filter = [
        "fate",
        "workflow",
        "subject__ethnicity",
        "confidentiality",
        WgeidFilter,
        "detentions__facility",
        ("assigned_to", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["subject", "assigned_to"]
    search_fields = ["reference"]  # extended to every name form below
    show_full_result_count = False
    form = CaseForm
    autocomplete_fields = ["subject"]
    inlines = [
        RelativeInline,
        DetentionInline,
        StepInline,
        StateClaimInline,
        SubmissionInline,
        TestimonyInline,
    ]
    readonly_fields = ["days_missing", "wgeid_checklist", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["reference", "subject", "fate", "workflow"]}),
        (
            _("Disappearance"),
            {
                "fields": [
                    ("disappeared_on", "last_contact_on"),
                    "missing_until",
                    "days_missing",
                    "place_last_seen",
                    "believed_responsible",
                    "summary",
                ]
            },
        ),
        (
            _("Source of the case"),
            {
                "fields": [
                    ("submitted_by", "submitting_relative"),
                    "source_confidential",
                    ("consents_to_un_submission", "un_consent_given_on"),
                    ("consents_to_publication", "publication_consent_given_on"),
                ]
            },
        ),
        (_("UN Working Group"), {"fields": ["wgeid_checklist"]}),
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

    # Named, so that the fieldsets and readonly_fields can list it by name.
    wgeid_checklist = staticmethod(checklist_display)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(names_prefetch("subject__names"), "steps")
        )

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None or not request.user.has_perm(access.ADDS_PERSONS):
            return fieldsets
        new_subject = (
            _("Or a person not yet recorded"),
            {
                "fields": NEW_SUBJECT_FIELDS,
                "description": _(
                    "Type the missing person's names here, or a description when "
                    "no name is known, and leave the person above empty: the "
                    "person is saved with the case."
                ),
            },
        )
        return [fieldsets[0], new_subject, *fieldsets[1:]]

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> type[forms.ModelForm]:
        form = super().get_form(request, obj, change, **kwargs)
        if issubclass(form, CaseForm):
            # A class made for this request: the setting stays with it.
            form.may_add_subject = request.user.has_perm(access.ADDS_PERSONS)
            form.viewer = request.user
        return form

    def save_model(
        self, request: HttpRequest, obj: Case, form: forms.ModelForm, change: bool
    ) -> None:
        if not change and isinstance(form, CaseForm) and form.adds_subject():
            obj.subject = add_named_person(
                form.new_subject_names, **form.new_subject_details()
            )
        super().save_model(request, obj, form, change)

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
        if db_field.name == "submitting_relative":
            # Only this case's relatives; a new case has none yet.
            match = request.resolver_match  # set: an admin page's URL resolved
            case_id = match.kwargs.get("object_id") if match else None
            relatives = Relative.objects.select_related("person")
            kwargs["queryset"] = (
                relatives.none()
                if case_id is None
                else relatives.filter(case_id=case_id)
            )
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
        return case.days_missing_display() or "—"

    @admin.display(description=_("disappeared"), ordering="disappeared_on")
    def disappeared(self, case: Case) -> str:
        return readable_date(case.disappeared_on, case.disappeared_on_precision)


@admin.register(Facility)
class FacilityAdmin(RoleAwareHistoryAdmin):
    list_display = ["name", "kind", "prefecture", "county"]
    list_filter = ["kind", "prefecture"]
    search_fields = ["name", "prefecture", "county", "names__text"]
    inlines = [FacilityNameInline]
