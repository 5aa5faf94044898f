"""Every benchmark command runs, at a tiny size, and prints its table: none breaks silently again.

The benchmarks measure time on a shared machine; here only their working is checked (the rows are
there with figures), never a timing. `make bench` needs PostgreSQL and gunicorn: its in-process part
(SQL queries per page) runs on any database, the whole command only on PostgreSQL.
"""

import itertools
import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from geography.importer import import_communes
from geography.models import Commune
from marketplace.bench import fixtures, queries, report
from marketplace.demo.seeding import seed_demo

FIGURE = r"[0-9][0-9,.]*"
KINDS = ("text only", "text + radius", "radius + facets", "browse near (shops)", "browse near (products)")


def run(command: str, *arguments: str) -> str:
    output = StringIO()
    call_command(command, *arguments, stdout=output)
    return output.getvalue()


@pytest.mark.django_db
def test_bench_checkout_prints_queries_and_time_per_basket_size():
    output = run("bench_checkout", "--lines-per-shop", "1", "2", "--runs", "1")
    assert "lines/shop  lines  queries  queries per shop order  median ms" in output
    rows = [line.split() for line in output.splitlines()[1:] if line.strip()]
    assert [(row[0], row[1]) for row in rows] == [("1", "3"), ("2", "6")]
    for row in rows:
        assert all(re.fullmatch(FIGURE, cell) for cell in row), row
        assert int(row[2]) > 0  # queries were counted: the checkout was placed


@pytest.mark.django_db
def test_bench_search_seeds_the_asked_size_and_prints_latencies_per_kind(communes_imported, settings):
    # --osmem as `make bench-search`: the in-memory OpenSearch-compatible server is measured too.
    # The site's 2-second cluster timeout is for visitors; a loaded CI machine can take longer to
    # create an index, and this test checks the table, not the speed.
    settings.SEARCH_CLUSTER_TIMEOUT_SECONDS = 30.0
    output = run("bench_search", "--shops", "3", "--products-per-shop", "4", "--queries", "3", "--osmem")
    assert "Seeding 3 shops × 4 products…" in output
    assert re.search(r"Database: \w+; 3 shops, 12 products", output)
    for engine in ("database", "elasticsearch"):
        assert re.search(rf"\[{engine}\] full reindex: {FIGURE} products \+ {FIGURE} shops in {FIGURE} s = {FIGURE} products/s", output)
    for engine, kind in itertools.product(("database", "elasticsearch"), KINDS):
        assert re.search(
            rf"\[{engine}\] {re.escape(kind)} +p50 +{FIGURE} ms +p95 +{FIGURE} ms +max +{FIGURE} ms +\(3 queries, {FIGURE} results on average\)",
            output,
        ), f"no row for {engine} {kind!r} in:\n{output}"


@pytest.mark.django_db
def test_bench_site_counts_sql_queries_per_page_in_process(communes_imported):
    # What `make bench` does in-process before loading gunicorn, on whatever database the tests use.
    seed_demo(3, 4)
    data = fixtures.collect()
    fixtures.prepare_customers(data, 1)
    assert data.customer_cookies and len(data.shop_paths) == 3
    assert queries.check_basket_add(data) == ""
    rows = queries.count_queries(data)
    pages = {row.page for row in rows}
    assert {"Home", "Storefront", "Search (all products)", "Search (text)", "Product page", "Add to basket", "Checkout page"} <= pages
    assert all(row.queries > 0 for row in rows)
    assert all(row.status in (200, 302) for row in rows), [(row.page, row.variant, row.status) for row in rows]
    bench = report.BenchReport(machine=report.machine_description(), think_time=0)
    bench.queries = rows
    rendered = report.render(bench)
    assert "| Home |" in rendered and "| Checkout page |" in rendered


@pytest.fixture
def communes_kept_after_flush(communes_imported):
    """A transactional test empties every table when it ends; the gazetteer the other tests share is put back."""
    yield
    if not Commune.objects.filter(insee_code="05061").exists():
        import_communes(settings.COMMUNES_DATA_FILE)


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)  # gunicorn, another process, reads what the bench seeded
def test_make_bench_runs_whole_at_a_tiny_size(communes_kept_after_flush, settings, tmp_path, monkeypatch):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    # The tests' storage (no manifest, nothing compressed: a quick collectstatic), for gunicorn too.
    monkeypatch.setenv("STATICFILES_STORAGE_BACKEND", settings.STORAGES["staticfiles"]["BACKEND"])
    report_path = tmp_path / "report.md"
    output = run(
        "bench_site", "--shops", "3", "--products-per-shop", "4", "--duration", "1", "--warmup", "0",
        "--levels", "1", "--browsing-think-time", "0", "--skip-stock", "--workers", "1", "--threads", "1",
        "--report", str(report_path),
    )
    assert "Seeding 3 shops × 4 products…" in output
    assert re.search(rf"Home page: {FIGURE} kB transferred without pictures", output)
    load_rows = re.findall(rf"p50 +{FIGURE} +p95 +{FIGURE} +p99 +{FIGURE} ms +{FIGURE} req/s +(\d+) ok +(\d+) errors", output)
    assert len(load_rows) == 7, output  # home, storefront twice, product, search, add to basket, checkout
    assert all(int(ok) > 0 and int(errors) == 0 for ok, errors in load_rows), output
    assert report_path.read_text().startswith("#")
