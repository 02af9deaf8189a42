"""The worker's process set-up in casetracker.celery."""

import copy
import gc
from collections.abc import Iterator

import pytest
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.db import connection, connections

from casetracker.celery import (
    app,
    commit_without_waiting_for_disk,
    freeze_startup_objects,
    no_wait_for_disk,
)
from tests.services import require_postgresql


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_freezing_keeps_live_objects_out_of_collections(unfrozen: None) -> None:
    kept = [object(), [1, 2], {"a": 1}]
    freeze_startup_objects()
    assert gc.get_freeze_count() > 0
    collectable = {id(found) for found in gc.get_objects()}
    assert not collectable & {id(item) for item in kept}


def test_every_pool_sets_up_its_working_process() -> None:
    for signal in (worker_process_init, worker_ready):
        receivers = [ref() for _, ref in signal.receivers]
        assert freeze_startup_objects in receivers
        assert commit_without_waiting_for_disk in receivers


@pytest.mark.django_db
def test_a_worker_connection_commits_without_waiting_for_the_disk() -> None:
    require_postgresql()  # asynchronous commit is PostgreSQL's
    settings_dict = copy.deepcopy(connection.settings_dict)
    no_wait_for_disk(settings_dict)
    no_wait_for_disk(settings_dict)  # set up twice, given once
    worker = type(connections["default"])(settings_dict, alias="default")
    try:
        with worker.cursor() as cursor:
            cursor.execute("SHOW synchronous_commit")
            assert cursor.fetchone() == ("off",)
    finally:
        worker.close()
    assert settings_dict["OPTIONS"]["options"].count("synchronous_commit") == 1


def test_every_scheduled_task_is_a_task() -> None:
    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "sources.tasks.resume_stalled_imports" in scheduled
    assert scheduled <= set(app.tasks)
