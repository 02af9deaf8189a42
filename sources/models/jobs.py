"""Import jobs: a batch of articles imported together, and its progress."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .articles import ArticleState

__all__ = ["ImportJob", "NameSweep"]

# The states of an article the import has not finished with yet.
UNDER_WAY = (ArticleState.QUEUED, ArticleState.FETCHED, ArticleState.EXTRACTED)


class ImportJob(models.Model):
    """A batch of URLs or files imported together, with progress counts."""

    label = models.CharField(_("label"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    # Every article the job asked for, including those imported before it
    # (a known URL is not imported twice, but the job still counts it).
    articles = models.ManyToManyField(
        "sources.SourceArticle",
        blank=True,
        related_name="import_jobs",
        verbose_name=_("articles"),
    )

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        if self.label or self.created_at is None:
            return self.label or str(_("a new import"))
        started = formats.date_format(
            timezone.localtime(self.created_at), "SHORT_DATETIME_FORMAT"
        )
        return _("Import of %(started)s") % {"started": started}

    def is_running(self, counts: dict[str, int]) -> bool:
        """Say whether some of the job's articles are still on their way."""
        return any(counts.get(state, 0) for state in UNDER_WAY)

    def summary(self, counts: dict[str, int]) -> str:
        """Say in words what happened to the job, from its progress() counts."""
        total, failed = counts.get("total", 0), counts.get(ArticleState.FAILED, 0)
        if not total:
            return str(_("Nothing to import."))
        if self.is_running(counts):
            done = total - sum(counts.get(state, 0) for state in UNDER_WAY)
            return _("Running: %(done)d of %(total)d articles done so far.") % {
                "done": done,
                "total": total,
            }
        if failed == total:
            return ngettext(
                "Failed: the article could not be imported.",
                "Failed: none of the %(total)d articles could be imported.",
                total,
            ) % {"total": total}
        return _("Finished: %(imported)d imported, %(failed)d failed.") % {
            "imported": total - failed,
            "failed": failed,
        }

    def progress(self) -> dict[str, int]:
        """Count the job's articles in each state, and in all."""
        counts = self.articles.aggregate(
            total=Count("id"),
            **{
                state: Count("id", filter=Q(state=state))
                for state in ArticleState.values
            },
        )
        return {key: value or 0 for key, value in counts.items()}


class NameSweep(models.Model):
    """How far the search of old articles for newly added name forms has got.

    One row. Name forms with a larger id than `last_name_id` are new: a
    periodic task searches the imported articles for them, so that a case
    entered today finds last year's articles, whatever path added the name.
    """

    last_name_id = models.BigIntegerField(default=0)
    swept_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("name sweep")

    def __str__(self) -> str:
        return f"names up to #{self.last_name_id}"
