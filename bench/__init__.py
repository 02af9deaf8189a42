"""Benchmarks of CaseTracker, written up in docs/benchmarks.md.

Run them with `python -m bench` (`make bench`); `--only NAME` runs one and
`--full` adds the largest sizes. Each benchmark is a module of this package,
listed in BENCHMARKS, that exposes `run(*, scale: str) -> Section` (see
bench.report). To add one, write the module and add its name here.
"""

BENCHMARKS = [
    "fake_data",
    "admin_list",
    "admin_export",
    "dashboard",
    "name_lookup",
    "name_match",
    "import_pipeline",
    "article_noise",
    "api",
    "bulk_pull",
    "spreadsheet_import",
]
SCALES = ["quick", "full"]
