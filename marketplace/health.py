"""/health/: whether this app server can reach what it needs, for the load balancer and monitoring.

200 when the database, the shared cache, the Celery broker and the search engine answer; 503
otherwise. Only a trusted caller learns which part failed and how long each took: one calling from
the internal networks (HEALTH_INTERNAL_NETWORKS) or sending the token (HEALTH_TOKEN, as
``Authorization: Bearer …`` or ``X-Health-Token: …``). Anybody else gets the status code and
``{"status": "ok"}`` or ``"error"``: enough for a load balancer, nothing about the site's insides.

Behind reverse proxies (TRUSTED_PROXY_COUNT > 0) the connection comes from the proxy, whatever the
caller: the caller's address is then the one the outermost proxy wrote in X-Forwarded-For, as for the
login throttle. A request that did not come through the proxies (no such entry) is not trusted by
address, only by token: a probe calling the app server directly gets the status code alone.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
import time
from functools import lru_cache

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


def check_cache() -> str:
    from django.core.cache import cache

    ping = getattr(cache, "ping", None)  # the shared cache on Redis (marketplace/cache.py)
    if ping is None:
        return "in-process"  # the embedded default: each process caches for itself
    # Without it pages answer all the same (a miss), from the database: reported, as it costs them time.
    ping()
    return "ok"


CHECKS = {"database": check_database, "cache": check_cache, "broker": check_broker, "search": check_search}


@lru_cache(maxsize=4)
def _networks(configured: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(network, strict=False) for network in configured)


def caller_address(request) -> str:
    """The caller's address: the connection's, or behind TRUSTED_PROXY_COUNT proxies the entry the
    outermost one appended to X-Forwarded-For ("" when the request did not come through them)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if not proxies:
        return request.META.get("REMOTE_ADDR", "")
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if entry.strip()]
    return forwarded[-proxies] if len(forwarded) >= proxies else ""


def from_internal_network(request) -> bool:
    try:
        address = ipaddress.ip_address(caller_address(request))
    except ValueError:  # no address, or not one
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # ::ffff:10.0.0.5 is 10.0.0.5
    return any(address in network for network in _networks(tuple(settings.HEALTH_INTERNAL_NETWORKS)))


def offered_token(request) -> str:
    scheme, _space, credentials = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.headers.get("X-Health-Token", "")


def with_token(request) -> bool:
    expected = settings.HEALTH_TOKEN
    # Compared in constant time: how long the comparison takes says nothing about the token.
    return bool(expected) and hmac.compare_digest(offered_token(request).encode(), expected.encode())


def may_see_details(request) -> bool:
    return from_internal_network(request) or with_token(request)


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
    answer = {"status": "ok" if healthy else "error"}
    if may_see_details(request):
        answer["checks"] = report
    return JsonResponse(answer, status=200 if healthy else 503)
