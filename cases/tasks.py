"""Celery tasks of the cases app: thin wrappers that take ids and call one function."""

from celery import shared_task

from . import duplicate_search, duplicates

# A full run over 100,000 persons takes minutes, not the default 5.
DUPLICATES_TIME_LIMIT = 3 * 3600


@shared_task(
    acks_late=True,
    soft_time_limit=DUPLICATES_TIME_LIMIT,
    time_limit=DUPLICATES_TIME_LIMIT + 60,
)
def find_duplicate_persons(person_ids: list[int] | None = None) -> int:
    """Record likely duplicates of these persons (of everyone without ids).

    Idempotent: running it again refreshes open pairs and keeps decisions.
    Enqueue with transaction.on_commit, so the persons are there to read.
    """
    return duplicates.find_duplicate_persons(person_ids=person_ids)


@shared_task(
    acks_late=True,
    soft_time_limit=DUPLICATES_TIME_LIMIT,
    time_limit=DUPLICATES_TIME_LIMIT + 60,
)
def search_for_duplicates() -> None:
    """Look for the duplicates of everyone, as the duplicates page asked."""
    duplicate_search.run_search()
