"""What every stored name form has: its text, script and derived search key."""

from collections.abc import Iterable
from typing import Any, ClassVar, Self, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.names import detect_script, search_key


class Script(models.TextChoices):
    """ISO 15924 codes of the scripts names are written in."""

    LATN = "Latn", _("Latin")
    CYRL = "Cyrl", _("Cyrillic")
    ARAB = "Arab", _("Arabic (Uyghur, Kazakh, Persian)")
    HANS = "Hans", _("Han (Simplified)")
    HANT = "Hant", _("Han (Traditional)")
    OTHER = "Zyyy", _("other or mixed")


_Name = TypeVar("_Name", bound="NameForm")


class NameFormQuerySet(models.QuerySet[_Name]):
    """Keep the keys derived from a name's text current on every way of writing it.

    save() derives them (NameForm.save); bulk_create() and an update() of what
    they derive from skip it, so these do the same here.
    """

    def bulk_create(
        self, objs: Iterable[_Name], *args: Any, **kwargs: Any
    ) -> list[_Name]:
        for name in objs:
            name.refresh_keys()
        names = super().bulk_create(objs, *args, **kwargs)
        # Rows inserted, not matched with stored ones, have no derived rows yet.
        inserted = not args[1:] and not (
            kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts")
        )
        self.model.write_derived_rows(names, using=self.db, replace=not inserted)
        return names

    def update(self, **kwargs: object) -> int:
        """Update the rows; a change of what keys derive from saves them one by one."""
        if not set(kwargs) & self.model.KEYED_BY:
            return super().update(**kwargs)
        names = list(self)
        for name in names:
            for field, value in kwargs.items():
                setattr(name, field, value)
            name.save(update_fields=list(kwargs), using=self.db)
        return len(names)

    def search(self, text: str) -> Self:
        """Return the name forms whose search key contains that of the text."""
        key = search_key(text)
        if not key:
            return self.none()
        return self.filter(search_key__contains=key)


class NameForm(models.Model):
    """One written form of a name (abstract: persons and facilities have them)."""

    text = models.CharField(
        _("name"),
        max_length=300,
        help_text=_("As written in the source, in its own script."),
    )
    script = models.CharField(
        _("script"),
        max_length=4,
        choices=Script,
        blank=True,
        help_text=_("Leave empty to detect it from the text."),
    )
    search_key = models.CharField(
        _("search key"), max_length=600, editable=False, db_index=True
    )

    objects = NameFormQuerySet.as_manager()

    # What the derived keys are computed from, and the columns that hold them.
    KEYED_BY: ClassVar[frozenset[str]] = frozenset({"text", "script"})
    DERIVED: ClassVar[tuple[str, ...]] = ("script", "search_key")

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Derived data, not a rule: whoever saves a name, by whatever path
        # (admin, API, bundles, merges), its keys follow its text.
        self.refresh_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], *self.DERIVED}
        super().save(*args, **kwargs)
        self.write_derived_rows([self], using=kwargs.get("using"))

    @classmethod
    def write_derived_rows(
        cls, names: list[Self], *, using: str | None, replace: bool = True
    ) -> None:
        """Write the rows derived from these saved names (none by default).

        With replace=False the names are new: there are no rows to replace.
        """

    def clean(self) -> None:
        self.text = " ".join(self.text.split())
        if any(0xD800 <= ord(char) <= 0xDFFF for char in self.text):
            # A lone surrogate cannot be stored as UTF-8 by any backend.
            raise ValidationError(
                {"text": _("The name contains a broken character; retype it.")}
            )
        if not search_key(self.text):
            raise ValidationError(
                {"text": _("A name needs at least one letter or character.")}
            )
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Derive the script (when not given) and the search key from the text."""
        if not self.script:
            self.script = detect_script(self.text)
        self.search_key = search_key(self.text)
