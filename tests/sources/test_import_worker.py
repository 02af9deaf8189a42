"""The import on real Celery workers with a Redis broker: a worker killed in the
middle of a task loses nothing, and the article is matched exactly once."""

import os
import signal
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.core.management import call_command
from django.db import connection

from sources.models import ArticleState, Capture, Mention, SourceArticle
from tests.services import ping_until_reply, require_postgresql, start_worker
from tests.sources.articles import seed_page
from tests.sources.conftest import Route

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
REDELIVERY_SECONDS = 3


@pytest.fixture
def shared_database_url() -> str:
    """Return a URL of the test database that a worker process can open too."""
    # A worker process opens the test database too: SQLite's is in memory.
    require_postgresql()
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}"
        f"/{db['NAME']}"
    )


def worker_env(database_url: str, evidence: Path) -> dict[str, str]:
    return {
        "DEBUG": "true",
        "READ_DOT_ENV": "false",
        "DATABASE_URL": database_url,
        "EVIDENCE_ROOT": str(evidence),
        "SOURCES_FETCH_ALLOWED_NETWORKS": "127.0.0.1/32",
        "CELERY_VISIBILITY_TIMEOUT": str(REDELIVERY_SECONDS),
    }


def wait_for(condition, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}:\n{log.read_text()}")


def test_killed_worker_loses_nothing_and_the_article_is_matched_once(
    redis_url, shared_database_url, local_server, tmp_path
):
    call_command("load_demo")
    # The first answer is slow, so that the first worker dies in the middle of it.
    local_server.routes["/news"] = [
        Route(headers={"Content-Type": "text/html"}, body=seed_page(), delay=30),
        Route(headers={"Content-Type": "text/html"}, body=seed_page()),
    ]
    article = SourceArticle.objects.create(
        url=local_server.url("/news"), state=ArticleState.QUEUED
    )
    env = worker_env(shared_database_url, tmp_path / "evidence")
    broker = Celery("ct-test-producer", broker=redis_url)
    broker.conf.broker_transport_options = {"visibility_timeout": REDELIVERY_SECONDS}
    broker.control.purge()  # what earlier runs may have left on this test broker
    names = [f"ct-import-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    log = tmp_path / "workers.log"
    workers = []
    try:
        first = start_worker(name=names[0], broker_url=redis_url, log=log, env=env)
        workers.append(first)
        ping_until_reply(broker_url=redis_url, name=names[0], worker=first, log=log)
        broker.send_task("sources.tasks.import_article", args=[article.pk])
        wait_for(lambda: local_server.requests, 30, "the first worker to fetch", log)
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)

        second = start_worker(name=names[1], broker_url=redis_url, log=log, env=env)
        workers.append(second)

        def matched() -> bool:
            article.refresh_from_db()
            return article.state == ArticleState.MATCHED

        wait_for(matched, 90, "the article to be matched", log)
    finally:
        broker.close()
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait()

    assert len(local_server.requests) == 2  # the killed worker's, and the retry
    assert Capture.objects.filter(article=article).count() == 1
    spans = list(Mention.objects.values_list("person_id", "start", "end"))
    assert len(spans) == len(set(spans)) > 0
