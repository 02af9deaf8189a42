"""The case and person pages' parts that need sources (cases never imports them)."""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.admin import CaseAdmin, PersonAdmin
from cases.admin.access import RoleAwareInlineMixin
from cases.admin.person_page import Section
from cases.models import Case, Detention, Person, Relative, StateClaim, Step
from casetracker.celery import enqueue_on_commit

from ..figures import cases_cited_by_publishers
from ..models import Citation
from ..tasks import sweep_new_names
from ..timeline import case_timeline
from .case_exports import CaseExportsMixin
from .case_imports import CaseImportsMixin
from .case_print import PrintableCaseMixin
from .person_sources import source_sections
from .suggestions import suggestions_on_case
from .wgeid_draft import WgeidDraftMixin

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise


class CitationInline(RoleAwareInlineMixin, admin.StackedInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "detention", "step", "state_claim", "quote", "note"]

    def formfield_for_foreignkey(
        self, db_field: models.ForeignKey, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelChoiceField | None:
        if db_field.name == "detention":
            # Offer only this case's detentions; a new case has none yet.
            match = request.resolver_match  # set: an admin page's URL resolved
            case_id = match.kwargs.get("object_id") if match else None
            detentions = (
                Detention.objects.none()
                if case_id is None
                else Detention.objects.filter(case_id=case_id)
            )
            kwargs["queryset"] = detentions.select_related("facility")
        if db_field.name in ("step", "state_claim"):
            # Likewise this case's own steps and state claims.
            match = request.resolver_match
            case_id = match.kwargs.get("object_id", 0) if match else 0
            kwargs["queryset"] = (
                Step.objects.filter(case_id=case_id)
                if db_field.name == "step"
                else StateClaim.objects.filter(case_id=case_id)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class HasSourceFilter(admin.SimpleListFilter):
    title = _("has a source")
    parameter_name = "has_source"

    def lookups(
        self, request: HttpRequest, model_admin: admin.ModelAdmin
    ) -> list[tuple[str, "StrPromise"]]:
        return [
            ("yes", _("yes")),
            ("two_publishers", _("from two publishers or more")),
            ("no", _("no")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        cited = Exists(Citation.objects.filter(case=OuterRef("pk")))
        if self.value() == "two_publishers":
            return queryset.filter(pk__in=cases_cited_by_publishers())
        if self.value() == "yes":
            return queryset.filter(cited)
        if self.value() == "no":
            return queryset.filter(~cited)
        return queryset


class CaseWithSourcesAdmin(
    CaseExportsMixin, CaseImportsMixin, PrintableCaseMixin, WgeidDraftMixin, CaseAdmin
):
    """The case admin with the parts that need sources (cases never imports them)."""

    change_list_template = "admin/sources/case_change_list.html"
    inlines = [*CaseAdmin.inlines, CitationInline]
    list_filter = [*CaseAdmin.list_filter, HasSourceFilter]
    # Django's change form, or the case admin's own, with the suggestions added.
    change_form_template = "admin/sources/case_change_form.html"

    class Media:
        css = {"all": ["sources/review.css"]}

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context: dict[str, Any] = {
            "case_form_template": CaseAdmin.change_form_template
            or "admin/change_form.html"
        }
        if object_id is not None:
            case = self.get_visible_or_404(request, object_id)
            context["suggested_mentions"] = suggestions_on_case(case, request)
            if isinstance(case, Case):
                context["timeline"] = case_timeline(case, user=request.user)
            context["shows_contacts"] = not access.hidden_fields(request.user, Relative)
        context.update(extra_context or {})
        return super().changeform_view(request, object_id, form_url, context)


admin.site.unregister(Case)
admin.site.register(Case, CaseWithSourcesAdmin)


class PersonWithSourcesAdmin(PersonAdmin):
    """The person admin, searching old articles for the name forms just added,
    and listing the sources that name the person."""

    def person_sections(self, request: HttpRequest, person: Person) -> list[Section]:
        return [
            *super().person_sections(request, person),
            *source_sections(person, request.user),
        ]

    def save_related(
        self,
        request: HttpRequest,
        form: forms.ModelForm,
        formsets: list[forms.BaseModelFormSet],
        change: bool,
    ) -> None:
        super().save_related(request, form, formsets, change)
        # The beat task sweeps every minute anyway; this makes the laptop
        # (tasks in-process, no beat) and impatient case workers happy.
        enqueue_on_commit(sweep_new_names)


admin.site.unregister(Person)
admin.site.register(Person, PersonWithSourcesAdmin)
