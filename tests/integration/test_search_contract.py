"""The search contract, run against each engine: the database engine on the test database (SQLite,
or PostgreSQL when DATABASE_URL names it) and the cluster engine on a real osmem-server.

The documents are built by the real indexing (search.indexing.rebuild) from real models.
"""

from __future__ import annotations

import importlib.util
from decimal import Decimal

import pytest

from search import indexing
from search.query import ResultType, SearchQuery, Sort
from search.service import run_search
from shops.trades import Trade
from tests.integration.search_world import MONDAY_10, build_world

pytestmark = pytest.mark.django_db

CLUSTER_SUPPORT = importlib.util.find_spec("tests.integration.search_cluster") is not None
if CLUSTER_SUPPORT:
    from tests.integration.search_cluster import cluster_engine  # noqa: F401 (fixture)


@pytest.fixture(params=["database", "cluster"])
def engine_name(request, settings):
    if request.param == "cluster":
        if not CLUSTER_SUPPORT:
            pytest.skip("the cluster engine's test support is not there")
        request.getfixturevalue("cluster_engine")
        settings.SEARCH_ENGINE = "elasticsearch"
    else:
        settings.SEARCH_ENGINE = "database"
    return "elasticsearch" if request.param == "cluster" else "database"


@pytest.fixture
def world(communes_imported, engine_name):
    with indexing.paused():
        built = build_world()
    indexing.rebuild()
    return built


def search(engine_name, **kwargs):
    results = run_search(SearchQuery(**kwargs), now=MONDAY_10)
    # A silent fallback would test the wrong engine.
    assert (results.engine, results.fell_back) == (engine_name, False)
    return results


def titles(results):
    return [hit.title for hit in results.hits]


def test_accents_and_case_do_not_matter(world, engine_name):
    assert titles(search(engine_name, text="creme")) == ["Crème fraîche épaisse"]
    assert titles(search(engine_name, text="CRÈME")) == ["Crème fraîche épaisse"]


def test_plural_finds_singular(world, engine_name):
    assert titles(search(engine_name, text="pains")) == ["Pain de seigle"]
    assert "Miel de lavande" in titles(search(engine_name, text="miels"))


def test_every_word_must_match(world, engine_name):
    assert titles(search(engine_name, text="miel lavande")) == ["Miel de lavande"]
    assert titles(search(engine_name, text="miel seigle")) == []


def test_description_and_category_are_searched(world, engine_name):
    assert titles(search(engine_name, text="valensole")) == ["Miel de lavande"]
    assert set(titles(search(engine_name, text="laitier"))) == {"Crème fraîche épaisse", "Tomme de chèvre", "Plateau de fromages sur commande"}


def test_radius_is_inclusive_to_the_kilometre(world, engine_name):
    shops = search(engine_name, place=world.gap, radius_km=20, result_type=ResultType.SHOPS)
    names = titles(shops)
    assert "Fromagerie du Champsaur" in names  # 19.9 km
    assert "Fournil de Tallard" not in names  # 20.1 km
    products = search(engine_name, place=world.gap, radius_km=20)
    assert "Tomme de chèvre" in titles(products) and "Pain de seigle" not in titles(products)
    assert "Pain de seigle" in titles(search(engine_name, place=world.gap, radius_km=21))


def test_browsing_near_a_place_is_nearest_first_with_distances(world, engine_name):
    results = search(engine_name, place=world.gap, radius_km=50, result_type=ResultType.SHOPS)
    assert titles(results) == ["Miellerie des Écrins", "Rucher en congés", "Fromagerie du Champsaur", "Fournil de Tallard"]
    assert [round(hit.distance_km, 1) for hit in results.hits] == [4.0, 8.0, 19.9, 20.1]


def test_distance_and_price_sorts(world, engine_name):
    by_distance = search(engine_name, text="miel", place=world.gap, radius_km=50, sort=Sort.DISTANCE)
    assert titles(by_distance) == ["Miel de lavande", "Miel de montagne", "Miel de sapin"][:2] + ["Miel de sapin"]
    by_price = search(engine_name, place=world.gap, radius_km=50, sort=Sort.PRICE)
    prices = [hit.price for hit in by_price.hits]
    assert prices == sorted(prices) and prices[0] == Decimal("3.20")


