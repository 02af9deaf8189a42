"""Every written form of a person's name, and the keys it is found by."""

from collections.abc import Iterable
from typing import ClassVar, Self

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cases.db import bulk_insert
from cases.names import sorted_letters
from cases.names.normalise import analyse

from .name_keys import PersonNameKey, key_columns
from .names import NameForm, NameFormQuerySet

__all__ = ["NameKind", "PersonName"]

_SYNC_BATCH = 500
_MAX_QUERY_PARTS = 6


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("primary")
    ALIAS = "alias", _("alias")
    TRANSLITERATION = "transliteration", _("transliteration")
    PATRONYMIC = "patronymic", _("with patronymic")
    OFFICIAL_CHINESE = "official_chinese", _("official Chinese form")


class PersonNameQuerySet(NameFormQuerySet["PersonName"]):
    """Name forms of persons, whose lookup keys (PersonNameKey) follow them."""

    def active(self) -> "PersonNameQuerySet":
        """Return the forms of persons not merged into another person.

        An anti-join on the few merged persons, as PersonNameKey's active().
        """
        # The key's related_model: Django takes it from remote_field.model.
        person = self.model._meta.get_field("person").remote_field.model
        merged = person._base_manager.filter(merged_into__isnull=False).values("pk")
        return self.exclude(person_id__in=merged)

    def sync_keys(self, names: Iterable["PersonName"], *, replace: bool = True) -> None:
        """Rewrite the lookup keys of these name forms from their text.

        Every ORM write does it (NameForm.save, NameFormQuerySet); call it
        yourself only after raw SQL or a migration's historical models. With
        replace=False the forms were just inserted: there are no keys to delete.
        """
        names = [name for name in names if name.pk]
        for start in range(0, len(names), _SYNC_BATCH):
            batch = names[start : start + _SYNC_BATCH]
            if replace:
                PersonNameKey.objects.using(self.db).filter(
                    name_id__in=[name.pk for name in batch]
                ).delete()
            # As columns, not models: an import writes hundreds of thousands.
            bulk_insert(PersonNameKey.objects.using(self.db), key_columns(batch))

    def person_ids_matching(self, text: str) -> models.QuerySet:
        """Return the ids of persons with a name form matching the text, any script.

        Every word of the text must match a word of one name form: the same
        spelling in any script, the start of it (unfinished typing), or a
        word that sounds alike. Multi-part and Chinese-script queries also
        find what the name matcher calls the same person (typos, dropped
        letters). Only indexed keys are read. The admin search and the API's
        ?q= both use this.
        """
        parts = analyse(text)[:_MAX_QUERY_PARTS]
        if not parts:
            return self.none().values("person_id")
        names = PersonNameKey.objects.name_ids_matching(parts)
        if len(parts) > 1 or any(part.is_han for part in parts):
            # Imported here: cases.candidates builds on these models.
            from cases.candidates import find_candidates

            found = [c.name_form.pk for c in find_candidates(text=text)]
            # A UNION, not an OR: an OR of the two would scan every name form.
            names = names.union(
                PersonNameKey.objects.filter(name_id__in=found).values("name_id")
            )
        return self.filter(pk__in=names).values("person_id")


class PersonName(NameForm):
    """One form of a person's name: primary, alias, transliteration..."""

    person = models.ForeignKey(
        "Person",
        on_delete=models.CASCADE,
        related_name="names",
        verbose_name=_("person"),
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=NameKind, default=NameKind.PRIMARY
    )
    language = models.CharField(
        _("language"),
        max_length=12,
        blank=True,
        help_text=_("BCP 47 code, for example kk, ug, ru, zh, en, tr."),
    )
    # Only forms with the same sorted letters can be the very same name
    # (cases.names.score_ceiling): an exact spelling is found by this index.
    letters = models.CharField(
        _("sorted letters"), max_length=300, editable=False, db_index=True
    )

    objects = PersonNameQuerySet.as_manager()  # type: ignore[misc]  # django-stubs #1713: overriding an abstract base's manager
    history = HistoricalRecords()

    KEYED_BY: ClassVar[frozenset[str]] = NameForm.KEYED_BY | {"person", "person_id"}
    DERIVED: ClassVar[tuple[str, ...]] = (*NameForm.DERIVED, "letters")

    class Meta:
        verbose_name = _("name form")
        verbose_name_plural = _("name forms")
        constraints = [
            models.UniqueConstraint(
                "person",
                Lower("text"),
                name="personname_unique_text_per_person",
                violation_error_message=_("This person has this name form already."),
            )
        ]
        indexes = [models.Index(fields=["person", "kind"])]

    def refresh_keys(self) -> None:
        """Derive the script, the search key and the sorted letters from the text."""
        super().refresh_keys()
        self.letters = sorted_letters(self.text)

    @classmethod
    def write_derived_rows(
        cls, names: list[Self], *, using: str | None, replace: bool = True
    ) -> None:
        """Rewrite the saved forms' lookup keys (PersonNameKey)."""
        cls.objects.using(using).sync_keys(names, replace=replace)
