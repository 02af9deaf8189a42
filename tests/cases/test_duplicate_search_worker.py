"""With a broker, "Find duplicates now" queues the search for a real Celery worker,
and the page follows its progress through the cache both share."""

import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from cases import duplicate_search
from cases.models import DuplicateCandidate
from casetracker.celery import app
from tests.factories import person_named
from tests.services import ping_until_reply, require_postgresql, start_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
SEARCH = reverse("admin:cases_duplicate_search")
STATUS = reverse("admin:cases_duplicate_search_status")


@pytest.fixture
def shared_database_url() -> str:
    """Return a URL of the test database that a worker process can open too."""
    require_postgresql()
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    host = f"{db['HOST']}:{db['PORT'] or 5432}"
    return f"postgres://{db['USER']}{password}@{host}/{db['NAME']}"


@pytest.fixture
def with_broker(settings, redis_url, monkeypatch):
    """Send tasks to the Redis broker, and keep the run's state in Redis too."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
        }
    }
    monkeypatch.setattr(app.conf, "broker_url", redis_url)
    app.close()  # forget the connections made for the broker of the settings
    yield redis_url
    cache.delete(duplicate_search.CACHE_KEY)
    app.close()


def test_a_worker_runs_the_search_and_the_page_shows_its_end(
    with_broker, shared_database_url, admin_client, tmp_path: Path
):
    person_named("Gulnar Serikova")
    person_named("Гүлнар Серікова")
    app.control.purge()  # what earlier runs may have left on this test broker
    name = f"ct-dupes-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {
        "DEBUG": "true",
        "READ_DOT_ENV": "false",
        "DATABASE_URL": shared_database_url,
        "CACHE_URL": with_broker,
    }
    worker = start_worker(name=name, broker_url=with_broker, log=log, env=env)
    try:
        ping_until_reply(broker_url=with_broker, name=name, worker=worker, log=log)
        admin_client.post(SEARCH)
        status = admin_client.get(STATUS).json()
        deadline = time.monotonic() + 60
        while status["in_progress"] and time.monotonic() < deadline:
            time.sleep(0.5)
            status = admin_client.get(STATUS).json()
    finally:
        worker.kill()
        worker.wait()

    assert "listed 1 possible pair." in status["text"], log.read_text()
    assert DuplicateCandidate.objects.count() == 1
