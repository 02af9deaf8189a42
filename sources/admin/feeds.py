"""Feeds and import jobs in the admin."""

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.admin.access import RoleAwareAdmin, RoleAwareInlineMixin
from casetracker.celery import enqueue_on_commit

from ..models import ArticleState, Feed, ImportJob
from ..tasks import poll_feed

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    # The model Django makes for ImportJob.articles' rows (the plugin names it).
    from ..models.jobs import ImportJob_articles


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


class JobArticleInline(RoleAwareInlineMixin, admin.TabularInline):
    """The articles a job asked for, those known before it included."""

    model = ImportJob.articles.through
    verbose_name = _("article")
    verbose_name_plural = _("articles")
    fields = ("article", "state", "failure_reason")  # a tuple: see CaptureInline
    readonly_fields = fields
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("sourcearticle")

    @admin.display(description=_("article"))
    def article(self, row: "ImportJob_articles") -> str:
        article = row.sourcearticle
        url = reverse("admin:sources_sourcearticle_change", args=[article.pk])
        return format_html('<a href="{}">{}</a>', url, article)

    @admin.display(description=_("state"))
    def state(self, row: "ImportJob_articles") -> str:
        return row.sourcearticle.get_state_display()

    @admin.display(description=_("failure reason"))
    def failure_reason(self, row: "ImportJob_articles") -> str:
        return row.sourcearticle.failure_reason


@admin.register(ImportJob)
class ImportJobAdmin(RoleAwareAdmin):
    """Progress of the imports: how many articles are in each state."""

    list_display = ["__str__", "created_by", "created_at", "progress"]
    list_select_related = ["created_by"]
    fields = ["label", "created_by", "created_at", "progress"]
    readonly_fields = ["created_by", "created_at", "progress"]
    inlines = [JobArticleInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        counts = {
            state: Count("articles", filter=Q(articles__state=state))
            for state in ArticleState.values
        }
        return super().get_queryset(request).annotate(total=Count("articles"), **counts)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs are started from the import form, the API or the CLI

    @admin.display(description=_("progress"))
    def progress(self, job: "WithAnnotations[ImportJob, _JobTotal]") -> str:
        counts = [(state, getattr(job, state)) for state in ArticleState.values]
        shown = " · ".join(f"{state} {count}" for state, count in counts if count)
        return f"{shown} (of {job.total})" if job.total else "—"
