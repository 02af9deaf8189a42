"""The record of a merge of two persons, from which it can be undone."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .person_names import PersonName
from .persons import Person

__all__ = ["PersonMerge"]


class PersonMerge(models.Model):
    """One person merged into another: what moved, so that it can be undone.

    `moves` lists every row that was repointed, as {"model": app label,
    "pk": ..., "field": attname, "old": ...}; `kept` lists rows left on the
    duplicate because the survivor already had their equal (the same name
    form, a relative of the same case), with the survivor's row they equal.
    """

    keep = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kept person"),
    )
    duplicate = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("merged duplicate"),
    )
    moves = models.JSONField(_("moved rows"), default=list, editable=False)
    kept = models.JSONField(_("rows left on the duplicate"), default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("merged by"),
    )
    merged_at = models.DateTimeField(_("merged at"), auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("undone by"),
    )
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("merge of persons")
        verbose_name_plural = _("merges of persons")
        ordering = ["-merged_at", "-id"]

    def __str__(self) -> str:
        return _("%(duplicate)s merged into %(keep)s") % {
            "duplicate": self.duplicate_name(),
            "keep": self.keep,
        }

    def duplicate_name(self) -> str:
        """Name the duplicate as it was named before the merge took its names."""
        if self.undone:
            return str(self.duplicate)
        moved = [m["pk"] for m in self.moves if m.get("model") == "cases.personname"]
        first = PersonName.objects.filter(pk__in=moved).order_by("id").first()
        return first.text if first is not None else str(self.duplicate)

    @property
    def undone(self) -> bool:
        """Return whether the merge has been undone."""
        return self.undone_at is not None
