"""The review queue: case workers confirm or reject suggested mentions in one
click, from the queue, a mention's page or a case's page."""

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from cases import access
from cases.admin.access import RoleAwareAdmin

from ..models import Mention, MentionStatus
from ..reviewing import (
    confirm_mention,
    confirm_person_in_article,
    reject_mention,
    reject_person_in_article,
)
from .passages import buttons_for, hints_html, passage_html, with_review_facts

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL), as the plugin types its ForeignKeys.
    from django.contrib.auth.models import User

# The admin's change page, with no Save button: a mention is only reviewed.
READ_ONLY_PAGE = {
    "show_save": False,
    "show_save_and_continue": False,
    "show_save_and_add_another": False,
    "show_delete": False,
}


class ReviewPageAdmin(RoleAwareAdmin):
    """An admin whose change page is read and acted on with buttons, not saved."""

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        context = {**READ_ONLY_PAGE, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, context)


# What a mention's own page shows, every field read-only.
SHOWN_FIELDS = (
    "review",
    "passage",
    "person_and_cases",
    "hints_nearby",
    "article",
    "score",
    "status",
    "reviewed_by",
    "reviewed_at",
    "citation",
)


@admin.register(Mention)
class MentionAdmin(ReviewPageAdmin):
    class Media:
        css = {"all": ["sources/review.css"]}

    list_display = ["passage", "person_and_cases", "score", "status", "article"]
    list_filter = ["status"]
    list_per_page = 50
    show_full_result_count = False
    actions = ["confirm", "reject"]
    fields = SHOWN_FIELDS
    readonly_fields = SHOWN_FIELDS

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return with_review_facts(super().get_queryset(request))

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        names = super().get_list_display(request)
        if not request.user.has_perms(access.REVIEWS_MENTIONS):
            return names
        back = request.get_full_path()

        @admin.display(description=_("review"))
        def review(mention: Mention) -> SafeString:
            if mention.status != MentionStatus.SUGGESTED:
                return SafeString("")
            return buttons_for(mention, back=back)

        # Next to the passage, where the eye is when deciding.
        return [names[0], review, *names[1:]]

    def get_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/confirm/",
                view(require_POST(self.confirm_view)),
                name="sources_mention_confirm",
            ),
            path(
                "<path:object_id>/reject/",
                view(require_POST(self.reject_view)),
                name="sources_mention_reject",
            ),
            *super().get_urls(),
        ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # mentions come from cross-referencing

    def confirm_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Confirm the mention, or every suggestion of its person in the article."""
        mention = self._reviewable(request, object_id)
        actor = _reviewer(request)
        if request.POST.get("scope") == "article":
            count = confirm_person_in_article(mention=mention, actor=actor)
        else:
            confirm_mention(mention=mention, actor=actor)
            count = 1
        self.message_user(request, _confirmed(mention, count), messages.SUCCESS)
        return self._back(request, mention)

    def reject_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Reject the mention, or every suggestion of its person in the article."""
        mention = self._reviewable(request, object_id)
        actor = _reviewer(request)
        if request.POST.get("scope") == "article":
            count = reject_person_in_article(mention=mention, actor=actor)
        else:
            reject_mention(mention=mention, actor=actor)
            count = 1
        message = ngettext(
            "Rejected: %(name)s is not named there.",
            "Rejected %(count)d passages: %(name)s is not named there.",
            count,
        ) % {"name": mention.person.display_name, "count": count}
        self.message_user(request, message, messages.SUCCESS)
        return self._back(request, mention)

    def _reviewable(self, request: HttpRequest, object_id: str) -> Mention:
        if not request.user.has_perms(access.REVIEWS_MENTIONS):
            raise PermissionDenied
        mention = self.get_visible_or_404(request, object_id)
        if not isinstance(mention, Mention):
            raise Http404  # never: this admin's own model
        return mention

    def _back(self, request: HttpRequest, mention: Mention) -> HttpResponse:
        """Return to the page the buttons were on, else to the mention's page."""
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(
            back, {request.get_host()}, request.is_secure()
        ):
            back = reverse("admin:sources_mention_change", args=[mention.pk])
        return HttpResponseRedirect(back)

    @admin.display(description=_("passage"))
    def passage(self, mention: Mention) -> SafeString:
        return format_html(
            "{}{}",
            passage_html(mention.article.text, mention.start, mention.end),
            hints_html(mention.hints),
        )

    @admin.display(description=_("clues nearby"))
    def hints_nearby(self, mention: Mention) -> SafeString:
        return hints_html(mention.hints)

    @admin.display(description=_("confirm or reject"))
    def review(self, mention: Mention) -> SafeString:
        if mention.status != MentionStatus.SUGGESTED:
            return format_html("{}", mention.get_status_display())
        back = reverse("admin:sources_mention_change", args=[mention.pk])
        return buttons_for(mention, back=back)

    @admin.display(description=_("person and cases"))
    def person_and_cases(self, mention: Mention) -> str:
        person_url = reverse("admin:cases_person_change", args=[mention.person_id])
        cases = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:cases_case_change", args=[case.pk]), case.reference)
                for case in mention.person.cases.all()
            ),
        )
        related = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:cases_case_change", args=[r.case_id]), r.case.reference)
                for r in mention.person.relative_of.all()
            ),
        )
        if related:
            related = format_html("{} {}", _("relative on"), related)
        return format_html(
            '<a href="{}" dir="auto">{}</a><br>{}<br><small dir="auto">{}</small>',
            person_url,
            mention.person.display_name,
            cases or related or _("on no case"),
            mention.explanation,
        )

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        context = {"title": _("Names found in articles: confirm or reject")}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    @admin.action(
        description=_("Confirm: the article speaks of this person"),
        permissions=["change"],
    )
    def confirm(self, request: HttpRequest, queryset: QuerySet) -> None:
        actor = _reviewer(request)
        for mention in queryset.select_related("article", "person"):
            confirm_mention(mention=mention, actor=actor)
        self.message_user(request, _("Confirmed; citations added."), messages.SUCCESS)

    @admin.action(
        description=_("Reject: another person, or no person"),
        permissions=["change"],
    )
    def reject(self, request: HttpRequest, queryset: QuerySet) -> None:
        actor = _reviewer(request)
        for mention in queryset:
            reject_mention(mention=mention, actor=actor)
        self.message_user(request, _("Rejected."), messages.SUCCESS)


def _confirmed(mention: Mention, count: int) -> str:
    """Say what confirming did, and on which case the article is now cited."""
    name = mention.person.display_name
    if mention.citation is None:
        return ngettext(
            "Confirmed: the article names %(name)s. No case cites it yet.",
            "Confirmed %(count)d passages naming %(name)s. No case cites it yet.",
            count,
        ) % {"name": name, "count": count}
    return ngettext(
        "Confirmed: the article names %(name)s; %(reference)s now cites it.",
        "Confirmed %(count)d passages naming %(name)s; %(reference)s now cites it.",
        count,
    ) % {"name": name, "count": count, "reference": mention.citation.case.reference}


def _reviewer(request: HttpRequest) -> "User":
    """Return who reviews: the admin's views let in only logged-in staff."""
    user = request.user
    if isinstance(user, AnonymousUser):
        raise PermissionDenied
    return user
