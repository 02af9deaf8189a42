"""Measure the name matcher on a labelled TSV of name pairs."""

import json
from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from cases.names.evaluation import evaluate, read_pairs, write_scores


class Command(BaseCommand):
    """Print precision, recall and F1 of the matcher as one JSON object."""

    help = (
        "Score the name pairs of a TSV (header: name_a, name_b, same, ...) and "
        "print precision, recall and F1 at the matcher's threshold as JSON."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        """Declare the input file and the optional scores output."""
        parser.add_argument("file", type=Path, help="TSV of labelled name pairs")
        parser.add_argument(
            "--scores", type=Path, help="also write each pair with its score here"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """Evaluate the pairs and print the summary."""
        # call_command() passes keyword options through without argparse types.
        path = Path(options["file"])
        try:
            pairs = read_pairs(path)
        except FileNotFoundError as error:
            raise CommandError(f"No such file: {path}", returncode=2) from error
        except (ValueError, UnicodeDecodeError) as error:
            raise CommandError(str(error), returncode=2) from error
        evaluation = evaluate(pairs)
        if options["scores"]:
            write_scores(evaluation, Path(options["scores"]))
        self.stdout.write(json.dumps(evaluation.summary()))
