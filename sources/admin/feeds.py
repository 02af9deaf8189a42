"""Feeds and import jobs in the admin."""

from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from cases.admin.access import RoleAwareAdmin
from cases.models import Person
from casetracker.celery import enqueue_on_commit

from ..models import ArticleState, Feed, ImportJob
from ..tasks import poll_feed

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations


class _JobTotal(TypedDict):
    """What ImportJobAdmin.get_queryset annotates a job with, besides a count
    for each article state."""

    total: int


@admin.register(Feed)
class FeedAdmin(RoleAwareAdmin):
    # Django 6 will assume https for an address typed without a scheme: do so now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["__str__", "url", "active", "last_polled_at", "last_error"]
    list_filter = ["active"]
    search_fields = ["title", "url"]
    fields = ["url", "title", "active", "last_polled_at", "last_error"]
    readonly_fields = ["last_polled_at", "last_error"]
    actions = ["poll_now"]

    @admin.action(description=_("Poll the selected feeds now"), permissions=["change"])
    def poll_now(self, request: HttpRequest, queryset: QuerySet) -> None:
        for feed_id in queryset.values_list("pk", flat=True):
            enqueue_on_commit(poll_feed, feed_id)
        self.message_user(request, _("The feeds will be polled in a moment."))


@admin.register(ImportJob)
class ImportJobAdmin(RoleAwareAdmin):
    """What became of each import: running, finished or failed, and why."""

    list_display = ["__str__", "created_by", "created_at", "outcome"]
    list_select_related = ["created_by"]
    fields = ["label", "created_by", "created_at", "outcome"]
    readonly_fields = ["created_by", "created_at", "outcome"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        counts = {
            state: Count("articles", filter=Q(articles__state=state))
            for state in ArticleState.values
        }
        return super().get_queryset(request).annotate(total=Count("articles"), **counts)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs are started from the import form, the API or the CLI

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        job = self.get_object(request, object_id)
        context = {**(extra_context or {})}
        if job is not None:
            # The page reloads itself while the job runs (no script: see the
            # template), and lists the articles below the job's fields.
            context["import_running"] = job.is_running(_counts(job))
            context["job_articles"] = article_lines(job, request)
        return super().change_view(request, object_id, form_url, context)

    @admin.display(description=_("what happened"))
    def outcome(self, job: "WithAnnotations[ImportJob, _JobTotal]") -> str:
        return job.summary(_counts(job))


def article_lines(job: ImportJob, request: HttpRequest) -> list[str]:
    """Render each article of a job, counting only what the user may see."""
    persons = Person.objects.visible_to(request.user).values("pk")
    articles = job.articles.annotate(
        suggested=Count(
            "mentions", filter=Q(mentions__person__in=persons), distinct=True
        ),
        found=Count("leads", distinct=True),
    ).order_by("id")
    return [_article_line(article) for article in articles]


def _counts(job: ImportJob) -> dict[str, int]:
    """Return the job's counts, from the changelist's annotations when it has them."""
    if hasattr(job, "total"):
        states = {state: getattr(job, state) for state in ArticleState.values}
        return {"total": job.total, **states}
    return job.progress()


def _article_line(article: Any) -> str:
    """Render one article of a job: its link, its state, and what it gave."""
    url = reverse("admin:sources_sourcearticle_change", args=[article.pk])
    title = format_html('<a href="{}" dir="auto">{}</a>', url, article)
    if article.state == ArticleState.FAILED:
        reason = article.failure_reason or _("no reason was recorded")
        return format_html("{} — {}: {}", title, _("failed"), reason)
    found = [
        (_suggestions_link("mention", article, article.suggested, _MENTIONS)),
        (_suggestions_link("lead", article, article.found, _LEADS)),
    ]
    return format_html(
        "{} — {}; {}",
        title,
        article.get_state_display(),
        format_html_join(", ", "{}", ((link,) for link in found)),
    )


# How a job's page counts what an article suggested.
_MENTIONS = ("%(count)d suggested mention", "%(count)d suggested mentions")
_LEADS = ("%(count)d new name", "%(count)d new names")


def _suggestions_link(
    model: str, article: Any, count: int, words: tuple[str, str]
) -> str:
    """Link to the review queue's rows of one article, with their count."""
    text = ngettext(words[0], words[1], count) % {"count": count}
    if not count:
        return text
    url = reverse(f"admin:sources_{model}_changelist")
    return format_html(
        '<a href="{}?article__id__exact={}">{}</a>', url, article.pk, text
    )
