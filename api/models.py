"""API tokens: one per tool or person, revocable, stored only as a hash."""

import datetime
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ApiToken"]

PREFIX_LENGTH = 8
# How stale last_used_at may get: a write per request would cost more than it says.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def new_secret() -> str:
    """Return a random secret that does not begin with "-".

    A command line reads "-abc" as an option: one secret in 64 would otherwise
    have a prefix that `revoke_api_token PREFIX` cannot take as written.
    """
    secret = secrets.token_urlsafe(32)
    while secret.startswith("-"):
        secret = secrets.token_urlsafe(32)
    return secret


def hash_secret(secret: str) -> str:
    """Return the SHA-256 of a secret (32 random bytes need no slow hash)."""
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def issue(
        self,
        *,
        user: models.Model,
        name: str = "",
        expires_in_days: int | None = None,
        read_only: bool = True,
    ) -> tuple["ApiToken", str]:
        """Create a token and return it with its secret, which is never stored."""
        secret = new_secret()
        expires_at = None
        if expires_in_days is not None:
            expires_at = timezone.now() + datetime.timedelta(days=expires_in_days)
        token = self.create(
            user=user,
            name=name,
            prefix=secret[:PREFIX_LENGTH],
            secret_sha256=hash_secret(secret),
            expires_at=expires_at,
            read_only=read_only,
        )
        return token, secret

    def find(self, secret: str) -> "ApiToken | None":
        """Return the usable token whose secret this is, with its user, or None."""
        digest, now = hash_secret(secret), timezone.now()
        candidates = self.select_related("user").filter(prefix=secret[:PREFIX_LENGTH])
        for token in candidates:
            if token.is_usable(now) and hmac.compare_digest(
                token.secret_sha256, digest
            ):
                return token
        return None


class ApiToken(models.Model):
    """A secret that authenticates one user's tool or script to the API."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("user"),
    )
    name = models.CharField(
        _("name"),
        max_length=100,
        blank=True,
        help_text=_("What the token is for, such as the partner or script using it."),
    )
    prefix = models.CharField(
        _("prefix"),
        max_length=PREFIX_LENGTH,
        db_index=True,
        editable=False,
        help_text=_("The first characters of the secret, to recognise the token."),
    )
    secret_sha256 = models.CharField(
        _("SHA-256 of the secret"), max_length=64, unique=True, editable=False
    )
    read_only = models.BooleanField(
        _("read only"),
        default=True,
        help_text=_("A read-only token can look but never change anything."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.name or self.user})"

    def is_usable(self, now: datetime.datetime) -> bool:
        """Say whether the token is neither revoked nor expired at this time."""
        return self.revoked_at is None and (
            self.expires_at is None or self.expires_at > now
        )

    def revoke(self) -> None:
        """Refuse the token from now on."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])

    def touch(self) -> None:
        """Record a use, writing at most once per LAST_USED_RESOLUTION."""
        now = timezone.now()
        if self.last_used_at and now - self.last_used_at < LAST_USED_RESOLUTION:
            return
        # Conditional, so that concurrent requests write once between them.
        stale = models.Q(last_used_at__isnull=True) | models.Q(
            last_used_at__lt=now - LAST_USED_RESOLUTION
        )
        ApiToken.objects.filter(stale, pk=self.pk).update(last_used_at=now)
        self.last_used_at = now
