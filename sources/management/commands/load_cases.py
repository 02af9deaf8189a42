"""Load case bundle files (docs/case-bundle.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sources.bundles import BundleError, load_bundle_files


class Command(BaseCommand):
    help = "Load case bundle JSON files in one transaction: all of them or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, metavar="FILE")

    def handle(self, *args: Any, files: list[Path], **options: Any) -> None:
        try:
            summary = load_bundle_files(paths=files)
        except BundleError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))
