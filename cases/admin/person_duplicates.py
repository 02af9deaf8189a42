"""A warning before saving a person whose names match a recorded person's.

The person's name forms are checked as they are validated: when they match
persons already recorded, the form comes back with those persons, their
evidence and a "Save anyway" button. The button sends back which persons
the case worker saw, so the same warning does not stop her twice, while a
name changed to match someone else warns again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from cases import access
from cases.duplicates import PossibleDuplicate, possible_duplicates_of
from cases.evidence import describe_evidence, score_label
from cases.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

__all__ = [
    "SAVE_ANYWAY",
    "DuplicateWarningFormSet",
    "WarnsOfDuplicatesMixin",
    "duplicate_warning",
]

# The name of the "Save anyway" button; its value lists the persons seen.
SAVE_ANYWAY = "save_anyway"


class DuplicateWarningFormSet(BaseInlineFormSet):
    """Name forms that stop the save once if they match recorded persons."""

    viewer: User | AnonymousUser | None = None

    def clean(self) -> None:
        super().clean()
        if not self._names_to_check():
            return
        warning = duplicate_warning(
            self.instance, self._names(), self.viewer, self.data.get(SAVE_ANYWAY, "")
        )
        if warning:
            raise warning

    def _names_to_check(self) -> bool:
        """Say whether the names are new: unchanged names were checked before."""
        return self.instance.pk is None or self.has_changed()

    def _names(self) -> list[str]:
        return [
            form.cleaned_data["text"]
            for form in self.forms
            if form.cleaned_data.get("text") and not form.cleaned_data.get("DELETE")
        ]


def duplicate_warning(
    person: Person,
    names: list[str],
    viewer: User | AnonymousUser | None,
    seen: str,
) -> ValidationError | None:
    """Return the warning these names of a person deserve, if any.

    `seen` is what the "Save anyway" button sent back: the persons the case
    worker was already shown, who do not stop her twice.
    """
    found = _visible(possible_duplicates_of(person, names), viewer)
    if found and not {str(d.person.pk) for d in found} <= set(seen.split(",")):
        return ValidationError(_warning(found), code="possible_duplicates")
    return None


def _visible(
    found: list[PossibleDuplicate], viewer: User | AnonymousUser | None
) -> list[PossibleDuplicate]:
    """Leave out the persons this user may not know exist."""
    if viewer is None or not found:
        return []
    persons = Person.objects.filter(pk__in=[d.person.pk for d in found])
    visible = set(access.visible(persons, user=viewer).values_list("pk", flat=True))
    return [duplicate for duplicate in found if duplicate.person.pk in visible]


class WarnsOfDuplicatesMixin:
    """For the person's name forms inline: warn of likely duplicates on save."""

    formset = DuplicateWarningFormSet

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[DuplicateWarningFormSet]:
        formset = super().get_formset(request, obj, **kwargs)  # type: ignore[misc]  # a mixin of InlineModelAdmin
        # The user decides which recorded persons the warning may name.
        return type(formset.__name__, (formset,), {"viewer": request.user})


def _warning(found: list[PossibleDuplicate]) -> str:
    """Render the warning, with a link to each person and the button."""
    rows = [
        {
            "name": str(duplicate.person),
            "url": reverse("admin:cases_person_change", args=[duplicate.person.pk]),
            "score": score_label(duplicate.score),
            "evidence": describe_evidence(duplicate.evidence),
        }
        for duplicate in found
    ]
    seen = ",".join(str(duplicate.person.pk) for duplicate in found)
    # A SafeString, which the error list shows as HTML: the template escapes
    # every name and line.
    return render_to_string(
        "admin/cases/person/possible_duplicates.html",
        {"rows": rows, "save_anyway": SAVE_ANYWAY, "seen": seen},
    )
