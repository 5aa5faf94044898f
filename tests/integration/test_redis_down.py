"""Redis is not a single point of failure: the site served on a Redis of the test's own (cache,
sessions and Celery broker, configured as production configures them), then that Redis stopped or
paused under it.

Nothing is mocked: a real redis-server on a free port (never the shared one on 6379), the site's
real middleware through Django's test client with CSRF checks on, Celery publishing to that Redis
and a real worker consuming it. Runs in every mode (SQLite or PostgreSQL, with or without the
environment's broker); skipped only where no redis-server is installed.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from decimal import Decimal

import kombu.pools
import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.signals import task_postrun
from django.core import mail
from django.core.management import call_command
from django.test import Client

from checkout.order.models import CheckoutGroup
from marketplace import cache as resilient_cache
from marketplace import outbox
from marketplace.cache import redis_cache_settings
from marketplace.celery import app as celery_app
from marketplace.models import OutgoingEmail, OutgoingEmailStatus, PendingTask
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="needs redis-server (Debian's redis-server package)"),
]

PASSWORD = "un-mot-de-passe-solide"  # the factories' password
SESSION_KEY_IN_REDIS = "cache:1:django.contrib.sessions.cached_db{}"


class RedisServer:
    """A redis-server process of this test's own, on a free port, without persistence."""

    def __init__(self, directory):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        # A service outside the site, as in production: not on the clock CI moves with libfaketime
        # (which also crashes Redis's allocator at start).
        environment = {name: value for name, value in os.environ.items() if name != "LD_PRELOAD" and not name.startswith("FAKETIME")}
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environment,
        )
        client = redis.Redis.from_url(self.url, socket_timeout=0.5)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()

    def pause(self) -> None:
        """A hung Redis: connections are accepted by the kernel, nothing is ever answered."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=1)


@pytest.fixture
def own_redis(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.resume()
    server.stop()


def _drop_broker_connections() -> None:
    """Celery keeps a connection pool for the broker it first reached; the test changes broker.
    kombu registers its pools globally per broker address: closing one without forgetting it would
    leave a closed pool for the next test on that address (even eager tasks take a producer)."""
    kombu.pools.reset()
    celery_app._pool = None
    if "amqp" in celery_app.__dict__:
        celery_app.amqp._producer_pool = None


@pytest.fixture
def site_on_redis(own_redis, settings, monkeypatch):
    """The site configured as production is with REDIS_URL: the resilient cache with its timeouts,
    sessions in cached_db, Celery's broker on the same Redis (with production's publish timeouts,
    which are in the settings the app was configured from). Breakers pause 0.5 s instead of 5 s,
    so that the test need not wait for Redis to be tried again."""
    monkeypatch.setattr(resilient_cache, "PAUSE_SECONDS", 0.5)
    monkeypatch.setattr(outbox.broker, "pause_seconds", 0.5)
    outbox.broker.reset()
    settings.CACHES = {"default": redis_cache_settings(own_redis.url)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.CELERY_TASK_ALWAYS_EAGER = False
    conf = celery_app.conf
    previous = conf.broker_url, conf.task_always_eager, conf.task_default_queue
    _drop_broker_connections()
    # A queue of this test's own: nothing else reaches its worker, nothing of its own is left behind.
    conf.broker_url, conf.task_always_eager, conf.task_default_queue = own_redis.url, False, f"echoppe-test-{uuid.uuid4().hex}"
    yield own_redis
    _drop_broker_connections()
    conf.broker_url, conf.task_always_eager, conf.task_default_queue = previous
    outbox.broker.reset()


@pytest.fixture
def shop_and_customer():
    baker = ShopFactory(partner__name="Fournil de Gap")
    ClickAndCollectOption.objects.create(shop=baker, preparation_hours=0, horizon_days=14)
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=baker, weekday=weekday, opens_at=datetime.time(6), closes_at=datetime.time(22))
    bread = ProductFactory(shop=baker, title="Pain au levain", shop__price=Decimal("4.00"))
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr")
    return baker, bread, customer


def browser() -> Client:
    return Client(enforce_csrf_checks=True)


def post_form(client: Client, page_url: str, url: str, data: dict, **extra):
    """POST as a browser does: with the CSRF token of the page it was on."""
    assert client.get(page_url).status_code == 200
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value}, **extra)


def log_in(client: Client, email: str):
    return post_form(client, "/accounts/login/", "/accounts/login/", {"login-username": email, "login-password": PASSWORD, "login_submit": "1"})


def place_order(client: Client, baker) -> CheckoutGroup:
    page = client.get("/checkout/")
    assert page.status_code == 200
    slot = page.context["form"].fields[f"shop_{baker.pk}_slot"].choices[1][1][0][0]  # the first slot offered
    data = {f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{baker.pk}_slot": slot, f"shop_{baker.pk}_payment": "on_site"}
    token = client.cookies["csrftoken"].value
    reviewed = client.post("/checkout/", {**data, "review": "1", "csrfmiddlewaretoken": token}).context["digest"]
    placed = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": reviewed, "csrfmiddlewaretoken": token})
    group = CheckoutGroup.objects.get()
    assert placed.status_code == 302 and placed.url == f"/commande/{group.number}/"
    return group


def signed_in(client: Client) -> bool:
    return client.get("/mes-achats/").status_code == 200


@contextmanager
def worker_counting_tasks():
    """A real Celery worker (in a thread) on the test's queue; yields the runs counted per task."""
    runs: dict[str, int] = {}
    lock = threading.Lock()

    def count(sender=None, **kwargs):
        with lock:
            runs[sender.name] = runs.get(sender.name, 0) + 1

    task_postrun.connect(count, weak=False)
    try:
        with start_worker(celery_app, perform_ping_check=False, queues=[celery_app.conf.task_default_queue], shutdown_timeout=10):
            yield runs
    finally:
        task_postrun.disconnect(count)


