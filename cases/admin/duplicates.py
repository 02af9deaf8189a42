"""The review of possible duplicate persons: merge (after confirming) or dismiss."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cases import duplicate_search
from cases.evidence import describe_evidence, score_label
from cases.merging import merge_persons, related_counts
from cases.models import DuplicateCandidate, DuplicateStatus, Person

from .access import RoleAwareAdmin
from .filters import DefaultViewFilter
from .persons import names_prefetch

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class StatusFilter(DefaultViewFilter):
    """Show the pairs still to review unless asked for the decided ones."""

    title = _("status")
    parameter_name = "status"
    default_label = DuplicateStatus.OPEN.label

    def lookups(
        self, request: HttpRequest, model_admin: "admin.ModelAdmin[Any]"
    ) -> list[tuple[str, "StrOrPromise"]]:
        return [
            (DuplicateStatus.DISMISSED, DuplicateStatus.DISMISSED.label),
            (DuplicateStatus.MERGED, DuplicateStatus.MERGED.label),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        return queryset.filter(status=self.value() or DuplicateStatus.OPEN)


_FIELDS = ("person_a", "person_b", "score_shown", "evidence_display", "status")


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(RoleAwareAdmin):
    list_display = ["pair", "score_shown", "evidence_display", "status", "found_at"]
    list_filter = [StatusFilter]
    list_select_related = ["person_a", "person_b"]
    actions = ["merge_into_a", "merge_into_b", "dismiss"]
    fields = _FIELDS
    readonly_fields = _FIELDS

    class Media:
        js = ["cases/duplicate_search.js"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        return [
            path("search/", wrap(self.search_view), name="cases_duplicate_search"),
            path(
                "search/status/",
                wrap(self.search_status_view),
                name="cases_duplicate_search_status",
            ),
            *super().get_urls(),
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        run = duplicate_search.current_run()
        context = {
            "search_status": run.describe() if run else "",
            "search_in_progress": bool(run and run.in_progress),
            "may_search": self.has_change_permission(request),
            **(extra_context or {}),
        }
        return super().changelist_view(request, context)

    def search_view(self, request: HttpRequest) -> HttpResponse:
        """Start a search for duplicates over every person; back to the list."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request):
            raise PermissionDenied
        if not duplicate_search.start_search():
            self.message_user(
                request,
                _("A search for duplicates is already under way."),
                messages.WARNING,
            )
        return HttpResponseRedirect(
            reverse("admin:cases_duplicatecandidate_changelist")
        )

    def search_status_view(self, request: HttpRequest) -> JsonResponse:
        """Tell the list's script how far the search got."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        run = duplicate_search.current_run()
        return JsonResponse(
            {
                "text": run.describe() if run else "",
                "in_progress": bool(run and run.in_progress),
            }
        )

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                names_prefetch("person_a__names"), names_prefetch("person_b__names")
            )
        )

    @admin.display(description=_("persons"))
    def pair(self, candidate: DuplicateCandidate) -> str:
        return format_html(
            'A: <a href="{}" dir="auto">{}</a><br>B: <a href="{}" dir="auto">{}</a>',
            _person_url(candidate.person_a_id),
            candidate.person_a,
            _person_url(candidate.person_b_id),
            candidate.person_b,
        )

    @admin.display(description=_("score"), ordering="score")
    def score_shown(self, candidate: DuplicateCandidate) -> str:
        return score_label(candidate.score)

    @admin.display(description=_("evidence"))
    def evidence_display(self, candidate: DuplicateCandidate) -> str:
        lines = describe_evidence(candidate.evidence or {})
        return format_html_join(
            "", '<div dir="auto">{}</div>', ((line,) for line in lines)
        )

    @admin.action(description=_("Merge into A (keep person A)"), permissions=["change"])
    def merge_into_a(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        return self._merge(request, queryset, keep_side="a")

    @admin.action(description=_("Merge into B (keep person B)"), permissions=["change"])
    def merge_into_b(
        self, request: HttpRequest, queryset: QuerySet
    ) -> HttpResponse | None:
        return self._merge(request, queryset, keep_side="b")

    @admin.action(description=_("Not the same person"), permissions=["change"])
    def dismiss(self, request: HttpRequest, queryset: QuerySet) -> None:
        pairs = list(queryset.filter(status=DuplicateStatus.OPEN))
        for candidate in pairs:
            candidate.dismiss(actor=request.user)
        self.message_user(request, _("Dismissed %d pairs.") % len(pairs))

    def _merge(
        self, request: HttpRequest, queryset: QuerySet, *, keep_side: str
    ) -> HttpResponse | None:
        """Show both persons; merge only when the confirmation is posted."""
        if queryset.count() != 1:
            self.message_user(
                request, _("Choose exactly one pair to merge."), messages.ERROR
            )
            return None
        candidate = queryset.get()
        keep, duplicate = (candidate.person_a, candidate.person_b)
        if keep_side == "b":
            keep, duplicate = duplicate, keep
        if request.POST.get("confirmed") != "yes":
            return self._confirmation(request, candidate, keep, duplicate)
        try:
            merge_persons(keep=keep, duplicate=duplicate, actor=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None
        self.message_user(
            request,
            _("Merged %(dup)s into %(keep)s.") % {"dup": duplicate, "keep": keep},
        )
        return None

    def _confirmation(
        self,
        request: HttpRequest,
        candidate: DuplicateCandidate,
        keep: Person,
        duplicate: Person,
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Merge two persons?"),
            "candidate": candidate,
            "explanation": self.evidence_display(candidate),
            "action": request.POST.get("action"),
            "persons": [
                (_("Kept"), keep, related_counts(keep)),
                (
                    _("Merged into the kept person"),
                    duplicate,
                    related_counts(duplicate),
                ),
            ],
        }
        return TemplateResponse(
            request, "admin/cases/duplicatecandidate/merge_confirmation.html", context
        )


def _person_url(pk: int) -> str:
    return reverse("admin:cases_person_change", args=[pk])
