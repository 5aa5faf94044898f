"""/health/ tells the load balancer whether this app server can reach its database, broker and search;
which part failed, only to callers from the internal networks or with the token."""

import pytest

from marketplace.celery import app as celery_app
from tests.unit.test_settings import read_settings

pytestmark = pytest.mark.django_db

PUBLIC = "203.0.113.9"  # TEST-NET-3: an address on the Internet
TOKEN = "8c1b7c0e5f1a4d2b9e6a3f70c2d4e8b1"


@pytest.fixture(autouse=True)
def no_proxy_no_token(settings):
    """The settings of a site without proxy or token; each test changes what it is about."""
    settings.TRUSTED_PROXY_COUNT = 0
    settings.HEALTH_TOKEN = ""
    settings.HEALTH_INTERNAL_NETWORKS = ["127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]


@pytest.fixture
def failing_parts(settings, monkeypatch):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setattr(celery_app.conf, "broker_url", "redis://127.0.0.1:9/0")  # nothing listens there
    settings.SEARCH_ENGINE, settings.SEARCH_CLUSTER_FLAVOUR, settings.SEARCH_CLUSTER_URL = "elasticsearch", "opensearch", "http://127.0.0.1:9"


def statuses(answer) -> dict[str, str]:
    return {name: check["status"] for name, check in answer.json()["checks"].items()}


def test_health_reports_every_part(client, settings):
    answer = client.get("/health/")  # from 127.0.0.1, the test client's address
    assert answer.status_code == 200 and answer["Cache-Control"].startswith("max-age=0")
    # With REDIS_URL (CI's second run) the broker is really reached; without, tasks run in-process.
    broker = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    cache = "ok" if settings.REDIS_URL else "in-process"
    assert statuses(answer) == {"database": "ok", "cache": cache, "broker": broker, "search": "ok"}


def test_an_unreachable_broker_or_search_cluster_makes_it_fail(client, failing_parts, settings):
    answer = client.get("/health/", REMOTE_ADDR="10.1.2.3")  # a monitoring host inside
    assert answer.status_code == 503
    assert statuses(answer) == {"database": "ok", "cache": "ok" if settings.REDIS_URL else "in-process", "broker": "error", "search": "error"}
    assert "127.0.0.1:9" not in answer.content.decode()  # no address, no secret


def test_a_public_caller_gets_the_status_alone(client, failing_parts):
    answer = client.get("/health/", REMOTE_ADDR=PUBLIC)
    assert answer.status_code == 503 and answer.json() == {"status": "error"}


def test_a_public_caller_gets_200_when_all_is_well(client):
    answer = client.get("/health/", REMOTE_ADDR=PUBLIC)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


@pytest.mark.parametrize("address", ["127.0.0.1", "::1", "10.20.30.40", "172.31.255.1", "192.168.1.10", "fd12::1", "::ffff:10.0.0.5"])
def test_callers_from_the_internal_networks_get_the_details(client, address):
    assert "checks" in client.get("/health/", REMOTE_ADDR=address).json()


@pytest.mark.parametrize("address", [PUBLIC, "172.32.0.1", "2001:db8::1", "::ffff:203.0.113.9", "", "not-an-address"])
def test_callers_from_elsewhere_do_not(client, address):
    assert client.get("/health/", REMOTE_ADDR=address).json() == {"status": "ok"}


def test_the_internal_networks_are_a_setting(client, settings):
    settings.HEALTH_INTERNAL_NETWORKS = ["203.0.113.0/24"]
    assert "checks" in client.get("/health/", REMOTE_ADDR=PUBLIC).json()
    assert "checks" not in client.get("/health/", REMOTE_ADDR="10.0.0.1").json()
    settings.HEALTH_INTERNAL_NETWORKS = []  # token only
    assert "checks" not in client.get("/health/").json()


@pytest.mark.parametrize("headers", [{"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}, {"HTTP_AUTHORIZATION": f"bearer  {TOKEN}"},
                                     {"HTTP_X_HEALTH_TOKEN": TOKEN}])
def test_the_token_opens_the_details_from_anywhere(client, settings, failing_parts, headers):
    settings.HEALTH_TOKEN = TOKEN
    answer = client.get("/health/", REMOTE_ADDR=PUBLIC, **headers)
    assert answer.status_code == 503 and statuses(answer)["broker"] == "error"


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer wrong"}, {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
                                     {"HTTP_X_HEALTH_TOKEN": TOKEN[:-1]}, {"HTTP_X_HEALTH_TOKEN": TOKEN + "x"},
                                     {"HTTP_X_HEALTH_TOKEN": "é" * 3}, {"HTTP_AUTHORIZATION": "Bearer "}])
def test_a_wrong_token_opens_nothing(client, settings, headers):
    settings.HEALTH_TOKEN = TOKEN
    answer = client.get("/health/", REMOTE_ADDR=PUBLIC, **headers)
    assert answer.status_code == 200 and answer.json() == {"status": "ok"}


def test_without_a_configured_token_an_empty_one_opens_nothing(client):
    for headers in ({"HTTP_X_HEALTH_TOKEN": ""}, {"HTTP_AUTHORIZATION": "Bearer "}):
        assert "checks" not in client.get("/health/", REMOTE_ADDR=PUBLIC, **headers).json()


def test_behind_the_proxy_the_forwarded_caller_counts_not_the_proxy(client, settings):
    """Through the TLS proxy (on the same machine), every connection comes from 127.0.0.1: the caller
    is the address the proxy appended to X-Forwarded-For. What a caller writes there itself is not."""
    settings.TRUSTED_PROXY_COUNT = 1
    through_proxy = {"REMOTE_ADDR": "127.0.0.1"}
    assert "checks" not in client.get("/health/", HTTP_X_FORWARDED_FOR=PUBLIC, **through_proxy).json()
    forged = f"10.0.0.1, {PUBLIC}"  # the caller wrote 10.0.0.1, the proxy appended its real address
    assert "checks" not in client.get("/health/", HTTP_X_FORWARDED_FOR=forged, **through_proxy).json()
    assert "checks" in client.get("/health/", HTTP_X_FORWARDED_FOR="10.8.0.4", **through_proxy).json()
    # Not through the proxy (no forwarded address): the connection's loopback address proves nothing.
    assert "checks" not in client.get("/health/", **through_proxy).json()
    settings.TRUSTED_PROXY_COUNT = 2  # a load balancer, then the TLS proxy
    assert "checks" in client.get("/health/", HTTP_X_FORWARDED_FOR=f"{PUBLIC}, 10.8.0.4, 10.0.0.2", **through_proxy).json()
    assert "checks" not in client.get("/health/", HTTP_X_FORWARDED_FOR=f"10.8.0.4, {PUBLIC}, 10.0.0.2", **through_proxy).json()


def test_the_settings_come_from_the_environment_and_a_wrong_network_stops_the_site():
    read = read_settings("settings.HEALTH_INTERNAL_NETWORKS, settings.HEALTH_TOKEN",
                         HEALTH_INTERNAL_NETWORKS="10.8.0.0/16,fd00::/8", HEALTH_TOKEN="s3cret")
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "['10.8.0.0/16', 'fd00::/8'] s3cret"
    refused = read_settings("settings.HEALTH_INTERNAL_NETWORKS", HEALTH_INTERNAL_NETWORKS="10.0.0.0/8,intranet")
    assert refused.returncode != 0 and "HEALTH_INTERNAL_NETWORKS" in refused.stderr
