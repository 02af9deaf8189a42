"""Sensitive text encrypted at rest with Fernet keys from the environment."""

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["EncryptedTextField", "current_key_fernet", "fernet"]


@cache
def fernet() -> MultiFernet:
    """Return the FIELD_ENCRYPTION_KEYS, newest (the one that encrypts) first."""
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError:
        # The message would quote no key, but say which setting is wrong.
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key."
        ) from None


def current_key_fernet() -> Fernet:
    """Return the Fernet of the first key alone, to tell which tokens it encrypted."""
    return Fernet(settings.FIELD_ENCRYPTION_KEYS[0])


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token: authenticated, and unreadable without a key.

    The empty string stays empty so that "nothing recorded" needs no key. Such a
    field cannot be searched, filtered or ordered on in the database.
    """

    description = "Text encrypted with Fernet"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", _("Sensitive: encrypted at rest, shown only to case workers.")
        )
        super().__init__(*args, **kwargs)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return fernet().encrypt(value.encode()).decode("ascii")

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value in (None, ""):
            return value
        try:
            return fernet().decrypt(value.encode("ascii")).decode()
        except InvalidToken:
            # Never echo the stored value: it may be plaintext that leaked in.
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{self.name} holds a value none of "
                "FIELD_ENCRYPTION_KEYS can decrypt."
            ) from None
