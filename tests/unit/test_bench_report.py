"""The site benchmark's arithmetic and report (marketplace/bench): no server, no timing."""

import math

import pytest

from marketplace.bench.load import percentile, summarize
from marketplace.bench.report import (
    STOREFRONT,
    BenchReport,
    Comparison,
    QueryCount,
    parse_cpuinfo,
    parse_meminfo,
    render,
    targets,
    write_report,
)
from marketplace.bench.weight import PageWeight

CPUINFO = """processor\t: 0
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC 7B13
cpu MHz\t\t: 2450.000

processor\t: 1
vendor_id\t: AuthenticAMD
model name\t: AMD EPYC 7B13
"""


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([1, 2, 3, 4], 50, 2.5),
        ([4, 1, 3, 2], 50, 2.5),  # unsorted input
        ([10], 99, 10),
        (list(range(1, 101)), 95, 95.05),
        (list(range(1, 101)), 0, 1),
        (list(range(1, 101)), 100, 100),
        ([1, 2], 99, 1.99),
    ],
)
def test_percentile_interpolates_between_closest_ranks(values, p, expected):
    assert percentile(values, p) == pytest.approx(expected)


def test_percentile_of_nothing_is_nan_and_bounds_are_checked():
    assert math.isnan(percentile([], 50))
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_summarize_counts_throughput_of_successful_requests():
    result = summarize("Home", 10, [10.0, 20.0, 30.0, 40.0], errors=1, seconds=2.0, statuses={"200": 4, "500": 1}, total_bytes=4000)
    assert (result.requests, result.errors, result.rps) == (4, 1, 2.0)
    assert result.p50 == pytest.approx(25.0)
    assert result.mean == pytest.approx(25.0)
    assert result.max == 40.0
    assert result.mean_bytes == 1000
    assert result.error_rate == pytest.approx(0.2)


def test_summarize_without_any_success():
    result = summarize("Home", 1, [], errors=3, seconds=1.0)
    assert result.requests == 0 and result.rps == 0 and math.isnan(result.p95)


def test_machine_files_are_parsed():
    assert parse_cpuinfo(CPUINFO) == ("AMD EPYC 7B13", 2)
    assert parse_cpuinfo("") == ("unknown", 0)
    assert parse_meminfo("MemTotal:       24684084 kB\nMemFree: 1 kB\n") == 24684084 * 1024
    assert parse_meminfo("") == 0


def _level(page, users, p95, rps, site="echoppe"):
    latencies = [p95] * 100
    result = summarize(page, users, latencies, errors=0, seconds=len(latencies) / rps, site=site)
    return result


def _report(**overrides):
    report = BenchReport(
        machine={"CPU": "AMD EPYC × 2", "Django": "5.2"},
        setup=["Data: 20 shops"],
        load=[_level(STOREFRONT, 1, 30.0, 30.0), _level(STOREFRONT, 50, 120.0, 60.0)],
        queries=[
            QueryCount("Storefront", "24 per page, grid rendered", 24, 9, 200),
            QueryCount("Storefront", "24 per page, grid cached", 24, 5, 200),
            QueryCount("Storefront", "48 per page, grid rendered", 48, 9, 200),
            QueryCount("Storefront", "48 per page, grid cached", 48, 5, 200),
            QueryCount("Search (text)", "24 per page", 24, 13, 200),
            QueryCount("Search (text)", "48 per page", 48, 14, 200),
            QueryCount("Product page", "", None, 20, 200),
        ],
        comparisons=[
            Comparison("Product page", 10, _level("Product page", 10, 50.0, 40.0), _level("Product page", 10, 100.0, 20.0, "stock")),
        ],
        weight=PageWeight(path="/", html_bytes=20_000, html_raw_bytes=20_000, by_kind={"css": 40_000, "js": 50_000},
                          raw_by_kind={"css": 200_000, "js": 150_000}, files={"css": 2, "js": 3}, images=["/media/a.jpg"]),
    )
    for name, value in overrides.items():
        setattr(report, name, value)
    return report


