"""Articles in the admin: the import form, captures, leads and failures."""

from typing import TYPE_CHECKING, Any, TypedDict

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.admin.access import RoleAwareInlineMixin
from cases.admin.history import RoleAwareHistoryAdmin
from cases.models import Person

from ..importing import MAX_FILE_BYTES, enqueue_imports, start_import, url_problem
from ..models import ArticleState, Capture, Lead, SourceArticle
from .languages import LanguageFilter, language_name

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

MAX_URLS = 1000


class _MentionsFound(TypedDict):
    """What SourceArticleAdmin.get_queryset annotates an article with."""

    mentions_found: int


class ImportForm(forms.Form):
    urls = forms.CharField(
        label=_("URLs"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "cols": 90}),
        help_text=_("One URL a line: news articles, reports, testimonies."),
    )
    file = forms.FileField(
        label=_("Or a saved article"),
        required=False,
        help_text=_(
            "An HTML page saved from a browser, or a text file (10 MB at most)."
        ),
    )
    label = forms.CharField(label=_("Label"), required=False, max_length=300)

    def clean_urls(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["urls"].splitlines()]
        urls = [line for line in lines if line and not line.startswith("#")]
        if len(urls) > MAX_URLS:
            raise forms.ValidationError(
                _("At most %(max)d URLs at a time."), params={"max": MAX_URLS}
            )
        # An address typed without its scheme is taken as https, as elsewhere.
        typed, urls = urls, [url if "://" in url else f"https://{url}" for url in urls]
        wrong = [
            line for line, url in zip(typed, urls, strict=True) if url_problem(url)
        ]
        if wrong:
            raise forms.ValidationError(
                _(
                    "Each line must be a web address such as "
                    "https://example.org/news/1. Not one: %(lines)s"
                ),
                params={"lines": "; ".join(wrong[:5])},
            )
        return urls

    def clean_file(self) -> UploadedFile | None:
        upload = self.cleaned_data["file"]
        if upload is not None and upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean() returns
        if not data.get("urls") and not data.get("file"):
            raise forms.ValidationError(_("Give at least one URL or a file."))
        return data


class CaptureInline(RoleAwareInlineMixin, admin.TabularInline):
    model = Capture
    extra = 0
    can_delete = False
    # A tuple: as a list it would take the type of the base's `fields` (lines
    # of names too), which readonly_fields (names only) cannot have.
    fields = (
        "fetched_at",
        "final_url",
        "status_code",
        "content_type",
        "size",
        "sha256",
    )
    readonly_fields = fields

    def has_add_permission(
        self, request: HttpRequest, obj: SourceArticle | None = None
    ) -> bool:
        return False  # captures come from fetching only, and are never edited


class LeadInline(RoleAwareInlineMixin, admin.TabularInline):
    model = Lead
    extra = 0
    can_delete = False
    fields = ("text", "person")
    readonly_fields = fields

    def has_add_permission(
        self, request: HttpRequest, obj: SourceArticle | None = None
    ) -> bool:
        return False


@admin.register(SourceArticle)
class SourceArticleAdmin(RoleAwareHistoryAdmin):
    # Django 6 will assume https for an address typed without a scheme: do so now.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "__str__",
        "publisher",
        "published_on",
        "language_shown",
        "state",
        "mention_count",
        "failure_reason",
    ]
    list_filter = ["state", "source_kind", LanguageFilter, "publisher"]
    search_fields = ["title", "url", "publisher"]
    date_hierarchy = "published_on"
    show_full_result_count = False
    inlines = [CaptureInline, LeadInline]
    readonly_fields = [
        "canonical_url",
        "text_sha256",
        "source_kind",
        "state",
        "failure_reason",
        "attempts",
        "duplicate_of",
        "import_job",
        "feed",
        "created_at",
        "updated_at",
    ]
    actions = ["import_again"]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Mentions of persons the user may not see are not counted either.
        persons = Person.objects.visible_to(request.user).values("pk")
        mentions = Count("mentions", filter=Q(mentions__person__in=persons))
        return super().get_queryset(request).annotate(mentions_found=mentions)

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(self.import_view)
        return [
            path("import/", view, name="sources_sourcearticle_import"),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Import articles from URLs or a saved file, in the background."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        posted = request.method == "POST"
        form = ImportForm(request.POST, request.FILES) if posted else ImportForm()
        if posted and form.is_valid():
            upload = form.cleaned_data["file"]
            job = start_import(
                urls=form.cleaned_data["urls"],
                uploads=[(upload.name, upload.read())] if upload else [],
                actor=request.user,
                label=form.cleaned_data["label"],
            )
            self.message_user(request, job.summary(job.progress()), messages.SUCCESS)
            url = reverse("admin:sources_importjob_change", args=[job.pk])
            return HttpResponseRedirect(url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "form": form,
            "title": _("Import articles"),
        }
        return TemplateResponse(request, "admin/sources/import.html", context)

    @admin.display(description=_("language"), ordering="language")
    def language_shown(self, article: SourceArticle) -> str:
        return language_name(article.language)

    @admin.display(description=_("mentions"), ordering="mentions_found")
    def mention_count(
        self, article: "WithAnnotations[SourceArticle, _MentionsFound]"
    ) -> int:
        return article.mentions_found

    @admin.action(
        description=_("Import the selected failed articles again"),
        permissions=["change"],
    )
    def import_again(self, request: HttpRequest, queryset: QuerySet) -> None:
        failed = queryset.filter(state=ArticleState.FAILED).exclude(url="")
        ids = list(failed.values_list("pk", flat=True))
        SourceArticle.objects.filter(pk__in=ids).update(
            state=ArticleState.QUEUED, failure_reason="", updated_at=timezone.now()
        )
        enqueue_imports(ids)
        self.message_user(request, _("%d failed articles queued again.") % len(ids))
