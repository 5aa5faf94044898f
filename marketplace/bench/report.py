"""The bench's Markdown report: the machine, the setup, the targets, then every table.

Pure formatting: no Django model is imported, so the unit tests write a report from made-up figures.
"""

from __future__ import annotations

import datetime
import math
import os
import platform
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .load import LevelResult
from .weight import PageWeight

# Page names shared by the command and the targets.
HOME = "Home"
STOREFRONT = "Storefront (product list)"
STOREFRONT_RENDERED = "Storefront, grid rendered (no cache)"
PRODUCT = "Product page"
SEARCH = "Search"
BASKET_ADD = "Add to basket"
CHECKOUT = "Checkout page"
PRODUCT_LIST_TARGET_MS = 150
LIST_QUERIES_TARGET = 10
HOME_WEIGHT_TARGET_BYTES = 500 * 1000


@dataclass
class QueryCount:
    page: str
    variant: str
    items: int | None
    queries: int
    status: int


@dataclass
class Comparison:
    """One page at one concurrency on both sites, measured one after the other."""

    page: str
    users: int
    ours: LevelResult
    stock: LevelResult

    @property
    def p50_ratio(self) -> float:
        return _ratio(self.ours.p50, self.stock.p50)

    @property
    def p95_ratio(self) -> float:
        return _ratio(self.ours.p95, self.stock.p95)

    @property
    def rps_ratio(self) -> float:
        return _ratio(self.ours.rps, self.stock.rps)


@dataclass
class BenchReport:
    machine: dict[str, str]
    setup: list[str] = field(default_factory=list)
    load: list[LevelResult] = field(default_factory=list)
    queries: list[QueryCount] = field(default_factory=list)
    stock_queries: list[QueryCount] = field(default_factory=list)
    comparisons: list[Comparison] = field(default_factory=list)
    weight: PageWeight | None = None
    notes: list[str] = field(default_factory=list)
    title: str = "Échoppe site benchmark"
    # Mean seconds between a user's requests; 0 is a closed loop that saturates the server.
    think_time: float = 0.0
    # The product list at the top level again, by users who read between clicks (the closed loop
    # measures capacity; this, what people browsing together wait).
    browsing: LevelResult | None = None
    browsing_think_time: float = 0.0


def _ratio(ours: float, stock: float) -> float:
    if not stock or math.isnan(stock) or math.isnan(ours):
        return math.nan
    return ours / stock


# --- The machine ----------------------------------------------------------------------------------


def parse_cpuinfo(text: str) -> tuple[str, int]:
    """The CPU model and the number of logical processors in a /proc/cpuinfo text."""
    models = [line.split(":", 1)[1].strip() for line in text.splitlines() if line.lower().startswith("model name")]
    count = sum(1 for line in text.splitlines() if line.split(":", 1)[0].strip() == "processor")
    return (models[0] if models else "unknown"), (count or len(models))


def parse_meminfo(text: str) -> int:
    """MemTotal in bytes from a /proc/meminfo text (0 if absent)."""
    for line in text.splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_description(postgresql: str = "", now: datetime.datetime | None = None) -> dict[str, str]:
    model, cpus = parse_cpuinfo(_read("/proc/cpuinfo"))
    memory = parse_meminfo(_read("/proc/meminfo"))
    os_name = next((line.split("=", 1)[1].strip('"') for line in _read("/etc/os-release").splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system())
    load = os.getloadavg() if hasattr(os, "getloadavg") else (math.nan,) * 3
    return {
        "Date": (now or datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU": f"{model} × {cpus} logical CPU{'s' if cpus != 1 else ''} (os.cpu_count: {os.cpu_count()})",
        "Memory": f"{memory / 1024**3:.1f} GiB" if memory else "unknown",
        "System": f"{os_name}, Linux {platform.release()}" if platform.system() == "Linux" else os_name,
        "Load average at start": " / ".join(f"{value:.2f}" for value in load) + " (1, 5, 15 min)",
        "Python": platform.python_version(),
        "Django": _version("Django"),
        "django-oscar": _version("django-oscar"),
        "PostgreSQL": postgresql or "unknown",
        "gunicorn": _version("gunicorn"),
        "aiohttp (load tool)": _version("aiohttp"),
    }


# --- Formatting -----------------------------------------------------------------------------------


def _ms(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:,.0f}" if value >= 100 else f"{value:.1f}"


def _x(value: float) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.2f}×"


def _kb(size: int) -> str:
    return f"{size / 1000:,.1f} kB"


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else ":---" for a in align]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"] + ["| " + " | ".join(row) + " |" for row in rows]


def _level(results: list[LevelResult], page: str, users: int) -> LevelResult | None:
    return next((result for result in results if result.page == page and result.users == users), None)


