"""/health/ tells the load balancer whether this app server can reach its database, broker and search."""

import pytest

from marketplace.celery import app as celery_app

pytestmark = pytest.mark.django_db


def test_health_reports_every_part(client, settings):
    answer = client.get("/health/")
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    checks = answer.json()["checks"]
    # With REDIS_URL (CI's second run) the broker is really reached; without, tasks run in-process.
    broker = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert {name: check["status"] for name, check in checks.items()} == {"database": "ok", "broker": broker, "search": "ok"}


def test_an_unreachable_broker_or_search_cluster_makes_it_fail(client, settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")  # nothing listens there
    settings.SEARCH_ENGINE, settings.SEARCH_CLUSTER_FLAVOUR, settings.SEARCH_CLUSTER_URL = "elasticsearch", "opensearch", "http://127.0.0.1:9"
    answer = client.get("/health/")
    assert answer.status_code == 503
    statuses = {name: check["status"] for name, check in answer.json()["checks"].items()}
    assert statuses == {"database": "ok", "broker": "error", "search": "error"}
    assert "127.0.0.1:9" not in answer.content.decode()  # no address, no secret