def wait_for(condition, timeout=10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def queue_length(server: RedisServer) -> int:
    return server.client().llen(celery_app.conf.task_default_queue)


# The shop and customer come first, made (and indexed) before the site is pointed at the test's Redis.
@pytest.mark.django_db(transaction=True)  # publishing after commit, and a worker in another thread
def test_with_redis_stopped_the_site_answers_and_nothing_queued_is_lost(shop_and_customer, site_on_redis):
    server = site_on_redis
    baker, bread, customer = shop_and_customer
    shopper = browser()

    # Redis up: the site really keeps its cache and sessions there.
    assert shopper.get("/").status_code == 200
    assert log_in(shopper, customer.email).status_code == 302
    assert server.client().exists(SESSION_KEY_IN_REDIS.format(shopper.session.session_key))

    server.stop()

    # Pages answer from the database; the session read before the outage is read from it too.
    assert shopper.get("/").status_code == 200
    assert signed_in(shopper)
    search = shopper.get("/search/", {"q": "levain"})
    assert search.status_code == 200 and "Pain au levain" in search.content.decode()
    api = shopper.get("/api/search/", {"q": "levain"})
    assert api.status_code == 200 and "Pain au levain" in api.content.decode()
    added = post_form(shopper, bread.get_absolute_url(), f"/basket/add/{bread.pk}/", {"quantity": 2}, follow=True)
    assert added.status_code == 200 and [str(message) for message in added.context["messages"]]  # Oscar's message shown
    basket = shopper.get("/basket/")
    assert basket.status_code == 200 and "Pain au levain" in basket.content.decode()

    # Someone signing in during the outage gets a session that holds.
    newcomer = browser()
    assert log_in(newcomer, UserFactory().email).status_code == 302
    assert signed_in(newcomer)

    # /health/ says which parts fail (from the internal network, as the test client calls).
    health = shopper.get("/health/")
    assert health.status_code == 503
    checks = {name: check["status"] for name, check in health.json()["checks"].items()}
    assert checks["database"] == "ok" and checks["cache"] == "error" and checks["broker"] == "error"

    # An order placed now: its e-mails and its search refresh (stock taken) are kept, not lost.
    group = place_order(shopper, baker)
    assert shopper.get(f"/commande/{group.number}/").status_code == 200
    kept = sorted(PendingTask.objects.values_list("task_name", flat=True))
    emails = list(OutgoingEmail.objects.values_list("pk", flat=True))
    assert len(emails) == 2  # the customer's confirmation and the artisan's new order
    assert kept.count("marketplace.tasks.send_outgoing_email") == 2
    assert "search.tasks.refresh_products_task" in kept
    assert mail.outbox == []

    # Redis back (empty: restarted without persistence). The outbox goes out, once.
    server.start()
    call_command("flush_task_outbox")
    assert not PendingTask.objects.exists()
    assert queue_length(server) == len(kept)
    with worker_counting_tasks() as runs:
        assert wait_for(lambda: queue_length(server) == 0 and sum(runs.values()) == len(kept))
    assert runs["marketplace.tasks.send_outgoing_email"] == 2
    assert runs["search.tasks.refresh_products_task"] == kept.count("search.tasks.refresh_products_task")
    assert sorted(message.to[0] for message in mail.outbox) == sorted([customer.email, baker.owner.email])
    assert set(OutgoingEmail.objects.values_list("status", "attempts")) == {(OutgoingEmailStatus.SENT, 1)}

    # And the cache is used again.
    assert shopper.get("/").status_code == 200 and server.client().dbsize() > 0


def test_a_hung_redis_costs_milliseconds_and_comes_back_without_stale_sessions(shop_and_customer, site_on_redis):
    server = site_on_redis
    _baker, _bread, customer = shop_and_customer
    shopper = browser()
    assert log_in(shopper, customer.email).status_code == 302
    assert shopper.get("/").status_code == 200
    session_cookie = shopper.cookies["sessionid"].value
    assert server.client().exists(SESSION_KEY_IN_REDIS.format(session_cookie))

    server.pause()
    started = time.monotonic()
    assert shopper.get("/").status_code == 200
    assert signed_in(shopper)
    logged_out = post_form(shopper, "/", "/accounts/logout/", {})
    assert logged_out.status_code == 302
    # One socket timeout (0.25 s) opens the breaker; the other calls skip Redis.
    assert time.monotonic() - started < 2.5

    server.resume()  # back with everything it held, the ended session included
    assert server.client().exists(SESSION_KEY_IN_REDIS.format(session_cookie))
    time.sleep(0.6)  # the breaker tries Redis again
    stolen = browser()
    stolen.cookies["sessionid"] = session_cookie
    assert not signed_in(stolen)  # the session ended during the outage stays ended
    assert not server.client().exists(SESSION_KEY_IN_REDIS.format(session_cookie))


@pytest.mark.django_db(transaction=True)  # a worker in another thread reads what the test kept
def test_a_worker_connecting_to_the_broker_publishes_what_was_kept(site_on_redis):
    """At its start, and again each time it reconnects after an outage, a worker flushes the outbox."""
    from marketplace.tasks import resend_stalled_emails

    site_on_redis.stop()
    assert outbox.enqueue(resend_stalled_emails) is False
    assert PendingTask.objects.count() == 1
    site_on_redis.start()
    with worker_counting_tasks() as runs:
        assert wait_for(lambda: runs.get("marketplace.tasks.resend_stalled_emails") == 1)
    assert not PendingTask.objects.exists()
