"""Rewrite the lookup keys of every person name form."""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from cases.models import PersonName, PersonNameKey

BATCH_SIZE = 2_000


class Command(BaseCommand):
    help = (
        "Rewrite the lookup keys (candidate search, admin search) of every "
        "name form: after a change to the key rules, or to repair the table."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Rewrite the keys batch by batch and say how many were written."""
        names = PersonName.objects.order_by("pk").only("pk", "person_id", "text")
        batch: list[PersonName] = []
        count = 0
        for name in names.iterator(chunk_size=BATCH_SIZE):
            batch.append(name)
            if len(batch) == BATCH_SIZE:
                count += _rewrite(batch)
                batch = []
        count += _rewrite(batch)
        # Keys of deleted name forms go with them (CASCADE): nothing is orphaned.
        keys = PersonNameKey.objects.count()
        self.stdout.write(f"Rewrote the keys of {count:,} name forms ({keys:,} keys).")


def _rewrite(batch: list[PersonName]) -> int:
    with transaction.atomic():
        PersonName.objects.sync_keys(batch)
    return len(batch)
