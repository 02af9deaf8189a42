"""Feeds and import jobs in the admin."""

from django.contrib import admin
from django.db import models, transaction
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cases.admin.access import RoleAwareAdmin, RoleAwareInlineMixin

from ..models import ArticleState, Feed, ImportJob, SourceArticle
from ..tasks import poll_feed


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
            transaction.on_commit(lambda feed_id=feed_id: poll_feed.delay(feed_id))
        self.message_user(request, _("The feeds will be polled in a moment."))


class JobArticleInline(RoleAwareInlineMixin, admin.TabularInline):
    model = SourceArticle
    fields = ["__str__", "state", "failure_reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


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
    def progress(self, job: ImportJob) -> str:
        counts = [(state, getattr(job, state)) for state in ArticleState.values]
        shown = " · ".join(f"{state} {count}" for state, count in counts if count)
        return f"{shown} (of {job.total})" if job.total else "—"
