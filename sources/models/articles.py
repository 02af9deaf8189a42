"""Source articles and the citations that tie them to cases."""

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.models import Case, Detention, StateClaim, Step

if TYPE_CHECKING:
    # The user model (AUTH_USER_MODEL), as the plugin types its ForeignKeys.
    from django.contrib.auth.models import User

__all__ = ["ArticleState", "Citation", "SourceArticle", "SourceKind"]


class ArticleState(models.TextChoices):
    """Where an article is on its way through the import."""

    QUEUED = "queued", _("queued")
    FETCHED = "fetched", _("fetched")
    EXTRACTED = "extracted", _("extracted")
    MATCHED = "matched", _("matched")
    FAILED = "failed", _("failed")
    DUPLICATE = "duplicate", _("duplicate of another article")


class SourceKind(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    URL = "url", _("imported from a URL")
    FILE = "file", _("imported from a file")
    FEED = "feed", _("imported from a feed")


class SourceArticleQuerySet(models.QuerySet):
    def failed(self) -> "SourceArticleQuerySet":
        return self.filter(state=ArticleState.FAILED)

    def matched(self) -> "SourceArticleQuerySet":
        return self.filter(state=ArticleState.MATCHED)


_NOT_INDEXED = [
    "uid", "url", "publisher", "published_on", "language", "source_kind", "state",
    "duplicate_of", "feed", "import_job",
]  # fmt: skip


class SourceArticle(models.Model):
    """A news article, report or testimony that speaks of our cases."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    url = models.URLField(_("URL"), max_length=2000, blank=True)
    canonical_url = models.CharField(
        _("canonical URL"),
        max_length=2000,
        blank=True,
        editable=False,
        help_text=_("The URL without tracking parameters: one article per URL."),
    )
    title = models.CharField(_("title"), max_length=500, blank=True)
    author = models.CharField(_("author"), max_length=300, blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    published_on = models.DateField(
        _("published on"), null=True, blank=True, db_index=True
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        help_text=_("BCP 47 code, e.g. en."),
    )
    text = models.TextField(_("text"), blank=True)
    text_sha256 = models.CharField(
        _("SHA-256 of the text"), max_length=64, blank=True, editable=False
    )
    source_kind = models.CharField(
        _("entered as"),
        max_length=10,
        choices=SourceKind,
        default=SourceKind.MANUAL,
    )
    state = models.CharField(
        _("import state"),
        max_length=10,
        choices=ArticleState,
        default=ArticleState.EXTRACTED,
    )
    failure_reason = models.CharField(
        _("why the import failed"), max_length=500, blank=True
    )
    attempts = models.PositiveSmallIntegerField(_("fetch attempts"), default=0)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("same text as"),
    )
    feed = models.ForeignKey(
        "sources.Feed",
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("feed"),
    )
    feed_entry_id = models.CharField(_("feed entry id"), max_length=2000, blank=True)
    # The job that first queued the article; every job that asked for it,
    # known already or not, holds it in ImportJob.articles.
    import_job = models.ForeignKey(
        "sources.ImportJob",
        on_delete=models.SET_NULL,
        db_index=False,
        null=True,
        blank=True,
        related_name="queued_articles",
        verbose_name=_("import job"),
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SourceArticleQuerySet.as_manager()
    # A history row is read by its article (id) and date: indexing it like the
    # article would make every save of an article (the import's extraction
    # step saves one) update a dozen more indexes.
    history = HistoricalRecords(excluded_fields=["text"], no_db_index=_NOT_INDEXED)

    class Meta:
        verbose_name = _("source article")
        verbose_name_plural = _("source articles")
        ordering = ["-published_on", "-id"]
        # Plain indexes for the admin's and the API's filters (no LIKE
        # indexes: nothing searches these columns by prefix). The links to
        # other records are mostly empty; their indexes hold the set ones.
        indexes = [
            models.Index(fields=["state"], name="article_state"),
            models.Index(fields=["source_kind"], name="article_source_kind"),
            models.Index(fields=["language"], name="article_language"),
            models.Index(fields=["publisher"], name="article_publisher"),
            models.Index(
                fields=["duplicate_of"],
                condition=models.Q(duplicate_of__isnull=False),
                name="article_duplicate_of",
            ),
            models.Index(
                fields=["feed"],
                condition=models.Q(feed__isnull=False),
                name="article_feed",
            ),
            models.Index(
                fields=["import_job"],
                condition=models.Q(import_job__isnull=False),
                name="article_import_job",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~models.Q(canonical_url=""),
                name="article_unique_canonical_url",
            ),
            models.UniqueConstraint(
                fields=["text_sha256"],
                condition=~models.Q(text_sha256=""),
                name="article_unique_text",
            ),
        ]

    def __str__(self) -> str:
        title = self.title or self.url or f"Article {self.pk}"
        if self.publisher and self.published_on:
            return f"{title} ({self.publisher}, {self.published_on})"
        return title

    def advance(self, current: str, following: str) -> bool:
        """Move from one import state to the next, unless another worker did."""
        moved = SourceArticle.objects.filter(pk=self.pk, state=current).update(
            state=following, updated_at=timezone.now()
        )
        if moved:
            self.state = following
        else:
            self.refresh_from_db(fields=["state"])
        return bool(moved)

    def mark_failed(self, reason: str) -> None:
        """Record that the import failed and why (shown to case workers)."""
        self.state = ArticleState.FAILED
        self.failure_reason = reason[:500]
        self.save(update_fields=["state", "failure_reason", "updated_at"])

    def queue_again(self) -> None:
        """Queue a failed import to be fetched anew; its history keeps the failure."""
        self.state = ArticleState.QUEUED
        self.failure_reason = ""
        self.save(update_fields=["state", "failure_reason", "updated_at"])

    def mark_duplicate(self, *, of: "SourceArticle") -> None:
        """Record that this article's text is that of another article."""
        self.state = ArticleState.DUPLICATE
        self.duplicate_of = of
        self.failure_reason = ""
        self.save(
            update_fields=["state", "duplicate_of", "failure_reason", "updated_at"]
        )

    def count_attempt(self) -> None:
        SourceArticle.objects.filter(pk=self.pk).update(attempts=F("attempts") + 1)


class Citation(models.Model):
    """A source for a case, or for one detention of the case."""

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.PROTECT,
        related_name="citations",
        verbose_name=_("article"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="citations", verbose_name=_("case")
    )
    detention = models.ForeignKey(
        Detention,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("detention"),
        help_text=_("Leave empty when the source speaks of the case as a whole."),
    )
    step = models.ForeignKey(
        Step,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("step taken"),
        help_text=_("Set when the source speaks of a step taken to find the person."),
    )
    state_claim = models.ForeignKey(
        StateClaim,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
        verbose_name=_("state claim"),
        help_text=_("Set when the source reports a claim of the state."),
    )
    quote = models.TextField(_("quote"), blank=True)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    history = HistoricalRecords()
    # Set before a save or delete, for simple_history's next version: who made
    # the change, and why (declared only; simple_history reads them).
    _history_user: "User | None"
    _change_reason: str

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")

    def __str__(self) -> str:
        return f"{self.article} → {self.case.reference}"

    def clean(self) -> None:
        if not self.case_id:
            return
        parts = {
            "detention": _("This detention belongs to another case."),
            "step": _("This step belongs to another case."),
            "state_claim": _("This state claim belongs to another case."),
        }
        errors = {
            name: message
            for name, message in parts.items()
            if getattr(self, f"{name}_id")
            and getattr(self, name).case_id != self.case_id
        }
        if errors:
            raise ValidationError(errors)
