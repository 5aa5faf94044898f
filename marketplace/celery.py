"""The Celery application. Without a broker (the embedded default) tasks run eagerly in-process."""

import logging
import os

from celery import Celery
from celery.signals import worker_ready

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("echoppe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect(dispatch_uid="marketplace.flush_task_outbox_when_ready")
def flush_task_outbox_when_ready(**kwargs):
    """A worker is connected, so the broker is back: publish the tasks kept while it was away."""
    from django.db import connections

    from marketplace.outbox import flush

    try:
        flush()
    except Exception:  # noqa: BLE001 (beat flushes again within the minute; the worker must start)
        logging.getLogger(__name__).exception("Task outbox not flushed at worker start")
    finally:
        connections.close_all()  # the worker's main process does not keep a database connection
