"""RSS and Atom feeds polled for new articles."""

from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["Feed"]


class FeedQuerySet(models.QuerySet):
    def active(self) -> "FeedQuerySet":
        return self.filter(active=True)


class Feed(models.Model):
    """A feed polled by Celery beat, with conditional GET."""

    url = models.URLField(_("URL"), max_length=2000, unique=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    active = models.BooleanField(_("polled"), default=True, db_index=True)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(_("last polled"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = FeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("feed")
        verbose_name_plural = _("feeds")
        ordering = ["title", "url"]

    def __str__(self) -> str:
        return self.title or self.url
