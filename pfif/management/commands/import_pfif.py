"""Import a PFIF file (versions 1.1 to 1.4)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from pfif.importing import import_pfif
from pfif.records import PfifError


class Command(BaseCommand):
    help = (
        "Import a PFIF file (1.1 to 1.4) in one transaction: persons with their "
        "names and cases, notes, possible duplicates. Exit status 2 for a file "
        "that is not PFIF."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what the import would do, and write nothing.",
        )

    def handle(self, *args: Any, file: Path, dry_run: bool, **options: Any) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                f"Cannot read {file}: {error.strerror}", returncode=2
            ) from None
        try:
            report = import_pfif(data=data, dry_run=dry_run)
        except PfifError as error:
            raise CommandError(f"{file}: {error}", returncode=2) from None
        for key, reason in report.refused:
            self.stderr.write(f"refused {key}: {reason}")
        self.stdout.write(str(report))
