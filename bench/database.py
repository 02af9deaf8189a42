"""The throwaway database the benchmarks run on."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import (
    setup_databases,
    setup_test_environment,
    teardown_databases,
    teardown_test_environment,
)


@contextmanager
def benchmark_database() -> Iterator[None]:
    """Create a fresh test database, switch DEBUG off, and drop it all afterwards.

    Django's test-runner machinery names the database after the configured one
    ("test_casetracker_bench" for PostgreSQL, var/bench.sqlite3 for SQLite), so
    real data is never touched. DEBUG is off, as in the test runner, so no query
    is logged unless a benchmark asks to count them.
    """
    if connection.vendor == "sqlite":
        # A file, not Django's default in-memory test database, to measure what
        # a SQLite deployment would see.
        test_file = Path(settings.BASE_DIR) / "var" / "bench.sqlite3"
        test_file.parent.mkdir(exist_ok=True)
        connection.settings_dict["TEST"]["NAME"] = str(test_file)
    setup_test_environment(debug=False)
    # aliases maps each database to set up to whether to serialize it, as the
    # test runner gives it; serialized_aliases=set() serializes none.
    old_config = setup_databases(
        verbosity=0,
        interactive=False,
        aliases={"default": False},
        serialized_aliases=set(),
    )
    try:
        yield
    finally:
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()


def empty_database() -> None:
    """Delete every row, so that a benchmark starts from an empty database."""
    call_command("flush", interactive=False, verbosity=0)


def analyze() -> None:
    """Vacuum and refresh the planner's statistics, as autovacuum soon would.

    Autovacuum also vacuums tables that only grow (PostgreSQL 13 and later);
    that marks their pages all-visible, which lets index-only scans skip the
    table.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def database_url_for_display() -> str:
    """Return DATABASE_URL without its password, to quote in commands."""
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
        parts = parts._replace(netloc=netloc)
    return urlunsplit(parts)
