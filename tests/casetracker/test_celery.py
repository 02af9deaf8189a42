"""The worker's process set-up in casetracker.celery."""

import gc
from collections.abc import Iterator

import pytest
from celery.signals import worker_process_init, worker_ready

from casetracker.celery import freeze_startup_objects


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


def test_every_pool_freezes_its_working_process() -> None:
    for signal in (worker_process_init, worker_ready):
        receivers = [ref() for _, ref in signal.receivers]
        assert freeze_startup_objects in receivers
