"""What every stored name form has: its text, script and derived search key."""

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


class NameFormQuerySet(models.QuerySet):
    """Fill in derived keys on every path that skips clean()."""

    def create(self, **kwargs):  # type: ignore[no-untyped-def]
        name = self.model(**kwargs)
        name.refresh_keys()
        name.save(force_insert=True, using=self.db)
        return name

    def bulk_create(self, objs, *args, **kwargs):  # type: ignore[no-untyped-def]
        for name in objs:
            name.refresh_keys()
        return super().bulk_create(objs, *args, **kwargs)

    def search(self, text: str) -> "NameFormQuerySet":
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

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.text

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
