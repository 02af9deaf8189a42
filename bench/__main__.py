"""Run the benchmarks and write docs/benchmarks.md: `python -m bench [--full]`."""

import argparse
import datetime
import importlib
import os
import subprocess
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the chosen benchmarks, write the page."""
    from bench import BENCHMARKS

    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", choices=BENCHMARKS, action="append")
    parser.add_argument("--full", action="store_true", help="add the 100k sizes")
    parser.add_argument("--output", type=Path, default=ROOT / "docs/benchmarks.md")
    options = parser.parse_args(argv)
    names = options.only or BENCHMARKS
    if len(names) > 1:
        return _run_apart(names, full=options.full, output=options.output)
    _setup_django()
    from bench.database import benchmark_database, database_url_for_display
    from bench.report import database_description, write_page
    from casetracker.celery import freeze_startup_objects

    scale = "full" if options.full else "quick"
    modules = {name: importlib.import_module(f"bench.{name}") for name in names}
    # Measure in a process set up as a worker is (casetracker.celery): the
    # objects of start-up are frozen; what the runs build is not.
    freeze_startup_objects()
    sections = []
    with benchmark_database():
        engine = database_description()
        for name in names:
            print(f"bench: running {name} ({scale})", file=sys.stderr)
            # What earlier sections left is frozen too: no section pays for
            # walking another's objects in its garbage collections.
            freeze_startup_objects()
            section = modules[name].run(scale=scale)
            section.command = _command(
                name, full=options.full, url=database_url_for_display()
            )
            day = datetime.datetime.now(tz=datetime.UTC).date().isoformat()
            section.measured = f"{day} on {engine}, {scale} scale"
            sections.append(section)
        write_page(path=options.output, sections=sections, order=BENCHMARKS)
    print(f"bench: wrote {options.output}", file=sys.stderr)
    return 0


def _run_apart(names: list[str], *, full: bool, output: Path) -> int:
    """Run each benchmark in a process of its own, one after the other.

    What one section leaves in a process (objects, caches, a fragmented heap)
    slowed the next one's runs unevenly: trafilatura alone ran at 51 pages/s
    after the earlier sections and at 61 on its own. Apart, each section
    measures what `--only NAME` measures. Each writes its section into the
    page; the header names the commit at which the whole run started.
    """
    from bench.report import COMMIT_AT_START

    environment = {**os.environ, "BENCH_COMMIT": COMMIT_AT_START}
    for name in names:
        command = [sys.executable, "-m", "bench", "--only", name]
        command += ["--full"] if full else []
        command += ["--output", str(output)]
        finished = subprocess.run(command, env=environment, check=False)
        if finished.returncode != 0:
            print(f"bench: {name} failed", file=sys.stderr)
            return finished.returncode
    return 0


def _setup_django() -> None:
    """Load the settings in their development form, then start Django.

    DEBUG=true at load time gives plain static files, no HTTPS redirect and no
    need for SECRET_KEY; bench.database switches DEBUG off again for the runs,
    as Django's test runner does.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")
    os.environ["DEBUG"] = "true"
    # WhiteNoise warns that collectstatic has not run; the admin pages render
    # without it.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def _command(name: str, *, full: bool, url: str) -> str:
    prefix = f"DATABASE_URL={url} " if url else ""
    return f"{prefix}.venv/bin/python -m bench --only {name}" + (
        " --full" if full else ""
    )


if __name__ == "__main__":
    sys.exit(main())
