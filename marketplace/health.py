"""/health/: whether this app server can reach what it needs, for the load balancer and monitoring.

200 when the database, the Celery broker and the search engine answer; 503 otherwise, naming the
failing part (never a secret). No login: it says nothing a visitor could use.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
BROKER_TIMEOUT_SECONDS = 2.0


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"  # the embedded default: tasks run in the request's process
    from marketplace.celery import app

    with app.connection_for_write() as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
    return "ok"


def check_search() -> str:
    from search.engines import configured_engine
    from search.models import SearchEntry

    SearchEntry.objects.exists()
    engine = configured_engine()
    if engine.name != "database":
        engine.suggest("health", 1)  # any answer from the cluster will do
    return "ok"


CHECKS = {"database": check_database, "broker": check_broker, "search": check_search}


@never_cache
@require_GET
def health(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        started = time.monotonic()
        try:
            status = check()
        except Exception as failure:  # noqa: BLE001 (any failure is a failing part, reported, not raised)
            logger.warning("Health check %s failed: %s", name, failure)
            status, healthy = "error", False
        report[name] = {"status": status, "ms": round((time.monotonic() - started) * 1000, 1)}
    return JsonResponse({"status": "ok" if healthy else "error", "checks": report}, status=200 if healthy else 503)
