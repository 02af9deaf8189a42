"""Pages per second of the whole import, as a user runs it, beside trafilatura."""

import contextlib
import functools
import http.server
import io
import random
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import trafilatura
from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db.models import FileField

from cases.fake_data import generate_fake_data
from casetracker.celery import commit_without_waiting_for_disk, freeze_startup_objects
from sources import archive, extraction, fetching, matching
from sources.management.commands import import_article as command
from sources.models import Capture

from .database import analyze, empty_database
from .import_pages import PAGE_BYTES, TEXT_CHARACTERS, generated_pages
from .report import Section, peak_memory_mib

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 100_000]}
PAGES = 30
ROUNDS = 9
# The steps of an import timed on their own; the rest of the whole is the
# command, its job, queueing, the duplicate check, saving and the history.
PARTS: list[tuple[ModuleType, str, str]] = [
    (fetching, "fetch_with_retries", "fetch"),
    (archive, "store_capture", "capture + WARC"),
    (archive, "store_upload", "capture + WARC"),
    (extraction, "extract_article", "extraction"),
    (matching, "match_article", "matching"),
    (command, "summarise", "JSON summary"),
]
PART_NAMES = ["fetch", "capture + WARC", "extraction", "matching", "JSON summary"]
INTRO = (
    f"{PAGES} generated news pages per round, about {PAGE_BYTES // 1024} KiB of "
    "HTML each (a menu, a script, and related-story blocks as news sites have "
    f"them) around {TEXT_CHARACTERS:,} characters of article text naming three "
    "known persons, with the date in the markup and the URL. *whole import* "
    "is `manage.py import_article --json INPUT`, called in the bench's process "
    "(`call_command`) once per page, as a user runs it: half the pages as "
    "saved files named .php or .html, half as URLs fetched from a local HTTP "
    "server that the bench runs in a thread. It covers the job, the upload or "
    "the fetch, the capture with its WARC, extraction (language, date), the "
    "duplicate check, the save with its history, matching (mentions, hints, "
    "leads) and the JSON summary printed. *trafilatura alone* is "
    "`trafilatura.extract(page, url=URL, include_comments=False)` on the same "
    "bytes. Both in the same process on one core, taking turns page by page "
    "(each first on every other page), so that the slow spells of a shared "
    f"machine fall on both alike. {ROUNDS} rounds of new pages; the row is the "
    "round with the median ratio. The process is set up as a Celery worker is "
    "(`casetracker.celery`): start-up objects frozen out of garbage "
    "collection, commits that do not wait for the disk (captures still do)."
)