def test_excluded_things_are_never_found(world, engine_name):
    found = titles(search(engine_name, text="miel", page_size=50))
    assert "Miel de châtaignier" not in found  # suspended shop
    assert "Miel d'acacia" not in found  # shop awaiting approval
    assert "Miel de thym" not in found  # sold out
    shops = titles(search(engine_name, result_type=ResultType.SHOPS, page_size=50))
    assert "Miellerie suspendue" not in shops and "Miellerie en attente" not in shops


def test_vacation_shops_are_shown_as_such(world, engine_name):
    hit = next(hit for hit in search(engine_name, text="sapin").hits)
    assert hit.on_vacation and hit.shop_name == "Rucher en congés"


def test_facet_counts_are_disjunctive(world, engine_name):
    results = search(engine_name, place=world.gap, radius_km=50, trades=(Trade.HONEY,))
    assert {hit.trade for hit in results.hits} == {Trade.HONEY}
    trades = {facet.name: facet for facet in results.facets}["trade"]
    counts = {value.value: (value.count, value.selected) for value in trades.values}
    # The trade facet ignores its own filter: the other trades still show what they would give.
    assert counts == {Trade.HONEY: (3, True), Trade.CHEESE: (3, False), Trade.BAKERY: (1, False)}
    flags = {flag.name: flag.count for flag in results.flags}
    assert flags["pickup"] == 2 and flags["delivers_here"] == 2 and flags["open_now"] == 2
    prices = {value.value: value.count for value in {facet.name: facet for facet in results.facets}["price"].values}
    assert prices == {"0-10": 1, "10-20": 2}
    labels = {value.value: value.count for value in {facet.name: facet for facet in results.facets}["labels"].values}
    assert labels == {"fait-maison": 2}


def test_delivery_zone_filter_keeps_shops_that_deliver_to_the_place(world, engine_name):
    results = search(engine_name, place=world.gap, radius_km=50, delivers_here=True, result_type=ResultType.SHOPS)
    # The honey farm delivers 10 km around (Gap is 4 km away); the cheese shop only 5 km (19.9 km).
    assert titles(results) == ["Miellerie des Écrins"]


def test_filters(world, engine_name):
    assert set(titles(search(engine_name, price_min=Decimal("9"), price_max=Decimal("12")))) == {"Miel de montagne", "Tomme de chèvre", "Miel de sapin"}
    assert "Plateau de fromages sur commande" not in titles(search(engine_name, in_stock=True, page_size=50))
    assert set(titles(search(engine_name, open_now=True, page_size=50))) == {"Miel de lavande", "Miel de montagne"}
    assert set(titles(search(engine_name, pickup=True, page_size=50))) == {"Miel de lavande", "Miel de montagne", "Pain de seigle"}
    assert set(titles(search(engine_name, label_slugs=("fait-maison",), page_size=50))) == {"Miel de lavande", "Miel de montagne", "Pain de seigle"}
    assert set(titles(search(engine_name, department_codes=("05",), text="pain"))) == {"Pain de seigle"}


def test_pages_do_not_overlap(world, engine_name):
    first = search(engine_name, page_size=3, page=1, sort=Sort.PRICE)
    second = search(engine_name, page_size=3, page=2, sort=Sort.PRICE)
    assert first.total == second.total == 7
    assert not set(titles(first)) & set(titles(second))


def test_suggestions_while_typing(world, engine_name):
    from search.service import suggest

    assert "Miel de lavande" in suggest("lav")
    assert "Fromagerie du Champsaur" in suggest("froma")


def test_a_typo_still_finds_the_word(world, engine_name):
    from tests.conftest import database_vendor

    if engine_name == "database" and database_vendor() != "postgresql":
        pytest.skip("typo tolerance is PostgreSQL's (trigrams) and the cluster's (fuzziness), not SQLite's")
    assert "Plateau de fromages sur commande" in titles(search(engine_name, text="fromaje"))
    assert "Fromagerie du Champsaur" in titles(search(engine_name, text="fromajerie", result_type=ResultType.SHOPS))


def test_small_french_words_do_not_stop_a_search(world, engine_name):
    # "de", "et", "le", "d'" are dropped by every engine, as a person would expect.
    assert titles(search(engine_name, text="pain de seigle")) == ["Pain de seigle"]
    assert titles(search(engine_name, text="miel et lavande")) == ["Miel de lavande"]
    assert "Miel de montagne" in titles(search(engine_name, text="le miel"))
    assert titles(search(engine_name, text="tomme d'chèvre")) == ["Tomme de chèvre"]
