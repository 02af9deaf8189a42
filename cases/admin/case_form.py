"""The case form: its dates typed in one field each, its new subject typed inline.

On the add page a case worker either chooses a known person as the subject or
types the new person's names; the person and the case are saved together.
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cases.models import Ethnicity, Gender, Person, PersonName

from .partial_dates import PartialDatesForm
from .person_duplicates import SAVE_ANYWAY, duplicate_warning
from .persons import NAME_WIDGET

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User
    from django_stubs_ext import StrOrPromise

__all__ = ["NEW_SUBJECT_FIELDS", "CaseForm"]

NEW_SUBJECT_FIELDS = [
    "subject_name",
    "subject_other_name",
    "subject_description",
    ("subject_ethnicity", "subject_gender"),
]
NAME_FIELDS = ("subject_name", "subject_other_name")
DETAIL_FIELDS = ("subject_description", "subject_ethnicity", "subject_gender")


def name_field(label: "StrOrPromise", help_text: "StrOrPromise") -> forms.CharField:
    """Return an optional field for one written form of the new subject's name."""
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=300,
        widget=NAME_WIDGET,
    )


class CaseForm(PartialDatesForm):
    """A case, with the names of its subject when the subject is new."""

    subject_name = name_field(
        _("Name"), _("As written in the source, in its own script.")
    )
    subject_other_name = name_field(
        _("Name in another script or spelling"), _("Optional.")
    )
    subject_description = forms.CharField(
        label=_("Description, when no name is known"),
        help_text=_("Such as “younger brother of Baibolat Kunbolat, name not known”."),
        required=False,
        max_length=300,
        widget=forms.TextInput(attrs={"dir": "auto", "size": 60}),
    )
    subject_ethnicity = forms.ChoiceField(
        label=_("Ethnicity"),
        choices=Ethnicity,
        initial=Ethnicity.UNKNOWN,
        required=False,
    )
    subject_gender = forms.ChoiceField(
        label=_("Gender"), choices=Gender, initial=Gender.UNKNOWN, required=False
    )

    may_add_subject = True  # the admin says whether the user may add persons
    viewer: "User | AnonymousUser | None" = None  # whose duplicates to warn of

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None or not self.may_add_subject:
            for name in (*NAME_FIELDS, *DETAIL_FIELDS):
                del self.fields[name]
        elif "subject" in self.fields:
            self.fields["subject"].required = False
        self.new_subject_names: list[PersonName] = []

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if "subject_name" in self.fields and "subject" in self.fields:
            self.new_subject_names = self.typed_names()
            typed = self.new_subject_names or self.cleaned_data.get(
                "subject_description"
            )
            chosen = self.cleaned_data.get("subject")
            if chosen and typed:
                self.add_error(
                    "subject_name",
                    _("Choose a known person above or type a new one, not both."),
                )
            elif not (chosen or typed or "subject" in self.errors):
                self.add_error(
                    "subject",
                    _(
                        "Choose the person, or type the name or a description "
                        "of a new person below."
                    ),
                )
            elif self.new_subject_names and not chosen:
                self.warn_of_duplicates()
        return cleaned

    def warn_of_duplicates(self) -> None:
        """Stop the save once if the new subject's names match recorded persons."""
        details = self.new_subject_details()
        subject = Person(ethnicity=details["ethnicity"], gender=details["gender"])
        names = [name.text for name in self.new_subject_names]
        seen = self.data.get(SAVE_ANYWAY, "")
        warning = duplicate_warning(subject, names, self.viewer, seen)
        if warning:
            self.add_error(None, warning)

    def adds_subject(self) -> bool:
        """Say whether the subject is a new person, typed on this form."""
        return "subject_name" in self.fields and not self.cleaned_data.get("subject")

    def new_subject_details(self) -> dict[str, str]:
        """Return the new subject's description, ethnicity and gender."""
        return {
            "description": self.cleaned_data.get("subject_description") or "",
            "ethnicity": self.cleaned_data.get("subject_ethnicity")
            or Ethnicity.UNKNOWN,
            "gender": self.cleaned_data.get("subject_gender") or Gender.UNKNOWN,
        }

    def typed_names(self) -> list[PersonName]:
        """Return the new subject's name forms as typed, checked but not saved."""
        names: list[PersonName] = []
        for field in NAME_FIELDS:
            text = self.cleaned_data.get(field)
            if not text:
                continue
            name = PersonName(text=text)
            try:
                name.full_clean(exclude=["person", "search_key", "letters"])
            except ValidationError as error:
                self.add_error(field, error.message_dict.get("text", error.messages))
                continue
            if any(name.text.casefold() == other.text.casefold() for other in names):
                self.add_error(field, _("This is the same as the name above."))
                continue
            names.append(name)
        return names
