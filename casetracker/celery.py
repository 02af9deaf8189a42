"""The Celery application, configured from Django's settings (CELERY_ namespace)."""

import gc
import os

from celery import Celery, Task
from celery.signals import worker_process_init, worker_ready
from django.conf import settings
from django.db import connections, transaction

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")

app = Celery("casetracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


def enqueue_on_commit(task: Task, *args: object) -> None:
    """Run the task once the current transaction commits: on a worker, or here.

    Without a broker (the laptop) the task runs in this process, and no broker
    client is made: even an eager delay() opens one, to check the serializer.
    """
    if settings.CELERY_TASK_ALWAYS_EAGER:
        transaction.on_commit(lambda: task.apply(args=args))
    else:
        transaction.on_commit(lambda: task.delay(*args))


@worker_process_init.connect  # each child of the prefork pool
@worker_ready.connect  # the solo and thread pools work in the main process
def freeze_startup_objects(**signal: object) -> None:
    """Keep the objects of a started worker out of later garbage collections.

    Django, lxml, trafilatura and the name tables leave some 300,000 objects
    that live as long as the process, and every full collection walked them
    all: 100 to 400 ms, every few dozen articles. Frozen, they are never
    collected, so a full collection walks only what the tasks made since.
    """
    gc.collect()
    gc.freeze()


# PostgreSQL's setting, given to the server when a worker's connection opens.
_NO_WAIT_FOR_DISK = "-c synchronous_commit=off"


@worker_process_init.connect
@worker_ready.connect
def commit_without_waiting_for_disk(**signal: object) -> None:
    """Let the worker's commits return before PostgreSQL has written them to disk.

    Each import writes several times (the extracted text, the mentions) and
    each commit waited for the disk. What a worker writes is computed from
    what is kept elsewhere: text and mentions from the capture, feed state
    from the feed, suggestions from the persons. A crash of the database
    server may lose the last fraction of a second of such commits, never
    corrupt them; the articles it leaves half-way are imported again
    (sources.importing.resume_stalled_imports). Captures, the evidence, still
    wait for the disk (sources.archive), and so does everything the web
    process commits: case workers' own work.
    """
    for connection in connections.all():
        if connection.vendor == "postgresql":
            no_wait_for_disk(connection.settings_dict)
            connection.close()  # the next query opens it with the setting


def no_wait_for_disk(settings_dict: dict) -> None:
    """Add asynchronous commit to a PostgreSQL database's connection options."""
    options = settings_dict.setdefault("OPTIONS", {})
    given = options.get("options", "")
    if _NO_WAIT_FOR_DISK not in given:
        options["options"] = f"{given} {_NO_WAIT_FOR_DISK}".strip()
