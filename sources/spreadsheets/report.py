"""What an import of a spreadsheet did or would do, and its report as CSV."""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sources.bundles import LoadSummary

from .rows import RowProblem

__all__ = ["DuplicateFlag", "ImportReport", "report_csv"]


@dataclass(frozen=True)
class DuplicateFlag:
    """A row's new person who may be a person already recorded, and why."""

    row: int
    name: str
    candidate_id: int
    candidate: str
    score: str
    evidence: list[str]


@dataclass
class ImportReport:
    """The outcome of one import, the same for a dry run and a real one."""

    filename: str
    sha256: str
    dry_run: bool
    rows: int = 0
    summary: LoadSummary = field(default_factory=LoadSummary)
    problems: list[RowProblem] = field(default_factory=list)
    duplicates: list[DuplicateFlag] = field(default_factory=list)
    written: bool = False
    import_id: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, dict[str, int]]:
        """Return the cases and persons created, updated and left unchanged."""
        return {
            kind: {
                "created": self.summary.created[kind],
                "updated": self.summary.updated[kind],
                "unchanged": self.summary.unchanged[kind],
            }
            for kind in ("case", "person")
        }

    def __str__(self) -> str:
        counts = self.counts()
        rows = ngettext("%(count)d row", "%(count)d rows", self.rows) % {
            "count": self.rows
        }
        text = _("%(rows)s: %(cases)s; %(persons)s") % {
            "rows": rows,
            "cases": _count("case", counts["case"]),
            "persons": _count("person", counts["person"]),
        }
        if self.problems:
            bad = len({problem.row for problem in self.problems})
            text += "; " + ngettext(
                "problems in %(rows)d row, nothing written",
                "problems in %(rows)d rows, nothing written",
                bad,
            ) % {"rows": bad}
        elif self.dry_run:
            text += "; " + _("dry run, nothing written")
        return text

    def as_json(self) -> dict:
        """Return the report as the API answers it."""
        return {
            "file": self.filename,
            "sha256": self.sha256,
            "dry_run": self.dry_run,
            "written": self.written,
            "rows": self.rows,
            "counts": self.counts(),
            "errors": [vars(problem) for problem in self.problems],
            "possible_duplicates": [vars(flag) for flag in self.duplicates],
        }


def _count(kind: str, counts: dict[str, int]) -> str:
    """Say how many records of a kind were created and updated."""
    created, updated = counts["created"], counts["updated"]
    if kind == "case":
        text = ngettext(
            "%(created)d case created, %(updated)d updated",
            "%(created)d cases created, %(updated)d updated",
            created,
        )
    else:
        text = ngettext(
            "%(created)d person created, %(updated)d updated",
            "%(created)d persons created, %(updated)d updated",
            created,
        )
    return text % {"created": created, "updated": updated}


def report_csv(report: ImportReport) -> str:
    """Return the problems as CSV: row, column, message (sensitive values masked)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["row", "column", "message"])
    for problem in report.problems:
        writer.writerow([problem.row, problem.column, problem.message])
    return out.getvalue()
