"""Load the demonstration cases of seeds/ (the founding cases and invented ones)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from sources.bundles import BundleError, load_bundle_files


class Command(BaseCommand):
    help = "Load every seeds/*.json case bundle, in sorted order."

    def handle(self, *args: Any, **options: Any) -> None:
        paths = sorted((settings.BASE_DIR / "seeds").glob("*.json"))
        if not paths:
            raise CommandError("No seeds/*.json files to load.", returncode=2)
        try:
            summary = load_bundle_files(paths=paths)
        except BundleError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(str(summary))