def test_targets_are_judged_from_the_figures():
    rows = {row[0].split(" ")[0]: row for row in targets(_report())}
    assert rows["Product"][2] == "yes"
    assert rows["Product"][1].startswith("120 ms at 60.0 req/s (1 user: 30.0 ms); closed loop, so a mean of 50 ÷ throughput = 833 ms")
    assert rows["≤"][1:] == ["9 for 24 items; 9 for 48 items; 5 with the grid from the cache", "yes"]
    assert rows["Faster"][2] == "yes"
    assert rows["Faster"][1] == "p95 lower in 1 of 1 page × level pairs, throughput higher in 1 of 1; worst p95 ratio 0.50× (Product page, 10 users)"
    assert rows["Home"][1:] == ["110.0 kB", "yes"]


def test_targets_missed_or_not_measured():
    slow = _report(load=[_level(STOREFRONT, 50, 400.0, 10.0)], queries=[QueryCount("Storefront", "24 per page", 24, 30, 200)],
                   comparisons=[], weight=None)
    rows = targets(slow)
    assert rows[0][2] == "**no**" and rows[1][2] == "**no**"
    assert rows[2][1].startswith("not measured") and rows[3][1] == "not measured"
    fewer_levels = targets(_report(load=[_level(STOREFRONT, 5, 40.0, 10.0)]))
    assert fewer_levels[0][1] == "not measured (levels [5])"
    paced = targets(_report(think_time=5.0))
    assert paced[0][1] == "120 ms at 60.0 req/s (1 user: 30.0 ms)"


def test_comparison_ratios_are_ours_over_stock():
    comparison = _report().comparisons[0]
    assert comparison.p95_ratio == pytest.approx(0.5)
    assert comparison.rps_ratio == pytest.approx(2.0)


def test_report_has_every_section_and_flags_growing_query_counts(tmp_path):
    path = write_report(_report(notes=["A note."]), tmp_path / "bench" / "report.md")
    text = path.read_text(encoding="utf-8")
    for heading in ("# Échoppe site benchmark", "## Machine", "## Setup", "## Targets", "## Latency and throughput",
                    "## SQL queries per page", "## Side by side with stock django-oscar", "## Page weight: /", "## Notes"):
        assert heading in text
    assert "| CPU | AMD EPYC × 2 |" in text
    assert "- Storefront, grid rendered: 9 queries for 24 items, 9 for 48: constant" in text
    assert "- Storefront, grid cached: 5 queries for 24 items, 5 for 48: constant" in text
    assert "- Search (text): 13 queries for 24 items, 14 for 48: **grows by 1**" in text
    assert "| Product page | 10 | 50.0 / 50.0 | 100 / 100 | 40.0 | 20.0 | 0.50× | 0.50× | 2.00× | 0/0 |" in text
    assert "**110.0 kB** (370.0 kB)" in text
    assert "- A note." in text


def test_report_without_stock_or_load():
    text = render(BenchReport(machine={"CPU": "x"}))
    assert "Side by side" not in text and "Latency and throughput" not in text
    assert "not measured" in text


def test_browsing_users_are_a_target_row_of_their_own():
    browsing = _level(STOREFRONT, 50, 140.0, 16.0)
    rows = targets(_report(browsing=browsing, browsing_think_time=3.0))
    assert rows[0][0] == "Product list p95 < 150 ms at 50 users"
    assert rows[1][0] == "Product list p95 < 150 ms at 50 users browsing"
    assert rows[1][1].startswith("140 ms at 16.0 req/s") and rows[1][1].endswith("each user waits 1.5–4.5 s between pages")
    assert rows[1][2] == "yes"
    slow = targets(_report(browsing=_level(STOREFRONT, 50, 900.0, 12.0), browsing_think_time=3.0))
    assert slow[1][2] == "**no**"
    assert len(targets(_report())) == len(rows) - 1
