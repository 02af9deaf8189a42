"""How fast the REST API answers with many cases, beside the SQL it runs.

Requests per second come from a small load generator in this module (threads
with keep-alive http.client connections), so that no tool must be installed.
"""

import http.client
import os
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from api.models import ApiToken
from api.pagination import MAX_PAGE_SIZE, KeysetPagination
from cases.fake_data import generate_fake_data
from cases.models import Case, PersonName, Script

from .database import analyze, empty_database
from .report import Section

SIZES = {"quick": 10_000, "full": 100_000}
REQUESTS = 50
PAGE = 50
DEEP_PAGE = 1000
LOAD_SECONDS = 10
LOAD_THREADS = 8
LIST_TARGET_MS = 25
DETAIL_TARGET_MS = 30
PULL_TARGET_SECONDS = 30
ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["Request", "p50 ms", "p95 ms", "SQL p50 ms", "× SQL", "Queries", "Rows"]


@dataclass(frozen=True)
class Timing:
    p50: float
    p95: float
    sql_p50: float
    queries: int
    rows: int


def run(*, scale: str) -> Section:
    """Time four requests and their SQL, a deep page, and load under gunicorn."""
    size = SIZES[scale]
    section = Section(
        name="api",
        title="REST API",
        intro=(
            f"{size:,} fake cases (`generate_fake_data`). Each request is sent "
            f"{REQUESTS} times after 2 warm-up requests with `django.test.Client` "
            "and a token; beside it, the SELECTs that one request issued, captured "
            f"and replayed {REQUESTS} times with a plain cursor. Then the "
            f"{DEEP_PAGE}th page of {PAGE} rows against the first, and requests "
            "per second under gunicorn on loopback from a Python load generator "
            f"({LOAD_THREADS} threads with keep-alive, {LOAD_SECONDS} s)."
        ),
        headers=HEADERS,
    )
    empty_database()
    generate_fake_data(persons=size, seed=1)
    analyze()
    user = get_user_model().objects.create_superuser(username="bench", password=None)
    secret = ApiToken.objects.issue(user=user)[1]
    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    results = {}
    for label, url in _requests().items():
        timing = _time(client, url)
        results[label] = timing
        section.rows.append(_row(label, timing))
    section.notes += _targets(results["list, 50 rows"], results["case detail"])
    section.notes.append(_deep_page(client))
    section.notes.append(_full_pull(client))
    section.notes.append(_load(secret))
    return section


