"""Re-encrypt the sensitive fields with the first of FIELD_ENCRYPTION_KEYS."""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.key_rotation import BATCH_SIZE, rotate_keys


class Command(BaseCommand):
    help = (
        "Re-encrypt every sensitive value (history included) with the first key "
        "of FIELD_ENCRYPTION_KEYS. Put the new key first, restart CaseTracker, run "
        "this, then remove the old key (docs/security.md)."
    )
    # The system checks refuse bad keys with exit status 1; this command says
    # what is wrong with them itself, with status 2.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch-size",
            type=int,
            default=BATCH_SIZE,
            help=f"Rows per transaction (default: {BATCH_SIZE}).",
        )

    def handle(self, *args: Any, batch_size: int, **options: Any) -> None:
        """Rotate and print the one-line summary; exit 2 on a key problem."""
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.", returncode=2)
        try:
            rotation = rotate_keys(batch_size=batch_size)
        except ImproperlyConfigured as error:
            raise CommandError(str(error), returncode=2) from None
        self.stdout.write(str(rotation))
