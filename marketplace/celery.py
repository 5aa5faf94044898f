"""The Celery application. Without a broker (the embedded default) tasks run eagerly in-process."""

import logging
import os

from celery import Celery, bootsteps

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")

app = Celery("echoppe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class FlushTaskOutbox(bootsteps.StartStopStep):
    """Each time a worker connects to the broker, at start and again after an outage (Celery restarts
    the consumer's steps then, where worker_ready is sent only once), publish the tasks kept while the
    broker was away (marketplace/outbox.py). Beat flushes every minute too."""

    requires = {"celery.worker.consumer.connection:Connection"}

    def start(self, consumer):
        from django.db import connections

        from marketplace.outbox import flush

        try:
            flush()
        except Exception:  # noqa: BLE001 (beat flushes again within the minute; the worker must start)
            logging.getLogger(__name__).exception("Task outbox not flushed on connecting to the broker")
        finally:
            connections.close_all()  # the worker's main process keeps no database connection


app.steps["consumer"].add(FlushTaskOutbox)
