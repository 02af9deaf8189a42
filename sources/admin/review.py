"""The review queue: case workers confirm or reject suggested mentions, and turn
leads into persons."""

from typing import TYPE_CHECKING

from django.contrib import admin, messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from cases import access
from cases.admin.access import RoleAwareAdmin
from cases.models import Case, Person, PersonName

from ..models import Lead, Mention
from ..reviewing import confirm_mention, reject_mention

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL), as the plugin types its ForeignKeys.
    from django.contrib.auth.models import User

# Characters of context shown on each side of a mention.
CONTEXT = 160
# Hints stored on a mention: (key in Mention.hints, field shown, label).
HINTS = [
    ("dates", "text", _("dates nearby")),
    ("facilities", "name", _("facilities nearby")),
]


@admin.register(Mention)
class MentionAdmin(RoleAwareAdmin):
    list_display = ["passage", "person_and_cases", "score", "status", "article"]
    list_filter = ["status"]
    list_select_related = ["article", "person"]
    list_per_page = 50
    show_full_result_count = False
    actions = ["confirm", "reject"]
    readonly_fields = [
        "article",
        "person",
        "name_form",
        "text",
        "start",
        "end",
        "score",
        "explanation",
        "hints",
        "status",
        "reviewed_by",
        "reviewed_at",
        "citation",
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("person__names", queryset=PersonName.objects.order_by("id")),
                Prefetch(
                    "person__cases",
                    queryset=Case.objects.only("id", "subject", "reference"),
                ),
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # mentions come from cross-referencing

    @admin.display(description=_("passage"))
    def passage(self, mention: Mention) -> str:
        text = mention.article.text
        before = text[max(mention.start - CONTEXT, 0) : mention.start]
        after = text[mention.end : mention.end + CONTEXT]
        return format_html(
            '<span dir="auto">…{}<mark>{}</mark>{}…</span>{}',
            before,
            text[mention.start : mention.end],
            after,
            format_html_join(
                "",
                "<br><small>{}: {}</small>",
                (
                    (label, ", ".join(hint[key] for hint in mention.hints[kind]))
                    for kind, key, label in HINTS
                    if mention.hints.get(kind)
                ),
            ),
        )

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
        return format_html(
            '<a href="{}" dir="auto">{}</a><br>{}<br><small>{}</small>',
            person_url,
            mention.person.display_name,
            cases or _("no case"),
            mention.explanation,
        )

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


def _reviewer(request: HttpRequest) -> "User":
    """Return who reviews: the admin's views let in only logged-in staff."""
    user = request.user
    if isinstance(user, AnonymousUser):
        raise PermissionDenied
    return user


@admin.register(Lead)
class LeadAdmin(RoleAwareAdmin):
    list_display = ["text", "article", "person"]
    list_select_related = ["article", "person"]
    list_filter = [("person", admin.EmptyFieldListFilter)]
    search_fields = ["text"]
    readonly_fields = ["article", "text", "start", "end", "person"]
    actions = ["create_persons"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_create_persons_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perms([access.ADDS_PERSONS, access.CHANGES_LEADS])

    @admin.action(
        description=_("Create a person from each selected lead"),
        permissions=["create_persons"],
    )
    def create_persons(self, request: HttpRequest, queryset: QuerySet) -> None:
        created = 0
        for lead in queryset.filter(person__isnull=True):
            person = Person.objects.create()
            PersonName.objects.create(person=person, text=lead.text)
            lead.person = person
            lead.save(update_fields=["person"])
            created += 1
        self.message_user(
            request, _("%d persons created: add what you know of them.") % created
        )
