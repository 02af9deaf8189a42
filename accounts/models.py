"""Per-user session generations: what "log out everywhere" changes."""

from django.conf import settings
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

__all__ = ["LanguagePreference", "SessionGeneration"]


class SessionGenerationQuerySet(models.QuerySet):
    def number_for(self, user_id: int) -> int:
        """Return the user's current generation (0 until they first log out
        everywhere)."""
        number = self.filter(user_id=user_id).values_list("number", flat=True).first()
        return number or 0

    def advance(self, user_id: int) -> int:
        """Start a new generation for the user, ending every older session."""
        self.get_or_create(user_id=user_id)
        # One UPDATE: two concurrent calls both count, neither is lost.
        self.filter(user_id=user_id).update(number=F("number") + 1)
        return self.number_for(user_id)


class SessionGeneration(models.Model):
    """A counter each session remembers at login; a newer one ends the session."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="session_generation",
        verbose_name=_("user"),
    )
    number = models.PositiveBigIntegerField(
        _("generation"),
        default=0,
        help_text=_("Sessions opened under an older generation are ended."),
    )

    objects = SessionGenerationQuerySet.as_manager()

    class Meta:
        verbose_name = _("session generation")
        verbose_name_plural = _("session generations")

    def __str__(self) -> str:
        return f"{self.user} ({self.number})"


class LanguagePreference(models.Model):
    """The language a user chose for the interface, on every device."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="language_preference",
        verbose_name=_("user"),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self) -> str:
        return f"{self.user}: {self.language}"
