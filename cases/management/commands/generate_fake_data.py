"""Fill the database with invented cases, for demonstrations and benchmarks."""

import time

from django.core.management.base import BaseCommand, CommandError, CommandParser

from cases.fake_data import generate_fake_data


class Command(BaseCommand):
    help = "Create invented missing persons with names, cases, relatives, detentions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--persons", type=int, required=True, help="How many missing persons."
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="The same seed gives the same people."
        )

    def handle(self, *args: object, persons: int, seed: int, **options: object) -> None:
        if persons < 1:
            raise CommandError("--persons must be a positive number.", returncode=2)
        started = time.perf_counter()
        summary = generate_fake_data(persons=persons, seed=seed)
        seconds = time.perf_counter() - started
        self.stdout.write(f"{summary} ({seconds:.1f} s)")
