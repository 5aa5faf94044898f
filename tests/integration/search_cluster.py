"""Test support for the cluster engine: a real in-memory OpenSearch-compatible server (osmem-server).

The osmem-server package's pytest plugin (loaded automatically once installed) starts one server per
test session (``osmem_server``) and gives each test its own copy-on-write clone (``osmem_clone``), so
every test starts from an empty cluster in a few milliseconds.

Import the fixtures into a test module or a conftest::

    from tests.integration.search_cluster import cluster_engine  # noqa: F401 (fixture)
"""

from __future__ import annotations

import re
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opensearchpy import OpenSearch

from search.engines.elastic import ClusterEngine, cluster_engine as configured_cluster_engine

TEST_INDEX_PREFIX = "echoppe-test"
# osmem answers in milliseconds; a loaded CI machine should not turn that into a fallback.
TEST_TIMEOUT_SECONDS = 10.0


@pytest.fixture
def cluster_engine(settings, osmem_clone) -> ClusterEngine:
    """The engine the settings name, pointed at a fresh osmem clone with the OpenSearch client."""
    settings.SEARCH_CLUSTER_FLAVOUR = "opensearch"
    settings.SEARCH_CLUSTER_URL = osmem_clone.url
    settings.SEARCH_CLUSTER_TIMEOUT_SECONDS = TEST_TIMEOUT_SECONDS
    settings.SEARCH_INDEX_PREFIX = TEST_INDEX_PREFIX
    return configured_cluster_engine()


@pytest.fixture
def cluster_inspector(osmem_clone) -> OpenSearch:
    """A plain client on the same clone, to look at indices and aliases behind the engine's back."""
    return OpenSearch(hosts=[osmem_clone.url], timeout=TEST_TIMEOUT_SECONDS)


@pytest.fixture
def elasticsearch_cluster_engine(settings, osmem_clone) -> Iterator[ClusterEngine]:
    """The engine with the Elasticsearch client (SEARCH_CLUSTER_FLAVOUR "elasticsearch") on osmem.

    osmem departs from Elasticsearch here: it refuses the Elasticsearch 8 client's compatibility
    media type ("application/vnd.elasticsearch+json; compatible-with=8", 406) and the client
    refuses servers that do not say they are Elasticsearch. A small relay in between rewrites the
    media types to plain JSON and adds the X-Elastic-Product header; the requests and answers are
    otherwise the server's own, so the Elasticsearch client's calls are really exercised.
    """
    with elasticsearch_relay(osmem_clone.url) as relay_url:
        settings.SEARCH_CLUSTER_FLAVOUR = "elasticsearch"
        settings.SEARCH_CLUSTER_URL = relay_url
        settings.SEARCH_CLUSTER_TIMEOUT_SECONDS = TEST_TIMEOUT_SECONDS
        settings.SEARCH_INDEX_PREFIX = TEST_INDEX_PREFIX
        yield configured_cluster_engine()


def closed_port_url() -> str:
    """The address of a local port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"


_COMPATIBILITY_MEDIA_TYPE = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+)(\s*;\s*compatible-with=\d+)?")


class _RelayHandler(BaseHTTPRequestHandler):
    server: _Relay

    def _relay(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {
            name: _COMPATIBILITY_MEDIA_TYPE.sub(r"application/\1", value)
            for name, value in self.headers.items()
            if name.lower() in ("content-type", "accept")
        }
        request = urllib.request.Request(self.server.target + self.path, data=body, method=self.command, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TEST_TIMEOUT_SECONDS) as response:
                status, payload, content_type = response.status, response.read(), response.headers.get("Content-Type")
        except urllib.error.HTTPError as error:
            status, payload, content_type = error.code, error.read(), error.headers.get("Content-Type")
        self.send_response(status)
        self.send_header("Content-Type", content_type or "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _relay

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        pass


class _Relay(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, target: str):
        super().__init__(("127.0.0.1", 0), _RelayHandler)
        self.target = target.rstrip("/")


@contextmanager
def elasticsearch_relay(target_url: str) -> Iterator[str]:
    relay = _Relay(target_url)
    thread = threading.Thread(target=relay.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{relay.server_address[1]}"
    finally:
        relay.shutdown()
        relay.server_close()
