"""Import cases from a CSV or XLSX file (docs/importing-spreadsheets.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sources.spreadsheets import import_spreadsheet, report_csv


class Command(BaseCommand):
    help = (
        "Import cases from a CSV or XLSX file: every row or none. With --dry-run, "
        "check the file and say what would be done, writing nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, metavar="FILE")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and count; write nothing."
        )
        parser.add_argument(
            "--report",
            type=Path,
            metavar="OUT.csv",
            help="Write the problems found (row, column, message) to this CSV file.",
        )

    def handle(
        self, *args: Any, file: Path, dry_run: bool, report: Path | None, **options: Any
    ) -> None:
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                f"{file}: cannot be read ({error.strerror})", returncode=2
            ) from None
        outcome = import_spreadsheet(
            data=data, filename=file.name, user=None, dry_run=dry_run
        )
        if report is not None:
            report.write_text(report_csv(outcome), encoding="utf-8")
        if not outcome.ok:
            lines = [
                f"{file}: row {problem.row}"
                + (f", {problem.column}" if problem.column else "")
                + f": {problem.message}"
                for problem in outcome.problems
            ]
            raise CommandError("\n".join([*lines, str(outcome)]), returncode=2)
        self.stdout.write(str(outcome))
