"""Entering a case in one go: its missing person is created with the case."""

from collections.abc import Sequence

from django.db import transaction

from cases.models import Person, PersonName
from cases.models.person_names import NameKind


@transaction.atomic
def add_named_person(
    names: Sequence[PersonName], *, description: str, ethnicity: str, gender: str
) -> Person:
    """Create a person with these unsaved name forms, the first as primary.

    A later form in another script is a transliteration of the first; one in
    the same script is an alias. With no name, the description names the person.
    """
    person = Person(description=description, ethnicity=ethnicity, gender=gender)
    person.require_name_or_description(has_names=bool(names))
    person.save()
    if not names:
        return person
    first, *others = names
    first.person, first.kind = person, NameKind.PRIMARY
    first.save()
    for name in others:
        same_script = name.script == first.script
        name.person = person
        name.kind = NameKind.ALIAS if same_script else NameKind.TRANSLITERATION
        name.save()
    return person
