"""A search for duplicates over every person, started by a case worker.

The duplicates page starts it and shows how far it got. Its state lives in
Django's cache, which a worker and the web processes share when there is a
broker (CACHE_URL points both at Redis); on a laptop the search runs in the
web process itself, once the request's transaction commits.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casetracker.celery import enqueue_on_commit

from . import duplicates

__all__ = ["CACHE_KEY", "SearchRun", "current_run", "run_search", "start_search"]

logger = logging.getLogger(__name__)

CACHE_KEY = "cases:duplicate-search"
# A run not heard of for this long died with its worker: another may start.
_STALE_AFTER = timedelta(hours=4)
QUEUED, RUNNING, FINISHED, FAILED = "queued", "running", "finished", "failed"


@dataclass
class SearchRun:
    """Where the last search for duplicates got to."""

    state: str = QUEUED
    started_at: datetime = field(default_factory=timezone.now)
    updated_at: datetime = field(default_factory=timezone.now)
    checked: int = 0
    total: int = 0
    found: int = 0

    @property
    def in_progress(self) -> bool:
        """Say whether the run is waiting or working, and not given up for dead."""
        alive = timezone.now() - self.updated_at < _STALE_AFTER
        return self.state in (QUEUED, RUNNING) and alive

    def describe(self) -> str:
        """Say what happened, in a case worker's words."""
        started = date_format(timezone.localtime(self.started_at), "DATETIME_FORMAT")
        if self.state == QUEUED and self.in_progress:
            return _("Waiting to start the search for duplicates (asked at %s).") % (
                started
            )
        if self.state == RUNNING and self.in_progress:
            return _(
                "Searching for duplicates: %(checked)s of %(total)s persons checked."
            ) % {
                "checked": number_format(self.checked, force_grouping=True),
                "total": number_format(self.total, force_grouping=True),
            }
        if self.state == FINISHED:
            ended = date_format(timezone.localtime(self.updated_at), "DATETIME_FORMAT")
            return ngettext(
                "The last search for duplicates finished at %(ended)s: it checked "
                "%(checked)s persons and listed %(found)s possible pair.",
                "The last search for duplicates finished at %(ended)s: it checked "
                "%(checked)s persons and listed %(found)s possible pairs.",
                self.found,
            ) % {
                "ended": ended,
                "checked": number_format(self.checked, force_grouping=True),
                "found": number_format(self.found, force_grouping=True),
            }
        return (
            _(
                "The search for duplicates started at %s did not finish. "
                "Start it again; if it fails again, tell your administrator."
            )
            % started
        )


def current_run() -> SearchRun | None:
    """Return the last search's state, or None if none was started."""
    held = cache.get(CACHE_KEY)
    return SearchRun(**held) if held else None


def start_search() -> bool:
    """Start a search for duplicates unless one is under way; say if it started.

    It runs on a worker, or here after the transaction commits on a laptop.
    """
    run = current_run()
    if run is not None and run.in_progress:
        return False
    _save(SearchRun())
    # Imported here: the tasks module imports the duplicate search too.
    from cases.tasks import search_for_duplicates

    enqueue_on_commit(search_for_duplicates)
    return True


def run_search() -> None:
    """Look for the duplicates of every person, keeping the run's state current."""
    run = current_run() or SearchRun()
    run.state = RUNNING
    _save(run)

    def checked(done: int, total: int) -> None:
        run.checked, run.total = done, total
        _save(run)

    try:
        run.found = duplicates.find_duplicate_persons(progress=checked)
    except Exception:
        # The log tells an administrator why; the page says it failed. Not
        # raised again: on a laptop that would turn the page into an error.
        logger.exception("The search for duplicates failed.")
        run.state = FAILED
        _save(run)
        return
    run.state = FINISHED
    _save(run)


def _save(run: SearchRun) -> None:
    run.updated_at = timezone.now()
    cache.set(CACHE_KEY, asdict(run), timeout=None)
