"""Persons the records are about."""

import uuid
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords

from cases.dates import Precision, format_date, truncate_dates
from cases.encryption import EncryptedTextField

from .person_names import NameKind, PersonName

if TYPE_CHECKING:
    from cases.access import User

__all__ = ["Ethnicity", "Gender", "Person"]

NAMELESS = _(
    "Give at least one name form, or a description such as “younger brother "
    "of Baibolat Kunbolat, name not known”."
)


class Gender(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


class Ethnicity(models.TextChoices):
    UYGHUR = "uyghur", _("Uyghur")
    KAZAKH = "kazakh", _("Kazakh")
    KYRGYZ = "kyrgyz", _("Kyrgyz")
    HUI = "hui", _("Hui")
    UZBEK = "uzbek", _("Uzbek")
    TAJIK = "tajik", _("Tajik")
    TATAR = "tatar", _("Tatar")
    HAN = "han", _("Han")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


def display_name_of(person: str) -> Coalesce:
    """Return an expression of the display_name of the person a lookup names."""
    names = PersonName.objects.filter(person=models.OuterRef(person)).order_by(
        models.Case(
            models.When(kind=NameKind.PRIMARY, then=0),
            default=1,
            output_field=models.IntegerField(),
        ),
        "id",
    )
    return Coalesce(
        models.Subquery(names.values("text")[:1]),
        models.F(f"{person}__description"),
        models.Value(""),
    )


class PersonQuerySet(models.QuerySet):
    def active(self) -> "PersonQuerySet":
        """Return the persons not merged into another person."""
        return self.filter(merged_into__isnull=True)

    def visible_to(self, user: "User") -> "PersonQuerySet":
        """Return the persons this user may know exist (cases.access): named in no
        hidden case, and not known only in a role the user may not view.
        """
        from cases import access  # access reads the models

        return access.visible_persons(self, user)


class Person(models.Model):
    """Anyone the records are about: a missing person, a relative, a witness."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who the person is when no name is known, such as “younger brother "
            "of Baibolat Kunbolat, name not known”."
        ),
    )
    gender = models.CharField(
        _("gender"),
        max_length=10,
        choices=Gender,
        default=Gender.UNKNOWN,
        db_index=True,
    )
    ethnicity = models.CharField(
        _("ethnicity"),
        max_length=10,
        choices=Ethnicity,
        default=Ethnicity.UNKNOWN,
        db_index=True,
    )
    birth_date = models.DateField(
        _("birth date"),
        null=True,
        blank=True,
        help_text=_(
            "For a year or a month only, enter any day of it and say so below."
        ),
    )
    birth_date_precision = models.CharField(
        _("birth date known to the"),
        max_length=5,
        choices=Precision,
        default=Precision.DAY,
    )
    age_min = models.PositiveSmallIntegerField(_("age from"), null=True, blank=True)
    age_max = models.PositiveSmallIntegerField(_("age to"), null=True, blank=True)
    age_as_of = models.DateField(
        _("age as of"),
        null=True,
        blank=True,
        help_text=_("When the birth date is unknown: the age range held on this day."),
    )
    citizenship = CountryField(_("citizenship"), blank=True)
    origin_prefecture = models.CharField(
        _("prefecture of origin"), max_length=200, blank=True
    )
    origin_county = models.CharField(_("county of origin"), max_length=200, blank=True)
    origin_township = models.CharField(
        _("township or village of origin"), max_length=200, blank=True
    )
    occupation = models.CharField(_("occupation"), max_length=200, blank=True)
    id_document_number = EncryptedTextField(
        _("identity document number"),
        blank=True,
    )
    home_address = EncryptedTextField(
        _("exact address"),
        blank=True,
    )
    notes = models.TextField(_("notes"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="photos/%Y/", blank=True)
    photo_provenance = models.CharField(
        _("photo provenance"),
        max_length=500,
        blank=True,
        help_text=_("Who gave or published the photo, and when."),
    )
    photo_may_not_depict = models.BooleanField(
        _("photo may not depict this person"), default=False
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="merged_persons",
        verbose_name=_("merged into"),
        help_text=_("Set by a merge: this record is a duplicate of that person."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["-id"]
        constraints = [
            # SQLite refuses now() in a CHECK; updated_at is the time of writing.
            models.CheckConstraint(
                condition=models.Q(birth_date__lte=models.F("updated_at")),
                name="person_birth_date_not_in_future",
                violation_error_message=_("The birth date cannot be in the future."),
            ),
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max"))
                | models.Q(age_min__isnull=True)
                | models.Q(age_max__isnull=True),
                name="person_age_range_ordered",
                violation_error_message=_("The age range must run from low to high."),
            ),
            models.CheckConstraint(
                condition=models.Q(age_as_of__isnull=False)
                | (models.Q(age_min__isnull=True) & models.Q(age_max__isnull=True)),
                name="person_age_range_has_date",
                violation_error_message=_("An age range needs the date it held on."),
            ),
        ]

    def __str__(self) -> str:
        return self.display_name or str(_("a person with no name or description"))

    @property
    def display_name(self) -> str:
        """Return the primary name, else the first name form, else the description."""
        names = sorted(
            self.names.all(), key=lambda n: (n.kind != NameKind.PRIMARY, n.pk or 0)
        )
        return names[0].text if names else self.description

    def require_name_or_description(self, *, has_names: bool) -> None:
        """Refuse a person known by neither a name form nor a description.

        The names are counted by the caller: a form or a request holds them
        before they are saved.
        """
        if not has_names and not self.description.strip():
            raise ValidationError(NAMELESS, code="nameless")

    def clean(self) -> None:
        truncate_dates(self, "birth_date")
        if self.birth_date and self.birth_date > timezone.localdate():
            raise ValidationError(
                {"birth_date": _("The birth date cannot be in the future.")}
            )

    def origin_display(self) -> str:
        """Return where the person comes from, the township first."""
        parts = (self.origin_township, self.origin_county, self.origin_prefecture)
        return ", ".join(part for part in parts if part)

    def birth_display(self) -> str:
        """Describe the birth date, or the age range, without false precision."""
        if self.birth_date:
            return format_date(self.birth_date, self.birth_date_precision)
        if self.age_min is not None or self.age_max is not None:
            low = "" if self.age_min is None else self.age_min
            high = "" if self.age_max is None else self.age_max
            return f"aged {low}–{high} as of {self.age_as_of}"
        return ""
