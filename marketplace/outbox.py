"""The one way the marketplace queues Celery tasks: nothing is lost while the broker is away.

``enqueue_on_commit(task, *args)`` publishes the task once the current transaction commits (at once
outside one). When the broker does not take it (Redis down or hung: ``BROKER_ERRORS``), the task is
kept as a ``PendingTask`` row instead and the request goes on; after such a failure the broker is
skipped for a few seconds, so a dead broker costs one request its publish timeout, not every one.
``flush()`` publishes the kept tasks, oldest first, deleting each row only once the broker took its
task. It runs from Celery beat every minute (``flush_task_outbox``), each time a worker connects to
the broker (at start and after an outage: marketplace/celery.py), after the first publish that works
again in a process, and from ``manage.py flush_task_outbox``. A task may thus run twice (a kept task
and a later identical one): every task is idempotent (e-mails claimed once, refreshes reading the
current state, payouts and Stripe calls keyed).

Without a broker (the embedded default, tasks run in-process) nothing changes: the task runs at the
moment it is queued.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence

from celery import Task
from django.db import transaction
from kombu.exceptions import OperationalError as KombuOperationalError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .models import PendingTask
from .resilience import CircuitBreaker, ThrottledWarning

logger = logging.getLogger(__name__)

# Celery wraps the transport's errors in kombu's OperationalError; the others are what a transport
# might let through (socket errors are OSErrors).
BROKER_ERRORS = (KombuOperationalError, RedisConnectionError, RedisTimeoutError, OSError)
PAUSE_SECONDS = 5.0
FLUSH_BATCH = 200

broker = CircuitBreaker(PAUSE_SECONDS)
_warn = ThrottledWarning(logger)


def enqueue_on_commit(task: Task, *args) -> None:
    """Publish ``task(*args)`` once the transaction commits (a rolled-back change queues nothing)."""
    # robust: whatever happens now, the transaction has committed; failing the request would lie.
    transaction.on_commit(lambda: enqueue(task, *args), robust=True)


def enqueue(task: Task, *args) -> bool:
    """Publish ``task(*args)`` now, or keep it for later; True when the broker took it."""
    if task.app.conf.task_always_eager:
        task.apply_async(args=args)  # in-process: runs here, now, as it always did
        return True
    if not broker.is_open():
        try:
            task.apply_async(args=args)
        except BROKER_ERRORS as failure:
            broker.trip()
            _warn("Celery broker unreachable (%s): tasks are kept in the outbox until it is back.", failure)
        else:
            if broker.succeeded() is not None:
                _flush_soon()
            return True
    _keep(task.name, args)
    return False


def idempotency_key(task_name: str, args: Sequence) -> str:
    canonical = json.dumps([task_name, list(args)], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _keep(task_name: str, args: Sequence) -> None:
    # Outside the caller's transaction (this runs after its commit): the row must outlive the request.
    PendingTask.objects.get_or_create(idempotency_key=idempotency_key(task_name, args), defaults={"task_name": task_name, "args": list(args)})


def _flush_soon() -> None:
    """The broker is back for this process: publish what it kept meanwhile (other processes' rows too)."""
    from .tasks import flush_task_outbox

    if PendingTask.objects.exists():
        enqueue(flush_task_outbox)


def flush(batch_size: int = FLUSH_BATCH) -> tuple[int, int]:
    """Publish the kept tasks; stops at the first broker failure. Returns (published, still kept).

    Rows are locked while published (skipped by a concurrent flush on PostgreSQL), so two flushers
    do not publish the same task; a crash between the publish and the delete publishes it again.
    """
    from .celery import app

    published, after_pk = 0, 0
    while True:
        with transaction.atomic():
            rows = list(PendingTask.objects.select_for_update(skip_locked=True).filter(pk__gt=after_pk).order_by("pk")[:batch_size])
            if not rows:
                break
            sent = []
            for row in rows:
                after_pk = row.pk
                task = app.tasks.get(row.task_name)
                if task is None:  # renamed or removed since it was kept: a person decides
                    _record_failure(row, f"unknown task {row.task_name}")
                    continue
                try:
                    task.apply_async(args=row.args)
                except BROKER_ERRORS as failure:
                    broker.trip()
                    _record_failure(row, repr(failure))
                    PendingTask.objects.filter(pk__in=sent).delete()
                    published += len(sent)
                    logger.warning("Task outbox: broker unreachable (%s); %d tasks published, the rest wait.", failure, published)
                    return published, PendingTask.objects.count()
                sent.append(row.pk)
            PendingTask.objects.filter(pk__in=sent).delete()
            published += len(sent)
    broker.succeeded()
    if published:
        logger.info("Task outbox: %d tasks published.", published)
    return published, PendingTask.objects.count()


def _record_failure(row: PendingTask, error: str) -> None:
    PendingTask.objects.filter(pk=row.pk).update(attempts=row.attempts + 1, last_error=error[:2000])
