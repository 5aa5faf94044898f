"""An asyncio load generator: N virtual users, each looping request after request for a fixed time.

Every virtual user keeps its own cookies (a session, a basket, the CSRF token) by hand rather than
in aiohttp's jar: the site runs as behind its TLS proxy (``X-Forwarded-Proto: https``), so its
cookies are ``Secure`` and a jar would not send them back over the bench's plain HTTP. Latencies
are kept one by one; only answers with an expected status count in the percentiles, the others
are errors. A warm-up (not recorded) runs first at the same concurrency.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import math
import random
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import aiohttp

REQUEST_TIMEOUT_SECONDS = 30
# The site's settings trust this header from its proxy; it keeps HTTPS-only behaviour (secure
# cookies, no redirect to https://) while the bench speaks plain HTTP to gunicorn.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
BASE_HEADERS = {**PROXY_HEADERS, "Accept-Language": "fr", "User-Agent": "echoppe-bench/1"}



def run_to_completion(coroutine):
    """asyncio.run, also from a thread whose event loop is running (a test run that drove a browser
    through Playwright's sync API leaves one): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def percentile(values: Sequence[float], p: float) -> float:
    """The p-th percentile (0–100) with linear interpolation between closest ranks (NumPy's
    default): p50 of [1, 2, 3, 4] is 2.5. NaN for no values."""
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be within 0 and 100, not {p}")
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class LevelResult:
    """One page at one concurrency: latencies in milliseconds, throughput in requests per second."""

    page: str
    users: int
    requests: int
    errors: int
    seconds: float
    p50: float
    p95: float
    p99: float
    mean: float
    max: float
    rps: float
    mean_bytes: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    site: str = "echoppe"

    @property
    def error_rate(self) -> float:
        total = self.requests + self.errors
        return self.errors / total if total else 0.0


def summarize(page: str, users: int, latencies_ms: Sequence[float], errors: int, seconds: float,
              statuses: dict[str, int] | None = None, total_bytes: int = 0, site: str = "echoppe") -> LevelResult:
    """Percentiles and throughput of one measured level. Throughput counts successful requests."""
    count = len(latencies_ms)
    return LevelResult(
        page=page,
        users=users,
        requests=count,
        errors=errors,
        seconds=seconds,
        p50=percentile(latencies_ms, 50),
        p95=percentile(latencies_ms, 95),
        p99=percentile(latencies_ms, 99),
        mean=sum(latencies_ms) / count if count else math.nan,
        max=max(latencies_ms) if count else math.nan,
        rps=count / seconds if seconds > 0 else 0.0,
        mean_bytes=total_bytes / count if count else 0.0,
        statuses=dict(statuses or {}),
        site=site,
    )


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    data: dict[str, str] | None = None
    expect: tuple[int, ...] = (200,)


class VirtualUser:
    """One visitor: a cookie store, a random generator and the scenario's scratch state."""

    def __init__(self, index: int, session: aiohttp.ClientSession, base_url: str, seed: str):
        self.index = index
        self.session = session
        self.base_url = base_url.rstrip("/")
        self.rng = random.Random(f"{seed}-{index}")
        self.cookies: dict[str, str] = {}
        self.state: dict[str, int] = {}

    @property
    def origin(self) -> str:
        # What the browser would send behind the proxy: the site's own origin, over https.
        return "https://" + self.base_url.split("://", 1)[1]

    async def fetch(self, request: Request) -> tuple[int, int]:
        """Sends one request (redirects are not followed); returns the status and the body size."""
        headers = dict(BASE_HEADERS)
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if request.method != "GET":
            headers.update(Origin=self.origin, Referer=self.origin + "/", **{"X-CSRFToken": self.cookies.get("csrftoken", "")})
        async with self.session.request(
            request.method, self.base_url + request.path, data=request.data, headers=headers, allow_redirects=False
        ) as response:
            body = await response.read()
            for name, morsel in response.cookies.items():
                if morsel.value == "" or morsel.get("max-age") == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
            return response.status, len(body)


class Scenario:
    """What a virtual user does: ``prepare`` once (not measured), then ``next_request`` in a loop,
    and ``after`` each answer (not measured either)."""

    name = "scenario"

    async def prepare(self, user: VirtualUser) -> None:
        return None

    def next_request(self, user: VirtualUser) -> Request:
        raise NotImplementedError

    async def after(self, user: VirtualUser, status: int) -> None:
        return None


class GetPages(Scenario):
    """Anonymous GETs of pages drawn at random from a list."""

    def __init__(self, name: str, paths: Sequence[str], cookies: Sequence[dict[str, str]] = ()):
        if not paths:
            raise ValueError(f"{name}: no page to visit")
        self.name, self.paths, self.cookie_sets = name, list(paths), list(cookies)

    async def prepare(self, user: VirtualUser) -> None:
        if self.cookie_sets:
            # A logged-in customer: the session made for this virtual user (one per user when there are enough).
            user.cookies.update(self.cookie_sets[user.index % len(self.cookie_sets)])

    def next_request(self, user: VirtualUser) -> Request:
        return Request("GET", user.rng.choice(self.paths))


class AddToBasket(Scenario):
    """An anonymous visitor adds products to a basket (Oscar's POST /basket/add/<pk>/ with the CSRF
    token), and starts a new basket (a new session) every ``adds_per_basket`` adds."""

    def __init__(self, name: str, products: Sequence[tuple[str, int]], adds_per_basket: int = 10):
        if not products:
            raise ValueError(f"{name}: no product to add")
        self.name, self.products, self.adds_per_basket = name, list(products), adds_per_basket
        # Every redirect, warm-up included: compared afterwards with what the baskets hold.
        self.redirects = 0

    async def prepare(self, user: VirtualUser) -> None:
        user.cookies.clear()
        user.state["adds"] = 0
        # The product page sets the CSRF cookie, as it would for a visitor about to click "add".
        path, _pk = user.rng.choice(self.products)
        status, _size = await user.fetch(Request("GET", path))
        if status != 200 or "csrftoken" not in user.cookies:
            raise RuntimeError(f"{path} answered {status} without a CSRF cookie: cannot add to a basket")

    def next_request(self, user: VirtualUser) -> Request:
        _path, pk = user.rng.choice(self.products)
        return Request("POST", f"/basket/add/{pk}/", data={"quantity": "1"}, expect=(302,))

    async def after(self, user: VirtualUser, status: int) -> None:
        self.redirects += status == 302
        user.state["adds"] = user.state.get("adds", 0) + 1
        if user.state["adds"] >= self.adds_per_basket:
            try:
                await self.prepare(user)
            except (RuntimeError, aiohttp.ClientError, asyncio.TimeoutError):
                # An overloaded server: the next adds fail (403, counted) and the next answer retries.
                user.state["adds"] = self.adds_per_basket


async def _drive(users: list[VirtualUser], scenario: Scenario, deadline: float, record: dict | None,
                 think_time: float = 0.0) -> None:
    async def loop(user: VirtualUser) -> None:
        while time.monotonic() < deadline:
            if think_time > 0:
                # A reader between two clicks: 0.5 to 1.5 times the mean, drawn per user.
                await asyncio.sleep(user.rng.uniform(0.5, 1.5) * think_time)
            request = scenario.next_request(user)
            started = time.perf_counter()
            try:
                status, size = await user.fetch(request)
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                if record is not None:
                    record["errors"] += 1
                    record["statuses"][type(error).__name__] += 1
                continue
            elapsed_ms = (time.perf_counter() - started) * 1000
            if record is not None:
                record["statuses"][str(status)] += 1
                if status in request.expect:
                    record["latencies"].append(elapsed_ms)
                    record["bytes"] += size
                else:
                    record["errors"] += 1
            await scenario.after(user, status)

    await asyncio.gather(*(loop(user) for user in users))


async def run_level(base_url: str, scenario: Scenario, users: int, duration: float, warmup: float = 0.0,
                    seed: str = "echoppe-bench", site: str = "echoppe", think_time: float = 0.0) -> LevelResult:
    """Runs ``users`` virtual users for ``warmup`` then ``duration`` seconds; returns the measured part.

    Without think time (the default) the users form a closed loop that saturates the server: the
    mean latency is then users ÷ throughput (Little's law), whatever the page costs alone."""
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout, cookie_jar=aiohttp.DummyCookieJar()) as session:
        virtual_users = [VirtualUser(index, session, base_url, f"{seed}-{scenario.name}-{users}") for index in range(users)]
        await asyncio.gather(*(scenario.prepare(user) for user in virtual_users))
        if warmup > 0:
            await _drive(virtual_users, scenario, time.monotonic() + warmup, record=None, think_time=think_time)
        record: dict = {"latencies": [], "errors": 0, "statuses": Counter(), "bytes": 0}
        started = time.monotonic()
        await _drive(virtual_users, scenario, started + duration, record=record, think_time=think_time)
        seconds = time.monotonic() - started
    return summarize(scenario.name, users, record["latencies"], record["errors"], seconds,
                     dict(record["statuses"]), record["bytes"], site=site)


def run(base_url: str, scenario: Scenario, users: int, duration: float, warmup: float = 0.0,
        site: str = "echoppe", think_time: float = 0.0) -> LevelResult:
    """``run_level`` from synchronous code (the management command)."""
    return run_to_completion(run_level(base_url, scenario, users, duration, warmup, site=site, think_time=think_time))
