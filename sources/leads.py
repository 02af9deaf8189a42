"""Resolve leads: names found in an article that matched none of our persons.

A lead is a known person written another way (the lead's text becomes one
more name form of that person), a new person (created with the lead's text as
their name), or not a person at all (dismissed). Either of the first two
turns the lead into a suggested mention of the person, for review.
"""

from django.db import transaction
from django.utils.translation import gettext

from cases.models import Person, PersonName

from .models import Lead, Mention, MentionStatus

__all__ = ["dismiss_lead", "lead_is_existing_person", "lead_is_new_person"]


def lead_is_existing_person(*, lead: Lead, person: Person) -> Mention:
    """Add the lead's text as a name form of the person; suggest the mention."""
    with transaction.atomic():
        if not person.names.filter(text=lead.text).exists():
            PersonName.objects.create(person=person, text=lead.text)
        return _mention(lead, person)


def lead_is_new_person(*, lead: Lead) -> Mention:
    """Create a person named as the lead is written; suggest the mention."""
    with transaction.atomic():
        person = Person.objects.create()
        PersonName.objects.create(person=person, text=lead.text)
        return _mention(lead, person)


def dismiss_lead(*, lead: Lead) -> None:
    """Mark the lead as naming no person."""
    Lead.objects.filter(pk=lead.pk).update(dismissed=True)
    lead.dismissed = True


def _mention(lead: Lead, person: Person) -> Mention:
    locked = Lead.objects.select_for_update().get(pk=lead.pk)
    locked.person, locked.dismissed = person, False
    locked.save(update_fields=["person", "dismissed"])
    lead.person, lead.dismissed = person, False
    mention, _ = Mention.objects.get_or_create(
        article_id=lead.article_id,
        person=person,
        start=lead.start,
        end=lead.end,
        defaults={
            "text": lead.text,
            "name_form": person.names.filter(text=lead.text).first(),
            "score": 1.0,
            "explanation": gettext("A case worker said this name is this person."),
            "status": MentionStatus.SUGGESTED,
        },
    )
    return mention
