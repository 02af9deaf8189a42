"""Downloading every case from the admin's list: time and memory of the request."""

import statistics
import threading
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.http import StreamingHttpResponse
from django.test import Client

from audit.models import AccessLogEntry
from cases.fake_data import generate_fake_data
from cases.models import Case

from .database import analyze, empty_database
from .report import Section, peak_memory_mib

SIZES = {"quick": [1_000, 10_000], "full": [1_000, 10_000, 100_000]}
REQUESTS = 3
URL = "/admin/cases/case/"
FORMATS = {"CSV": "download_csv", "XLSX": "download_xlsx"}


def run(*, scale: str) -> Section:
    """Time the CSV and XLSX download of every case, watching the memory."""
    section = Section(
        name="admin_export",
        title="Admin exports",
        intro=(
            f"`POST {URL}` with a download action on every case (“Select all”, "
            "`select_across=1`), as a logged-in superuser (django.test.Client), "
            "the response read to its last byte: the whole request as a case "
            f"worker makes it. Median of {REQUESTS} requests. RSS growth: the "
            "most the process's resident memory rose over what it was before "
            "the request, sampled every 5 ms by a thread. Each size adds cases "
            "to the same database."
        ),
        headers=["Cases", "Format", "p50 s", "MiB sent", "RSS growth MiB"],
    )
    empty_database()
    client = Client()
    client.force_login(
        get_user_model().objects.create_superuser(username="bench", password=None)
    )
    have = 0
    for size in SIZES[scale]:
        generate_fake_data(persons=size - have, seed=size)
        have = size
        analyze()
        cases = Case.objects.count()
        before = peak_memory_mib()
        for label, action in FORMATS.items():
            runs = [_download(client, action) for _ in range(REQUESTS)]
            seconds, sent, growth = (
                statistics.median(r) for r in zip(*runs, strict=True)
            )
            section.rows.append(
                [f"{cases:,}", label, f"{seconds:.2f}", f"{sent:.1f}", f"{growth:.1f}"]
            )
        exported = AccessLogEntry.objects.filter(rows__isnull=False).first()
        if exported is None or exported.rows != cases:
            raise RuntimeError(f"the export held {exported and exported.rows} rows")
        section.notes.append(
            f"Peak RSS of the process before the {cases:,}-case downloads: "
            f"{before:,.0f} MiB; after: {peak_memory_mib():,.0f} MiB."
        )
    return section


def _download(client: Client, action: str) -> tuple[float, float, float]:
    """Run a download action on every case; return seconds, MiB and RSS growth."""
    first = Case.objects.order_by("pk").values_list("pk", flat=True)[0]
    data = {"action": action, "select_across": "1", "_selected_action": [first]}
    size = 0
    with RssWatch() as watch:
        started = time.perf_counter()
        response = client.post(URL, data)
        if not isinstance(response, StreamingHttpResponse):
            raise RuntimeError(f"POST {URL} answered {response.status_code}")
        for chunk in response.streaming_content:
            size += len(chunk)
        response.close()
        seconds = time.perf_counter() - started
    return seconds, size / 2**20, watch.growth


class RssWatch:
    """Sample this process's resident memory every 5 ms in a thread, to catch
    the highest it reaches inside a request as well as while streaming."""

    def __init__(self) -> None:
        self.baseline = self.highest = _rss_mib()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.sample, daemon=True)

    def __enter__(self) -> "RssWatch":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    def sample(self) -> None:
        while not self.stop.wait(0.005):
            self.highest = max(self.highest, _rss_mib())

    @property
    def growth(self) -> float:
        return self.highest - self.baseline


def _rss_mib() -> float:
    """Return the resident memory of this process now, in MiB (Linux)."""
    status = Path("/proc/self/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1]) / 1024
