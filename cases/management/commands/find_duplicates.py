"""List likely duplicate persons for review in the admin."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from cases.duplicates import find_duplicate_persons


class Command(BaseCommand):
    help = (
        "Find pairs of persons that may be one person entered twice and list "
        "them for review (admin: possible duplicates). Decisions are kept."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the optional persons to look at."""
        parser.add_argument(
            "--person", type=int, action="append", help="only this person's (repeat)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Run the search and say how many pairs are listed."""
        found = find_duplicate_persons(person_ids=options["person"])
        self.stdout.write(f"Listed {found:,} possible duplicate pairs for review.")
