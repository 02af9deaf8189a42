"""Timing and counting what one request or one call costs."""

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class RequestTimes:
    """Latencies of repeated GET requests to one URL, in milliseconds."""

    p50: float
    p95: float
    queries: int
    result_count: int | None


def time_get(
    *,
    client: Client,
    url: str,
    requests: int,
    warmup: int = 2,
    before_each: Callable[[], object] = lambda: None,
) -> RequestTimes:
    """GET a URL repeatedly and return its median and 95th-percentile latency.

    Queries are counted in one extra request, so that capturing them does not
    slow the timed ones. `before_each` runs untimed before every request (to
    empty a cache, say).
    """
    for _ in range(warmup):
        before_each()
        _get(client, url)
    latencies = []
    for _ in range(requests):
        before_each()
        started = time.perf_counter()
        _get(client, url)
        latencies.append((time.perf_counter() - started) * 1000)
    before_each()
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, url)
    changelist = response.context and response.context.get("cl")
    cut_points = statistics.quantiles(latencies, n=20, method="inclusive")
    return RequestTimes(
        p50=statistics.median(latencies),
        p95=cut_points[-1],
        queries=len(queries),
        result_count=changelist.result_count if changelist else None,
    )


def _get(client: Client, url: str):
    response = client.get(url)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} answered {response.status_code}")
    return response
