"""The Celery application, configured from Django's settings (CELERY_ namespace)."""

import gc
import os

from celery import Celery
from celery.signals import worker_process_init, worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casetracker.settings")

app = Celery("casetracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


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