def targets(report: BenchReport) -> list[list[str]]:
    rows = []
    at_50 = _level(report.load, STOREFRONT, 50)
    if at_50 is None:
        levels = sorted({result.users for result in report.load if result.page == STOREFRONT})
        rows.append([f"Product list p95 < {PRODUCT_LIST_TARGET_MS} ms at 50 users", f"not measured (levels {levels})", "–"])
    else:
        figure = f"{_ms(at_50.p95)} ms at {at_50.rps:,.1f} req/s"
        alone = _level(report.load, STOREFRONT, 1)
        if alone is not None:
            figure += f" (1 user: {_ms(alone.p95)} ms)"
        if not report.think_time and at_50.rps:
            # Little's law: in a closed loop the mean latency is the users over the throughput.
            figure += f"; closed loop, so a mean of 50 ÷ throughput = {_ms(50_000 / at_50.rps)} ms is queueing-bound"
        rows.append([f"Product list p95 < {PRODUCT_LIST_TARGET_MS} ms at 50 users", figure,
                     "yes" if at_50.p95 < PRODUCT_LIST_TARGET_MS else "**no**"])
    if report.browsing is not None:
        browsing = report.browsing
        rows.append([f"Product list p95 < {PRODUCT_LIST_TARGET_MS} ms at {browsing.users} users browsing",
                     f"{_ms(browsing.p95)} ms at {browsing.rps:,.1f} req/s (p50 {_ms(browsing.p50)} ms, p99 {_ms(browsing.p99)} ms); "
                     f"each user waits {report.browsing_think_time * 0.5:g}–{report.browsing_think_time * 1.5:g} s between pages",
                     "yes" if browsing.p95 < PRODUCT_LIST_TARGET_MS else "**no**"])
    # The worst case counts: a grid rendered, not served from the cache.
    storefront = [row for row in report.queries if row.page.startswith("Storefront") and "cached" not in row.variant]
    list_24 = next((row for row in storefront if row.variant.startswith("24")), None)
    list_48 = next((row for row in storefront if row.variant.startswith("48")), None)
    cached = next((row for row in report.queries if row.page.startswith("Storefront") and "cached" in row.variant), None)
    if list_24 is None:
        rows.append([f"≤ {LIST_QUERIES_TARGET} SQL queries for a 24-item product list", "not measured", "–"])
    else:
        growth = f"; {list_48.queries} for {list_48.items} items" if list_48 else ""
        growth += f"; {cached.queries} with the grid from the cache" if cached else ""
        rows.append([f"≤ {LIST_QUERIES_TARGET} SQL queries for a 24-item product list", f"{list_24.queries} for {list_24.items} items{growth}",
                     "yes" if list_24.queries <= LIST_QUERIES_TARGET else "**no**"])
    if report.comparisons:
        pairs = len(report.comparisons)
        faster = [c for c in report.comparisons if c.p95_ratio < 1]
        busier = [c for c in report.comparisons if c.rps_ratio > 1]
        worst = max(report.comparisons, key=lambda c: c.p95_ratio if not math.isnan(c.p95_ratio) else -1)
        rows.append(["Faster than stock Oscar (p95, same pages and data)",
                     f"p95 lower in {len(faster)} of {pairs} page × level pairs, throughput higher in {len(busier)} of {pairs}; "
                     f"worst p95 ratio {_x(worst.p95_ratio)} ({worst.page}, {worst.users} users)",
                     "yes" if len(faster) == pairs else "**no**"])
    else:
        rows.append(["Faster than stock Oscar (p95, same pages and data)", "not measured (--skip-stock)", "–"])
    if report.weight is None:
        rows.append(["Home page < 500 kB transferred (without product images)", "not measured", "–"])
    else:
        rows.append(["Home page < 500 kB transferred (without product images)", _kb(report.weight.total_bytes),
                     "yes" if report.weight.total_bytes < HOME_WEIGHT_TARGET_BYTES else "**no**"])
    return rows


