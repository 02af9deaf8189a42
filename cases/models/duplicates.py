"""Pairs of persons that may be one person entered twice, for review."""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .persons import Person

if TYPE_CHECKING:
    # settings.AUTH_USER_MODEL, as the mypy plugin resolves it.
    from django.contrib.auth.models import User

__all__ = ["DuplicateCandidate", "DuplicateStatus"]


class DuplicateStatus(models.TextChoices):
    OPEN = "open", _("to review")
    DISMISSED = "dismissed", _("not the same person")
    MERGED = "merged", _("merged")


class DuplicateCandidateQuerySet(models.QuerySet):
    def open(self) -> "DuplicateCandidateQuerySet":
        """Return the pairs nobody has decided on yet."""
        return self.filter(status=DuplicateStatus.OPEN)


class DuplicateCandidate(models.Model):
    """Two persons whose names and facts suggest they are one person.

    Found by cases.duplicates.find_duplicate_persons; only a case worker
    merges or dismisses them.
    """

    person_a = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person A"),
    )
    person_b = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person B"),
    )
    score = models.FloatField(_("score"))
    evidence = models.JSONField(
        _("evidence"),
        default=dict,
        help_text=_("The best pair of names with its explanation, and the facts."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DuplicateStatus,
        default=DuplicateStatus.OPEN,
        db_index=True,
    )
    found_at = models.DateTimeField(_("found"), auto_now=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    objects = DuplicateCandidateQuerySet.as_manager()

    class Meta:
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")
        ordering = ["-score", "person_a", "person_b"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person_a__lt=models.F("person_b")),
                name="duplicate_pair_ordered",
                violation_error_message=_("Person A must have the lower id."),
            ),
            models.UniqueConstraint(
                fields=["person_a", "person_b"], name="duplicate_pair_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ~ {self.person_b} ({self.score:.2f})"

    def dismiss(self, *, actor: "User | None") -> None:
        """Record that the two are different persons; finding them again keeps it."""
        self.status = DuplicateStatus.DISMISSED
        self.decided_by = actor
        self.save(update_fields=["status", "decided_by"])
