"""The access log: who looked at or exported what, and who was refused. Append-only."""

from typing import Any, NoReturn

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["AccessAction", "AccessLogEntry", "AppendOnlyError", "Channel"]


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an access log entry."""

    def __init__(self) -> None:
        super().__init__("The access log is append-only: entries are never changed.")


class AccessAction(models.TextChoices):
    VIEWED = "viewed", _("viewed")
    HISTORY = "history", _("viewed the history")
    EXPORTED = "exported", _("exported")
    DENIED = "denied", _("refused (shown as not found)")


class Channel(models.TextChoices):
    ADMIN = "admin", _("admin")
    API = "api", _("API")


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    def delete(self) -> NoReturn:
        raise AppendOnlyError


class AccessLogEntry(models.Model):
    """One look at, or export of, protected records; or a refused attempt.

    Entries name records by reference, uid or id, never by a name or any other
    value of the record, and never with the query string that selected them.
    """

    at = models.DateTimeField(
        _("when"), default=timezone.now, editable=False, db_index=True
    )
    # PROTECT: a user who has entries is deactivated, never deleted, so that
    # the log keeps saying who it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="access_log_entries",
        verbose_name=_("user"),
    )
    username = models.CharField(
        _("username"),
        max_length=150,
        blank=True,
        editable=False,
        help_text=_("The username at the time, kept if the account is renamed."),
    )
    action = models.CharField(
        _("action"), max_length=10, choices=AccessAction, editable=False
    )
    object_type = models.CharField(
        _("type of record"),
        max_length=100,
        editable=False,
        help_text=_("Such as cases.case, or cases.relative."),
    )
    object_ref = models.CharField(
        _("record"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Its reference, uid or id; empty for an export of a list."),
    )
    case_reference = models.CharField(
        _("case"),
        max_length=30,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_("The case the record is or belongs to, if any."),
    )
    rows = models.PositiveIntegerField(
        _("rows"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("How many records an export held."),
    )
    channel = models.CharField(
        _("channel"), max_length=5, choices=Channel, editable=False
    )
    client_address = models.GenericIPAddressField(
        _("client address"), null=True, blank=True, editable=False
    )

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-id"]
        # Nobody may add, change or delete entries by hand: only view them.
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username or '?'} {self.summary}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError

    @property
    def summary(self) -> str:
        """Say what happened in words, as "viewed case CT-2021-0003"."""
        try:
            names = apps.get_model(self.object_type)._meta
        except (LookupError, ValueError):
            kind = str(_("record"))
        else:
            kind = str(
                names.verbose_name if self.object_ref else names.verbose_name_plural
            )
        what = _("%(action)s %(kind)s %(record)s") % {
            "action": self.get_action_display(),
            "kind": kind,
            "record": self.object_ref,
        }
        return what.strip()