def run(*, scale: str) -> Section:
    """Time trafilatura alone and the whole import, at each size."""
    section = Section(
        name="import_pipeline",
        title="Article import, whole, beside trafilatura alone",
        intro=INTRO,
        headers=[
            "Persons",
            "trafilatura alone, pages/s",
            "whole import, pages/s",
            "whole / alone",
            "ms per page",
            *(f"{name}, ms" for name in PART_NAMES),
            "rest, ms",
        ],
    )
    empty_database()
    commit_without_waiting_for_disk()
    settings.SOURCES_FETCH_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    have, per_page = 0, {}
    with _evidence_folder() as folder, _local_server() as server, _timed() as parts:
        for size in SIZES[scale]:
            generate_fake_data(persons=size - have, seed=size)
            have = size
            analyze()
            freeze_startup_objects()
            parts.clear()
            rng = random.Random(size)
            rounds = [_round(rng, server, folder) for _ in range(ROUNDS)]
            whole_ms = 1000 * sum(whole for _, whole in rounds) / (ROUNDS * PAGES)
            rounds.sort(key=lambda seconds: seconds[0] / seconds[1])
            alone, whole = (PAGES / s for s in rounds[len(rounds) // 2])
            per_page[size] = (1000 / whole, 1000 / alone)
            section.rows.append(_row(size, alone, whole, whole_ms, parts))
            section.notes.append(
                f"Whole / alone in each round at {size:,} persons: "
                + ", ".join(f"{a / w:.0%}" for a, w in rounds)
                + f". Peak RSS: {peak_memory_mib():,.0f} MiB."
            )
    section.notes.insert(0, _scaling_note(scale, per_page))
    return section


def _row(
    size: int, alone: float, whole: float, whole_ms: float, parts: dict[str, float]
) -> list[str]:
    """Rates of the median round; times per page, whole and parts, of all rounds."""
    ms = {name: 1000 * parts[name] / (ROUNDS * PAGES) for name in PART_NAMES}
    rest = whole_ms - sum(ms.values())
    return [
        f"{size:,}",
        f"{alone:,.1f}",
        f"{whole:,.1f}",
        f"{whole / alone:.0%}",
        f"{whole_ms:,.1f}",
        *(f"{ms[name]:,.1f}" for name in PART_NAMES),
        f"{rest:,.1f}",
    ]


def _scaling_note(scale: str, per_page: dict[int, tuple[float, float]]) -> str:
    small, large = SIZES[scale][0], SIZES[scale][-1]
    ratio = per_page[large][0] / per_page[small][0]
    drift = per_page[large][1] / per_page[small][1]
    return (
        f"Time per page at {large:,} persons is {ratio:.2f}× that at {small:,}; "
        f"{ratio / drift:.2f}× in units of trafilatura alone beside it (which "
        f"took {drift:.2f}× as long: a shared machine's speed drifts). The parts "
        "and ms per page are means over all rounds (fetch: over every page, "
        "half of them fetched); rest is the whole less the parts: the "
        "command, the job, queueing, the duplicate check, the save and its "
        "history."
    )


def _round(rng: random.Random, server: "_Server", folder: Path) -> tuple[float, float]:
    """Return the pages-per-second rates of trafilatura alone and the whole."""
    pages = generated_pages(rng, PAGES)
    alone = whole = 0.0
    for n, page in enumerate(pages):
        if n % 2:
            server.pages[page.path] = page.html
            source = server.url(page.path)
        else:
            path = folder / f"{page.path.strip('/').replace('/', '-')}.php"
            path.write_bytes(page.html)
            source = str(path)
        url = server.url(page.path)
        if n % 4 < 2:
            whole += _seconds(functools.partial(_import, source))
        alone += _seconds(functools.partial(_trafilatura_alone, page.html, url))
        if n % 4 >= 2:
            whole += _seconds(functools.partial(_import, source))
    return alone, whole


def _import(source: str) -> None:
    call_command("import_article", source, "--json", stdout=io.StringIO())


def _trafilatura_alone(page: bytes, url: str) -> str | None:
    return trafilatura.extract(page, url=url, include_comments=False)


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


@contextlib.contextmanager
def _timed() -> Iterator[dict[str, float]]:
    """Add up the seconds spent in each part while the block runs."""
    spent: dict[str, float] = defaultdict(float)
    originals = [(module, name, getattr(module, name)) for module, name, _ in PARTS]
    for (module, name, part), (_, _, original) in zip(PARTS, originals, strict=True):
        setattr(module, name, _timing(original, part, spent))
    try:
        yield spent
    finally:
        for module, name, original in originals:
            setattr(module, name, original)


def _timing(
    function: Callable[..., Any], part: str, spent: dict[str, float]
) -> Callable[..., Any]:
    @functools.wraps(function)
    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            spent[part] += time.perf_counter() - started

    return timed


@contextlib.contextmanager
def _evidence_folder() -> Iterator[Path]:
    """Keep the captures in a temporary folder; yield another for saved pages."""
    with tempfile.TemporaryDirectory(prefix="bench-import-") as temporary:
        root = Path(temporary)
        storage = FileSystemStorage(location=root / "evidence")
        fields = [
            field
            for field in Capture._meta.get_fields()
            if isinstance(field, FileField)
        ]
        previous = [field.storage for field in fields]
        for field in fields:
            field.storage = storage
        (root / "saved").mkdir()
        try:
            yield root / "saved"
        finally:
            for field, kept in zip(fields, previous, strict=True):
                field.storage = kept


class _Server(http.server.ThreadingHTTPServer):
    pages: dict[str, bytes]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        body = self.server.pages.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Log nothing: the bench prints its own results."""


@contextlib.contextmanager
def _local_server() -> Iterator[_Server]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.pages = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