def render(report: BenchReport) -> str:
    out = [f"# {report.title}", "", "Figures, not assertions: the machine is shared and noisy, and the load tool runs on it too.", ""]
    out += ["## Machine", ""] + _table(["", ""], [[key, value] for key, value in report.machine.items()], "ll") + [""]
    if report.setup:
        out += ["## Setup", ""] + [f"- {line}" for line in report.setup] + [""]
    out += ["## Targets", ""] + _table(["Target", "Figure", "Met"], targets(report), "lll") + [""]

    if report.load:
        out += ["## Latency and throughput (Échoppe)", "",
                "Latencies of successful requests in milliseconds; throughput in successful requests per second; "
                "errors are unexpected statuses and failed connections.", ""]
        rows = [[r.page, str(r.users), f"{r.requests:,}", f"{r.errors:,}", _ms(r.p50), _ms(r.p95), _ms(r.p99), f"{r.rps:,.1f}",
                 _kb(int(r.mean_bytes)) if r.mean_bytes else "–"] for r in report.load]
        out += _table(["Page", "Users", "Requests", "Errors", "p50", "p95", "p99", "req/s", "Mean size"], rows) + [""]
        odd = [r for r in report.load if r.errors]
        for r in odd:
            out.append(f"- {r.page} at {r.users} users: statuses {r.statuses}")
        if odd:
            out.append("")

    if report.queries:
        out += ["## SQL queries per page (Échoppe)", "",
                "Counted in-process (test client, HTTPS) on a repeat visit, after a visit to another page of the kind (the steady "
                "state: no per-process or first-visit work); items are what the page lists.", ""]
        rows = [[q.page, q.variant or "–", "–" if q.items is None else str(q.items), str(q.queries), str(q.status)] for q in report.queries]
        out += _table(["Page", "Variant", "Items", "Queries", "Status"], rows) + [""]
        out += _growth_lines(report.queries) + [""]

    if report.comparisons or report.stock_queries:
        out += ["## Side by side with stock django-oscar", ""]
    if report.comparisons:
        out += ["Each pair measured one right after the other at the same concurrency. Ratios are Échoppe / stock: "
                "below 1 for latency and above 1 for throughput favour Échoppe.", ""]
        rows = [[c.page, str(c.users), f"{_ms(c.ours.p50)} / {_ms(c.ours.p95)}", f"{_ms(c.stock.p50)} / {_ms(c.stock.p95)}",
                 f"{c.ours.rps:,.1f}", f"{c.stock.rps:,.1f}", _x(c.p50_ratio), _x(c.p95_ratio), _x(c.rps_ratio),
                 f"{c.ours.errors}/{c.stock.errors}"] for c in report.comparisons]
        out += _table(["Page", "Users", "Échoppe p50 / p95 ms", "Stock p50 / p95 ms", "Échoppe req/s", "Stock req/s",
                       "p50 ratio", "p95 ratio", "req/s ratio", "Errors (É/S)"], rows) + [""]
    if report.stock_queries:
        out += ["SQL queries per page, stock Oscar (counted as for Échoppe):", ""]
        rows = [[q.page, q.variant or "–", "–" if q.items is None else str(q.items), str(q.queries), str(q.status)] for q in report.stock_queries]
        out += _table(["Page", "Variant", "Items", "Queries", "Status"], rows) + [""]

    if report.weight is not None:
        weight = report.weight
        out += [f"## Page weight: {weight.path}", "",
                "Bytes on the wire for a browser accepting Brotli and gzip (uncompressed in brackets); pictures are not counted.", ""]
        rows = [["HTML", "1", f"{_kb(weight.html_bytes)} ({_kb(weight.html_raw_bytes)})"]]
        for kind in sorted(weight.by_kind):
            rows.append([kind.upper() if kind in ("css", "js") else kind.capitalize(), str(weight.files.get(kind, 0)),
                         f"{_kb(weight.by_kind[kind])} ({_kb(weight.raw_by_kind.get(kind, 0))})"])
        rows.append(["**Total**", str(1 + sum(weight.files.values())), f"**{_kb(weight.total_bytes)}** ({_kb(weight.total_raw_bytes)})"])
        out += _table(["Part", "Files", "Size"], rows, "lrr") + [""]
        out.append(f"- Pictures referenced (not counted): {len(weight.images)}")
        if weight.external:
            out.append(f"- Other origins (not fetched): {', '.join(sorted(set(weight.external)))}")
        if weight.failed:
            out.append(f"- Not fetched (errors): {', '.join(weight.failed)}")
        out.append("")

    if report.notes:
        out += ["## Notes", ""] + [f"- {note}" for note in report.notes] + [""]
    return "\n".join(out)


def _growth_lines(rows: list[QueryCount]) -> list[str]:
    lines = []
    by_page: dict[str, list[QueryCount]] = {}
    for row in rows:
        # "24 per page" and "48 per page, grid cached" compare with the same wording at the other size.
        size, marker, rest = row.variant.partition(" per page")
        if marker and size.isdecimal():
            by_page.setdefault(f"{row.page}{rest}", []).append(row)
    for page, variants in by_page.items():
        if len(variants) < 2:
            continue
        first, last = variants[0], variants[-1]
        verdict = "constant" if last.queries == first.queries else f"**grows by {last.queries - first.queries}**"
        note = "" if (last.items or 0) > (first.items or 0) else " (the data holds no more items than the smaller page: not a real test)"
        lines.append(f"- {page}: {first.queries} queries for {first.items} items, {last.queries} for {last.items}: {verdict}{note}")
    return lines


def write_report(report: BenchReport, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(report), encoding="utf-8")
    return path
