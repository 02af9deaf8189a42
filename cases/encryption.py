"""Sensitive text encrypted at rest with Fernet keys from the environment."""

from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import FieldDoesNotExist, FieldError, ImproperlyConfigured
from django.db import models
from django.db.models import Lookup
from django.db.models.constants import LOOKUP_SEP
from django.db.models.lookups import Exact
from django.test.signals import setting_changed
from django.utils.translation import gettext_lazy as _

__all__ = [
    "EncryptedTextField",
    "current_key_fernet",
    "fernet",
    "reaches_sensitive_field",
    "sensitive_fields",
]


@cache
def _fernets() -> tuple[Fernet, ...]:
    keys = settings.FIELD_ENCRYPTION_KEYS
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is empty.")
    try:
        return tuple(Fernet(key) for key in keys)
    except (TypeError, ValueError):
        # Say which setting is wrong, but never quote a key.
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS holds a value that is not a Fernet key "
            "(32 url-safe base64-encoded bytes)."
        ) from None


def fernet() -> MultiFernet:
    """Return the FIELD_ENCRYPTION_KEYS, newest (the one that encrypts) first."""
    return MultiFernet(_fernets())


def current_key_fernet() -> Fernet:
    """Return the Fernet of the first key alone, to tell which tokens it encrypted."""
    return _fernets()[0]


def _forget_keys(*, setting: str, **kwargs: Any) -> None:
    # override_settings() in tests changes the keys under the cache.
    if setting == "FIELD_ENCRYPTION_KEYS":
        _fernets.cache_clear()


setting_changed.connect(_forget_keys)


@checks.register(checks.Tags.security)
def check_keys(**kwargs: Any) -> list[checks.CheckMessage]:
    """Refuse to start with keys that could neither encrypt nor decrypt."""
    try:
        _fernets()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="cases.E001")]
    return []


class RecordedLookup(Exact):
    """Equality with "" only: whether anything is recorded.

    Two encryptions of the same text differ, so any other comparison would
    silently match nothing.
    """

    def get_prep_lookup(self) -> Any:
        if not isinstance(self.rhs, str) or self.rhs:
            field = self.lhs.target
            raise FieldError(
                f"{field.model.__name__}.{field.name} is encrypted: it can only be "
                "compared with '' (nothing recorded)."
            )
        return super().get_prep_lookup()


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token: authenticated, and unreadable without a key.

    The empty string stays empty so that "nothing recorded" needs no key. Such a
    field cannot be searched, filtered or ordered on in the database: the only
    lookups are `isnull` and equality with "" (whether anything is recorded).
    """

    description = "Text encrypted with Fernet"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", _("Sensitive: encrypted at rest, shown only to case workers.")
        )
        super().__init__(*args, **kwargs)

    def get_lookup(self, lookup_name: str) -> type[Lookup] | None:
        # Any other lookup would compare ciphertext and silently match nothing.
        if lookup_name == "exact":
            return RecordedLookup
        if lookup_name == "isnull":
            return super().get_lookup(lookup_name)
        return None

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return fernet().encrypt(value.encode()).decode("ascii")

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        try:
            return fernet().decrypt(value.encode()).decode()
        except InvalidToken:
            # Never echo the stored value: it may be plaintext that leaked in.
            raise ImproperlyConfigured(
                f"{self.model.__name__}.{self.name} holds a value none of "
                "FIELD_ENCRYPTION_KEYS can decrypt: a key is missing, or the "
                "value was changed outside CaseTracker."
            ) from None


def sensitive_fields(model: type[models.Model]) -> set[str]:
    """Return the names of a model's sensitive fields: those encrypted at rest."""
    return {
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
    }


def reaches_sensitive_field(model: type[models.Model], path: str) -> bool:
    """Return whether a field name or lookup path reaches an encrypted field."""
    for part in path.split(LOOKUP_SEP):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return False  # an admin method, or a lookup such as __startswith
        if isinstance(field, EncryptedTextField):
            return True
        if not field.is_relation:
            return False
        related = field.related_model
        if related is None or isinstance(related, str):
            # A generic foreign key leads to no one model ('self' is resolved
            # once the models are loaded): no field is reached through it.
            return False
        model = related
    return False
