"""Re-hash every capture of the evidence archive and report what does not match."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sources.archive import find_archive_problems


class Command(BaseCommand):
    help = (
        "Check every capture's body against its SHA-256 and its WARC record. "
        "Exit with status 1 if any does not match."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        checked = failed = 0
        for capture, problems in find_archive_problems():
            checked += 1
            failed += bool(problems)
            for problem in problems:
                self.stdout.write(
                    f"capture {capture.pk} (article {capture.article_id}): {problem}"
                )
        summary = f"Checked {checked} captures: {failed} with problems."
        if failed:
            raise CommandError(summary, returncode=1)
        self.stdout.write(summary)
