"""Captures: the bytes of an article as fetched, kept unchanged as evidence."""

import hashlib

from django.core.files.storage import Storage, storages
from django.db import models
from django.utils.translation import gettext_lazy as _

from .articles import SourceArticle

__all__ = ["Capture"]


def evidence_storage() -> Storage:
    """Return the storage for captures (settings.STORAGES["evidence"])."""
    return storages["evidence"]


class Capture(models.Model):
    """One fetch (or upload) of an article: its bytes, hash, headers and time.

    The body is stored once per SHA-256 (content-addressed) and a WARC record of
    the exchange beside it. A capture is never modified: a changed page adds one.
    """

    article = models.ForeignKey(
        SourceArticle,
        on_delete=models.PROTECT,
        related_name="captures",
        verbose_name=_("article"),
    )
    requested_url = models.CharField(_("requested URL"), max_length=2000, blank=True)
    final_url = models.CharField(_("final URL"), max_length=2000, blank=True)
    status_code = models.PositiveSmallIntegerField(_("HTTP status"), null=True)
    headers = models.JSONField(_("response headers"), default=list)
    content_type = models.CharField(_("content type"), max_length=200, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"))
    sha256 = models.CharField(_("SHA-256 of the body"), max_length=64, db_index=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    body = models.FileField(_("body"), max_length=300, storage=evidence_storage)
    warc = models.FileField(_("WARC record"), max_length=300, storage=evidence_storage)

    class Meta:
        verbose_name = _("capture")
        verbose_name_plural = _("captures")
        ordering = ["-fetched_at", "-id"]
        get_latest_by = "fetched_at"
        constraints = [
            models.UniqueConstraint(
                fields=["article", "sha256"], name="capture_once_per_body"
            )
        ]

    def __str__(self) -> str:
        where = self.final_url or self.requested_url
        return f"{where} at {self.fetched_at:%Y-%m-%d %H:%M}"

    def header(self, name: str) -> str:
        """Return a response header's value (the first, any case), or ""."""
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), "")

    def read_body(self) -> bytes:
        with self.body.open("rb") as stored:
            return stored.read()

    def verify(self) -> bool:
        """Say whether the stored body still hashes to the recorded SHA-256."""
        digest = hashlib.sha256()
        with self.body.open("rb") as stored:
            for chunk in iter(lambda: stored.read(1 << 16), b""):
                digest.update(chunk)
        return digest.hexdigest() == self.sha256
