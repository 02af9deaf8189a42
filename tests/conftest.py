import os
from importlib import import_module

import pytest
from django.core.cache import cache
from django.core.files.storage import Storage, storages
from django.db import connection
from django.utils import translation
from hypothesis import settings

from sources.models import Capture
from tests.services import missing, redis_problem

# Speed is measured by the benchmarks, not by tests: Hypothesis's deadline of
# 200 ms failed a property test whose first example warmed the name tables on a
# busy machine (256 ms, then 0.06 ms).
settings.register_profile("casetracker", deadline=None)
settings.load_profile("casetracker")

DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Start every test with an empty cache: the dashboard keeps its figures and
    the API its throttle counts there, by user id, which tests reuse."""
    cache.clear()


@pytest.fixture(autouse=True)
def _english_until_asked(settings):
    """Start every test in English: a request in another language leaves it
    active in the thread after its response."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _static_files_without_manifest(settings):
    # The manifest exists only after collectstatic, which tests don't run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }


@pytest.fixture
def case_worker(db, django_user_model):
    """Return a staff user with every permission of the case workers' admin."""
    return django_user_model.objects.create_superuser(
        username="caseworker", email="caseworker@example.org", password="pw-for-tests"
    )


@pytest.fixture
def admin_client(client, case_worker):
    client.force_login(case_worker)
    return client


@pytest.fixture(scope="session")
def redis_url() -> str:
    """Return the URL of a reachable Redis for broker tests (env TEST_REDIS_URL).

    Without one, skip the test on a developer's machine, and fail it in CI, which
    must start Redis before the tests.
    """
    url = os.environ.get("TEST_REDIS_URL", DEFAULT_TEST_REDIS_URL)
    problem = redis_problem(url)
    if problem:
        missing("Redis", f"{problem}; start it, or set TEST_REDIS_URL")
    return url


@pytest.fixture
def evidence_storage(settings, tmp_path, monkeypatch) -> Storage:
    """Point the evidence storage at a temporary folder; return it.

    Overriding STORAGES resets storages["evidence"], but Capture's FileFields
    resolved their callable storage once, at import: point them at it too.
    """
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "evidence"},
        },
    }
    storage = storages["evidence"]
    for name in ("body", "warc"):
        monkeypatch.setattr(Capture._meta.get_field(name), "storage", storage)
    return storage


@pytest.fixture
def access_log_emptied_after(transactional_db):
    """Empty the access log a live server wrote, before the test database is flushed.

    The log is append-only in the database itself. PostgreSQL's flush truncates,
    which its trigger allows; SQLite's deletes row by row, which its trigger
    refuses: there the triggers are set aside for the emptying.
    """
    yield
    if connection.vendor != "sqlite":
        return
    create, drop = import_module("audit.migrations.0001_initial").TRIGGERS["sqlite"]
    with connection.cursor() as cursor:
        for statement in [*drop, "DELETE FROM audit_accesslogentry", *create]:
            cursor.execute(statement)