def _requests() -> dict[str, str]:
    term = _cyrillic_name()
    reference = Case.objects.order_by("reference")[Case.objects.count() // 2]
    return {
        "list, 50 rows": f"/api/v1/cases/?page_size={PAGE}",
        "filtered list": (
            f"/api/v1/cases/?page_size={PAGE}&fate=camp&ethnicity=uyghur"
            "&disappeared_from=2018&has_sources=false"
        ),
        f"name search “{term}”": f"/api/v1/cases/?q={quote(term)}",
        "case detail": f"/api/v1/cases/{reference.reference}/",
    }


def _cyrillic_name() -> str:
    names = PersonName.objects.filter(
        script=Script.CYRL, language="kk", person__cases__isnull=False
    ).order_by("id")
    return names.values_list("text", flat=True)[names.count() // 2]


def _time(client: Client, url: str) -> Timing:
    for _ in range(2):
        _get(client, url)
    latencies = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        _get(client, url)
        latencies.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        response = _get(client, url)
    selects = [q["sql"] for q in captured if q["sql"].lstrip().startswith("SELECT")]
    body = response.json()
    rows = len(body["results"]) if "results" in body else 1
    return Timing(
        p50=statistics.median(latencies),
        p95=statistics.quantiles(latencies, n=20, method="inclusive")[-1],
        sql_p50=_replay(selects),
        queries=len(captured),
        rows=rows,
    )


def _replay(statements: list[str]) -> float:
    """Return the median time, in ms, of running the statements with a cursor."""
    times = []
    with connection.cursor() as cursor:
        for _ in range(REQUESTS):
            started = time.perf_counter()
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()
            times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response


def _row(label: str, timing: Timing) -> list[str]:
    return [
        label,
        f"{timing.p50:,.1f}",
        f"{timing.p95:,.1f}",
        f"{timing.sql_p50:,.1f}",
        f"{timing.p50 / timing.sql_p50:,.1f}",
        str(timing.queries),
        str(timing.rows),
    ]


def _targets(listed: Timing, detail: Timing) -> list[str]:
    return [
        f"Targets (plain DRF): the 50-row list p50 ≤ {LIST_TARGET_MS} ms, "
        f"measured {listed.p50:.1f} ms ("
        + ("met" if listed.p50 <= LIST_TARGET_MS else "not met")
        + f"); a case's detail p50 ≤ {DETAIL_TARGET_MS} ms, measured "
        f"{detail.p50:.1f} ms ("
        + ("met" if detail.p50 <= DETAIL_TARGET_MS else "not met")
        + ").",
        "The queries include the token lookup; the SQL column times only the "
        "SELECTs, so the ratio is what Python adds: routing, authentication, "
        "serializing and rendering.",
    ]


def _full_pull(client: Client) -> str:
    """Pull every case through the list, MAX_PAGE_SIZE rows a page, following next."""
    url: str | None = f"/api/v1/cases/?page_size={MAX_PAGE_SIZE}"
    rows, pages, peaks = 0, 0, []
    started = time.perf_counter()
    while url:
        body = _get(client, url).json()
        rows, pages = rows + len(body["results"]), pages + 1
        url = body["next"]
        if pages % 20 == 1:
            peaks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    seconds = time.perf_counter() - started
    verdict = "met" if seconds <= PULL_TARGET_SECONDS else "not met"
    return (
        f"Every case through the list, {MAX_PAGE_SIZE} a page: {rows:,} rows in "
        f"{pages:,} pages, {seconds:.1f} s (target ≤ {PULL_TARGET_SECONDS} s: "
        f"{verdict}); peak memory of the process, sampled every 20 pages: "
        f"{peaks[0]:,} MiB after the first page, {peaks[-1]:,} MiB at the last "
        "sample."
    )


def _deep_page(client: Client) -> str:
    """Compare the first page with a page deep in the collection."""
    count = Case.objects.count()
    page = min(DEEP_PAGE, count // PAGE)
    first = _time(client, f"/api/v1/cases/?page_size={PAGE}")
    deep = _time(client, f"/api/v1/cases/?page_size={PAGE}&cursor={_cursor(page)}")
    return (
        f"Page {page:,} of {PAGE} rows: p50 {deep.p50:.1f} ms (SQL "
        f"{deep.sql_p50:.1f} ms) against {first.p50:.1f} ms (SQL "
        f"{first.sql_p50:.1f} ms) for the first page."
    )


def _cursor(page: int) -> str:
    """Return the cursor the API gives for a page of the default ordering."""
    paginator = KeysetPagination()
    paginator.field, paginator.ordering_param = "created_at", "-created_at"
    last_of_previous = Case.objects.order_by("-created_at", "-pk")[
        (page - 1) * PAGE - 1
    ]
    return paginator._encode(last_of_previous, False)


def _load(secret: str) -> str:
    """Serve the API with gunicorn and measure requests per second on a list."""
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "casetracker.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={os.cpu_count() or 1}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=_server_environment(),
    )
    try:
        _wait_for(port)
        result = run_load(
            host="127.0.0.1",
            port=port,
            path=f"/api/v1/cases/?page_size={PAGE}",
            headers={"Authorization": f"Token {secret}"},
            threads=LOAD_THREADS,
            seconds=LOAD_SECONDS,
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return (
        f"gunicorn, {os.cpu_count()} sync workers, 50-row list: "
        f"{result.requests_per_second:,.0f} requests/s, p50 {result.p50:.1f} ms, "
        f"p95 {result.p95:.1f} ms under load, {result.errors} errors "
        "(the load generator shares the machine's cores)."
    )


def _server_environment() -> dict[str, str]:
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = settings["USER"] + (
            f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
        )
        url = f"postgres://{auth}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    else:
        url = f"sqlite:///{settings['NAME']}"
    return {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "60",
        "SECRET_KEY": "bench-only-secret-key-0123456789-not-for-any-server",
        # The server reads the sensitive fields this process wrote.
        "FIELD_ENCRYPTION_KEYS": ",".join(django_settings.FIELD_ENCRYPTION_KEYS),
        "SECURE_SSL_REDIRECT": "false",
        "READ_DOT_ENV": "false",
        "LOG_LEVEL": "WARNING",
        "API_THROTTLE_USER": "1000000/minute",
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


@dataclass(frozen=True)
class LoadResult:
    requests_per_second: float
    p50: float
    p95: float
    errors: int


def run_load(
    *,
    host: str,
    port: int,
    path: str,
    headers: dict[str, str],
    threads: int,
    seconds: float,
) -> LoadResult:
    """GET a path from several threads for a while; count answers and latencies."""
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        connection = http.client.HTTPConnection(host, port, timeout=30)
        mine: list[float] = []
        failed = 0
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection(host, port, timeout=30)
                ok = False
            if ok:
                mine.append((time.perf_counter() - started) * 1000)
            else:
                failed += 1
        connection.close()
        with lock:
            latencies.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    cut_points = statistics.quantiles(latencies, n=20, method="inclusive")
    return LoadResult(
        requests_per_second=len(latencies) / elapsed,
        p50=statistics.median(latencies),
        p95=cut_points[-1],
        errors=errors[0],
    )
