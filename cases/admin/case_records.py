"""What a case did with the UN: steps taken, state claims, submissions, checklist.

The inlines of the case page, and the Working Group checklist shown on it and
filtered on in the case list (cases.wgeid).
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cases import wgeid
from cases.models import Case, Relative, StateClaim, Step, Submission

from .access import RoleAwareInlineMixin
from .partial_dates import PartialDatesForm

__all__ = [
    "StateClaimInline",
    "StepInline",
    "SubmissionInline",
    "WgeidFilter",
    "checklist_display",
    "wgeid_column",
]


class CaseRelativesInlineMixin(RoleAwareInlineMixin):
    """Offer only the case's own relatives in a `relative` choice."""

    relative_field = "relative"

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get(self.relative_field)
        if isinstance(field, forms.ModelChoiceField):
            # The form class is made for this request: the narrowing stays in it.
            field.queryset = (
                Relative.objects.filter(case=obj) if obj else (Relative.objects.none())
            )
        return formset


class StepInline(CaseRelativesInlineMixin, admin.StackedInline):
    model = Step
    form = PartialDatesForm
    extra = 0
    fields = [
        ("taken_on", "kind"),
        ("taken_by", "relative"),
        "authority",
        "outcome",
    ]


class SubmissionInline(RoleAwareInlineMixin, admin.StackedInline):
    model = Submission
    extra = 0
    fields = [("procedure", "status"), ("sent_on", "wgeid_reference"), "notes"]


class StateClaimInline(RoleAwareInlineMixin, admin.StackedInline):
    model = StateClaim
    form = PartialDatesForm
    extra = 0
    fields = [("claimed_on", "claimed_by"), "text", "source", "submission"]

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any) -> Any:
        formset = super().get_formset(request, obj, **kwargs)
        field = formset.form.base_fields.get("submission")
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = (
                Submission.objects.filter(case=obj)
                if obj
                else (Submission.objects.none())
            )
        return formset


@admin.display(description=_("UN Working Group checklist"))
def checklist_display(case: Case) -> str:
    """Show the six elements of a case, each with its reason, and the urgency."""
    if case.pk is None:
        return "—"
    checklist = wgeid.check_case(case)
    rows = format_html_join(
        "",
        '<li class="wgeid-{}"><strong>{} {}</strong>: {}</li>',
        (
            (
                "present" if e.present else "missing",
                "✓" if e.present else "✗",
                e.label,
                e.reason,
            )
            for e in checklist.elements
        ),
    )
    verdict = _("Ready to submit.") if checklist.ready else _("Not ready yet.")
    urgent = (
        format_html(
            '<p class="wgeid-urgent"><strong>{}</strong></p>', checklist.urgent_reason
        )
        if checklist.urgent
        else ""
    )
    return format_html(
        '<div class="wgeid-checklist"><p>{}</p><ul>{}</ul>{}</div>',
        verdict,
        rows,
        urgent,
    )


@admin.display(description=_("UN checklist"))
def wgeid_column(case: Case) -> str:
    """Say in a few words whether a case is ready, and if not what it lacks."""
    checklist = wgeid.check_case(case)
    words = (
        [str(_("ready"))]
        if checklist.ready
        else [
            str(
                _("missing: %(what)s")
                % {"what": ", ".join(e.label for e in checklist.missing)}
            )
        ]
    )
    if checklist.urgent:
        words.insert(0, str(_("URGENT")))
    return " · ".join(words)


class WgeidFilter(admin.SimpleListFilter):
    title = _("UN Working Group")
    parameter_name = "wgeid"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, Any]]:
        return [
            ("ready", _("ready to submit")),
            ("missing", _("missing something")),
            ("urgent", _("urgent (under three months)")),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet | None:
        filters: dict[str, Callable[[QuerySet[Case]], QuerySet[Case]]] = {
            "ready": wgeid.ready,
            "missing": wgeid.missing_something,
            "urgent": wgeid.urgent,
        }
        choose = filters.get(self.value() or "")
        return choose(queryset) if choose else None
