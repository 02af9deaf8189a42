"""How long a full pull takes by each bulk route, and whether memory stays flat.

Each export (`/api/v1/cases/export/<kind>/`) is read to its end through
`django.test.Client`, chunk by chunk as a socket would send it, never joined;
the resident memory of the process is sampled as the chunks arrive.
"""

import os
import resource
import time

from django.contrib.auth import get_user_model
from django.http import StreamingHttpResponse
from django.test import Client

from api.models import ApiToken
from cases.fake_data import generate_fake_data
from cases.models import Case

from .database import analyze, empty_database
from .report import Section

SIZES = {"quick": 10_000, "full": 100_000}
KINDS = ["csv", "jsonl", "bundle"]
TARGET_SECONDS = 30
SAMPLE_EVERY = 10  # chunks
HEADERS = ["Route", "Cases", "MiB sent", "Seconds", "Cases/s", "RSS start", "RSS max"]


def run(*, scale: str) -> Section:
    """Pull every case by each bulk route, timing it and sampling memory."""
    size = SIZES[scale]
    section = Section(
        name="bulk_pull",
        title="Bulk pull",
        intro=(
            f"{size:,} fake persons, each with a case (`generate_fake_data`), "
            "pulled whole by each bulk route as a superuser with a token. "
            "RSS is the process's resident memory (/proc/self/statm) when the "
            f"first chunk arrives and its maximum over samples every "
            f"{SAMPLE_EVERY} chunks: flat memory keeps them close whatever "
            "the number of cases."
        ),
        headers=HEADERS,
    )
    empty_database()
    generate_fake_data(persons=size, seed=1)
    analyze()
    user = get_user_model().objects.create_superuser(username="bench", password=None)
    secret = ApiToken.objects.issue(user=user)[1]
    client = Client(HTTP_AUTHORIZATION=f"Token {secret}")
    cases = Case.objects.count()
    for kind in KINDS:
        section.rows.append(_pull(client, kind, cases))
    section.notes.append(
        f"Target: a full pull of 100,000 cases in ≤ {TARGET_SECONDS} s by any "
        "bulk route, memory flat. Peak RSS of the whole run (getrusage): "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024:,} MiB."
    )
    return section


def _pull(client: Client, kind: str, cases: int) -> list[str]:
    started = time.perf_counter()
    response = client.get(f"/api/v1/cases/export/{kind}/")
    if not isinstance(response, StreamingHttpResponse):
        raise RuntimeError(f"export/{kind}/ answered {response.status_code}")
    sent, samples = 0, []
    for number, chunk in enumerate(response.streaming_content):
        sent += len(chunk)
        if number % SAMPLE_EVERY == 0:
            samples.append(_resident_mib())
    response.close()
    seconds = time.perf_counter() - started
    return [
        f"`export/{kind}/`",
        f"{cases:,}",
        f"{sent / 2**20:,.1f}",
        f"{seconds:.1f}",
        f"{cases / seconds:,.0f}",
        f"{samples[0]:,} MiB",
        f"{max(samples):,} MiB",
    ]


def _resident_mib() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 2**20
