"""Rewrite the keys derived from every name form's text."""

from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.core.management.base import BaseCommand
from django.db import models, transaction

from cases.models import FacilityName, PersonName, PersonNameKey
from cases.models.names import NameForm

BATCH_SIZE = 2_000


class Command(BaseCommand):
    help = (
        "Rewrite the keys derived from each name form's text: a person name "
        "form's lookup keys (candidate search), search key and sorted letters "
        "(admin search, exact matches), a facility name's search key. After a "
        "change to the key rules, or to repair the tables."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Rewrite the keys batch by batch and say how many were written."""
        names = PersonName.objects.order_by("pk").only(
            "pk", "person_id", "text", "script", "search_key", "letters"
        )
        count = 0
        for batch in _batches(names):
            with transaction.atomic():
                _refresh(PersonName, batch, ["search_key", "letters"])
                PersonName.objects.sync_keys(batch)
            count += len(batch)
        facilities = FacilityName.objects.order_by("pk").only(
            "pk", "text", "script", "search_key"
        )
        for batch in _batches(facilities):
            _refresh(FacilityName, batch, ["search_key"])
        # Keys of deleted name forms go with them (CASCADE): nothing is orphaned.
        keys = PersonNameKey.objects.count()
        self.stdout.write(f"Rewrote the keys of {count:,} name forms ({keys:,} keys).")


def _batches(forms: models.QuerySet) -> Iterator[list]:
    rows = forms.iterator(chunk_size=BATCH_SIZE)
    while batch := list(islice(rows, BATCH_SIZE)):
        yield batch


def _refresh(model: type[NameForm], forms: list[NameForm], fields: list[str]) -> None:
    """Derive the fields anew and write those of the forms where they changed."""
    changed = []
    for form in forms:
        before = [getattr(form, field) for field in fields]
        form.refresh_keys()
        if [getattr(form, field) for field in fields] != before:
            changed.append(form)
    model.objects.bulk_update(changed, fields, batch_size=BATCH_SIZE)
