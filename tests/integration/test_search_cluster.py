"""The cluster engine (search/engines/elastic.py) against a real in-memory OpenSearch (osmem-server).

The documents are SearchEntry objects that are never saved: the engine only reads their attributes,
so these tests need no database. Each test gets a fresh osmem clone (tests/integration/search_cluster.py).

Where osmem departs from OpenSearch the engine avoids the feature in a way that also holds on real
OpenSearch/Elasticsearch; the departures found are named in comments starting "osmem departure".
"""

from __future__ import annotations

import datetime
import itertools
import logging
import math
import socket
import time
from decimal import Decimal

import pytest
from opensearchpy import OpenSearch

from geography.distance import EARTH_RADIUS_KM, GeoPoint, haversine_km
from search.engines import elastic
from search.engines.elastic import ClusterEngine
from search.models import SearchEntry
from search.query import DocumentKind, EngineUnavailable, Place, ResultType, SearchQuery, ShopSets, Sort
from tests.integration.search_cluster import (  # noqa: F401 (fixtures)
    TEST_INDEX_PREFIX,
    closed_port_url,
    cluster_engine,
    cluster_inspector,
    elasticsearch_cluster_engine,
)

GAP = GeoPoint(44.5594, 6.0786)
GAP_PLACE = Place(point=GAP, label="Gap (05000)", insee_code="05061", postcode="05000")
JANUARY = datetime.datetime(2026, 1, 5, 9, 0, tzinfo=datetime.UTC)
_object_ids = itertools.count(1)


def point_at(origin: GeoPoint, km: float, bearing_degrees: float) -> GeoPoint:
    """The point ``km`` away from ``origin`` along a great circle (the destination formula)."""
    angle = km / EARTH_RADIUS_KM
    bearing = math.radians(bearing_degrees)
    latitude = math.radians(origin.latitude)
    destination_latitude = math.asin(
        math.sin(latitude) * math.cos(angle) + math.cos(latitude) * math.sin(angle) * math.cos(bearing)
    )
    destination_longitude = math.radians(origin.longitude) + math.atan2(
        math.sin(bearing) * math.sin(angle) * math.cos(latitude),
        math.cos(angle) - math.sin(latitude) * math.sin(destination_latitude),
    )
    return GeoPoint(math.degrees(destination_latitude), math.degrees(destination_longitude))


def entry(title: str, kind: str = DocumentKind.PRODUCT, *, km: float = 1.0, bearing: float = 60.0, **fields) -> SearchEntry:
    """An unsaved search document near Gap; every required field has a plausible value."""
    object_id = fields.pop("object_id", None) or next(_object_ids)
    point = point_at(GAP, km, bearing)
    shop_id = fields.pop("shop_id", 1)
    values = dict(
        kind=kind, object_id=object_id, shop_id=shop_id, title=title,
        shop_name=title if kind == DocumentKind.SHOP else f"Atelier {shop_id}", shop_slug=f"atelier-{shop_id}",
        url=f"/{kind}/{object_id}/", image_url="", summary="", body="", keywords="",
        trade="bakery", category_id=None, category_name="", department_code="05", commune_name="Gap", postcode="05000",
        latitude=point.latitude, longitude=point.longitude,
        price=Decimal("5.00") if kind == DocumentKind.PRODUCT else None,
        in_stock=True, pickup=False, delivery=False, on_vacation=False, labels="",
        created_at=JANUARY + datetime.timedelta(hours=object_id),
    )
    values.update(fields)
    return SearchEntry(**values)


def labelled(*slugs: str) -> str:
    return "".join(f"|{slug}" for slug in slugs) + "|"


def rebuilt(engine: ClusterEngine, entries: list[SearchEntry]) -> ClusterEngine:
    assert engine.rebuild(entries, len(entries), lambda done: None) == len(entries)
    return engine


def titles(engine: ClusterEngine, shops: ShopSets = ShopSets(), **query) -> list[str]:
    return [hit.title for hit in engine.search(SearchQuery(**query), shops).hits]


def alias_targets(client: OpenSearch) -> list[str]:
    return sorted(client.indices.get_alias(name=TEST_INDEX_PREFIX))


def own_indices(client: OpenSearch) -> list[str]:
    return sorted(client.indices.get_alias(index=f"{TEST_INDEX_PREFIX}-*"))


# --- Index life cycle -----------------------------------------------------------------------------


def test_rebuild_switches_the_alias_without_downtime(cluster_engine, cluster_inspector, monkeypatch):
    engine = rebuilt(cluster_engine, [entry("Pain de seigle"), entry("Pain au levain")])
    [first_index] = alias_targets(cluster_inspector)
    monkeypatch.setattr(elastic, "BULK_CHUNK_SIZE", 2)
    seen_during_rebuild = []

    def progress(done: int) -> None:
        # The new index is filling up, yet searches still answer from the old one.
        seen_during_rebuild.append((done, alias_targets(cluster_inspector), sorted(titles(engine, text="pain"))))

    new_entries = [entry("Pain de campagne"), entry("Pain d'épices"), entry("Pain aux noix"), entry("Brioche")]
    assert engine.rebuild(iter(new_entries), 4, progress) == 4

    assert seen_during_rebuild == [
        (2, [first_index], ["Pain au levain", "Pain de seigle"]),
        (4, [first_index], ["Pain au levain", "Pain de seigle"]),
    ]
    [second_index] = alias_targets(cluster_inspector)
    assert second_index != first_index and second_index.startswith(f"{TEST_INDEX_PREFIX}-")
    assert own_indices(cluster_inspector) == [second_index]  # the old index is gone
    assert sorted(titles(engine, text="pain")) == ["Pain aux noix", "Pain d'épices", "Pain de campagne"]


def test_rebuild_deletes_only_its_own_older_indices(cluster_engine, cluster_inspector):
    # Another prefix that starts like ours (a staging site on the same cluster) is not ours.
    cluster_inspector.indices.create(index=f"{TEST_INDEX_PREFIX}-staging-20250101000000000000")
    rebuilt(cluster_engine, [entry("Miel de lavande")])
    rebuilt(cluster_engine, [entry("Miel de montagne")])
    [current] = alias_targets(cluster_inspector)
    assert own_indices(cluster_inspector) == sorted([current, f"{TEST_INDEX_PREFIX}-staging-20250101000000000000"])


def test_a_failed_rebuild_keeps_the_old_index_answering(cluster_engine, cluster_inspector):
    engine = rebuilt(cluster_engine, [entry("Miel de lavande")])
    before = alias_targets(cluster_inspector)

    def entries_then_failure():
        yield entry("Miel de sapin")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        engine.rebuild(entries_then_failure(), 2, lambda done: None)
    assert alias_targets(cluster_inspector) == before
    assert own_indices(cluster_inspector) == before  # the half-built index was deleted
    assert titles(engine, text="miel") == ["Miel de lavande"]


def test_index_creates_the_alias_then_upserts_and_remove_deletes(cluster_engine, cluster_inspector):
    bread, cake = entry("Pain de seigle", object_id=101), entry("Gâteau des rois", object_id=102)
    # osmem departure (documented by osmem): writes are searchable at once, without a refresh, so
    # these tests cannot check that index() and remove() wait for the refresh (refresh=wait_for)
    # that makes them visible to the next search on a real cluster.
    cluster_engine.index([bread, cake])  # no alias yet: the index and its alias are created
    assert len(alias_targets(cluster_inspector)) == 1
    assert sorted(titles(cluster_engine)) == ["Gâteau des rois", "Pain de seigle"]

    cluster_engine.index([entry("Pain de seigle bio", object_id=101, price=Decimal("6.40"))])
    answer = cluster_engine.search(SearchQuery(text="seigle"), ShopSets())
    assert answer.total == 1 and answer.hits[0].title == "Pain de seigle bio" and answer.hits[0].price == Decimal("6.40")
    assert cluster_engine.search(SearchQuery(), ShopSets()).total == 2  # replaced, not added

    cluster_engine.remove([(DocumentKind.PRODUCT, 101), (DocumentKind.PRODUCT, 999)])  # 999 never existed
    assert titles(cluster_engine) == ["Gâteau des rois"]
    cluster_engine.remove([])
    cluster_engine.index([])


def test_remove_without_an_index_does_nothing(cluster_engine, cluster_inspector):
    cluster_engine.remove([(DocumentKind.PRODUCT, 1)])
    assert own_indices(cluster_inspector) == []


def test_the_mapping_uses_the_french_analyzer(cluster_engine, cluster_inspector):
    rebuilt(cluster_engine, [entry("Crème fraîche")])
    [index] = alias_targets(cluster_inspector)
    properties = cluster_inspector.indices.get_mapping(index=index)[index]["mappings"]["properties"]
    for name in ("title", "keywords", "body", "shop_name"):
        assert properties[name]["type"] == "text" and properties[name]["analyzer"] == "french"
        assert properties[name]["fields"]["folded"]["analyzer"] == "echoppe_folded_french"
    assert properties["location"]["type"] == "geo_point"
    assert properties["labels"]["type"] == properties["trade"]["type"] == "keyword"
    assert properties["created_at"]["type"] == "date"
    tokens = cluster_inspector.indices.analyze(index=index, body={"field": "title", "text": "Les pains"})["tokens"]
    assert [token["token"] for token in tokens] == ["pain"]


# --- Failures become EngineUnavailable --------------------------------------------------------------


@pytest.mark.parametrize("flavour", ["opensearch", "elasticsearch"])
def test_an_unreachable_cluster_is_unavailable(settings, flavour, caplog):
    settings.SEARCH_CLUSTER_FLAVOUR = flavour
    settings.SEARCH_CLUSTER_URL = closed_port_url()
    engine = elastic.cluster_engine()
    with caplog.at_level(logging.WARNING, logger="search.engines.elastic"):
        with pytest.raises(EngineUnavailable):
            engine.search(SearchQuery(text="pain"), ShopSets())
        with pytest.raises(EngineUnavailable):
            engine.suggest("pa")
        with pytest.raises(EngineUnavailable):
            engine.index([entry("Pain")])
        with pytest.raises(EngineUnavailable):
            engine.rebuild([entry("Pain")], 1, lambda done: None)
    assert "Search cluster unavailable" in caplog.text


@pytest.mark.parametrize("flavour", ["opensearch", "elasticsearch"])
def test_a_cluster_that_does_not_answer_in_time_is_unavailable(settings, flavour):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        # Connections are accepted by the kernel (the backlog), but nothing ever answers.
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.SEARCH_CLUSTER_FLAVOUR = flavour
        settings.SEARCH_CLUSTER_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.SEARCH_CLUSTER_TIMEOUT_SECONDS = 0.3
        started = time.monotonic()
        with pytest.raises(EngineUnavailable):
            elastic.cluster_engine().search(SearchQuery(text="pain"), ShopSets())
        assert time.monotonic() - started < 3


def test_a_missing_alias_is_unavailable(cluster_engine):
    with pytest.raises(EngineUnavailable):
        cluster_engine.search(SearchQuery(text="pain"), ShopSets())
    with pytest.raises(EngineUnavailable):
        cluster_engine.suggest("pa")


def test_refused_documents_are_unavailable(cluster_engine):
    rebuilt(cluster_engine, [entry("Pain")])
    with pytest.raises(EngineUnavailable, match="refused"):
        cluster_engine.index([entry("Pain perdu", latitude=95.0)])  # not a point on Earth


# --- Typing ahead -----------------------------------------------------------------------------------


def test_suggest_titles_whose_words_start_with_the_text(cluster_engine):
    # osmem departure (documented by osmem): no suggesters and no ``completion`` queries. The engine
    # does not use them anyway: an edge_ngram sub-field (title.starts) and a plain match query do
    # the same on every cluster, and can de-duplicate and rank like the search does.
    rebuilt(cluster_engine, [
        entry("Crème fraîche épaisse"),
        entry("Fromagerie du Champsaur", DocumentKind.SHOP),
        entry("Plateau de fromages", shop_id=2),
        entry("Miel de lavande", shop_id=3),
        entry("Miel de lavande", shop_id=4),  # the same title from another shop: suggested once
        entry("Savon à la lavande", shop_id=5),
        entry("Pain de seigle"),
    ])
    engine = cluster_engine
    assert engine.suggest("cre") == ["Crème fraîche épaisse"]
    assert engine.suggest("CRÈ") == ["Crème fraîche épaisse"]
    assert set(engine.suggest("froma")) == {"Fromagerie du Champsaur", "Plateau de fromages"}
    assert sorted(engine.suggest("lav")) == ["Miel de lavande", "Savon à la lavande"]
    assert engine.suggest("miel lav") == ["Miel de lavande"]
    # Titles starting with the text come first.
    assert engine.suggest("fromag")[0] == "Fromagerie du Champsaur"
    assert len(engine.suggest("l", limit=2)) == 2
    assert engine.suggest("xyz") == [] and engine.suggest("  ") == []


# --- The contract, checked quickly on osmem ----------------------------------------------------------


def test_accents_case_and_plurals_do_not_matter(cluster_engine):
    # osmem departure: the ``elision`` token filter is not implemented (osmem logs "token filter
    # [...] of type [elision] is not supported; ignored"), so the folded analyzer turns apostrophes
    # into spaces with a pattern_replace char filter instead ("L'épicerie" below), which real
    # OpenSearch/Elasticsearch do the same way.
    # osmem departure: a custom analyzer with ``{"type": "stemmer", "language": "light_french"}``
    # makes every query match every document (even "xyz"); the folded analyzer uses the Snowball
    # ``french`` stemmer, which osmem implements and which is as valid on real clusters.
    engine = rebuilt(cluster_engine, [
        entry("Crème fraîche épaisse"), entry("Pain de seigle"), entry("Bûche de Noël"), entry("Œufs de poules"),
        entry("Pâte de coing"), entry("L'épicerie fine", DocumentKind.SHOP),
    ])
    assert titles(engine, text="creme") == ["Crème fraîche épaisse"]
    assert titles(engine, text="CRÈME FRAICHE") == ["Crème fraîche épaisse"]
    assert titles(engine, text="pains") == ["Pain de seigle"]
    # The built-in french analyzer keeps some accents; the folded sub-field matches them. (Not the
    # last word: that one also matches as the beginning of a title word, folded, which would hide it.)
    assert titles(engine, text="noel buche") == ["Bûche de Noël"]
    assert titles(engine, text="oeuf poules") == ["Œufs de poules"]
    assert titles(engine, text="pate coing") == ["Pâte de coing"]
    assert titles(engine, text="epicerie", result_type=ResultType.SHOPS) == ["L'épicerie fine"]
    # Stop words ask for nothing, wherever they are, in both forms (french and folded).
    assert titles(engine, text="pain au seigle") == ["Pain de seigle"]
    assert titles(engine, text="pain de") == ["Pain de seigle"]


def test_every_word_must_match_somewhere(cluster_engine):
    engine = rebuilt(cluster_engine, [
        entry("Miel de lavande", body="Récolté sur le plateau de Valensole."),
        entry("Miel de montagne", keywords="Crèmerie Apiculteur"),
        entry("Pain de seigle", shop_name="Fournil de Tallard", shop_id=7),
    ])
    assert titles(engine, text="miel lavande") == ["Miel de lavande"]
    assert titles(engine, text="miel seigle") == []
    assert titles(engine, text="miel valensole") == ["Miel de lavande"]  # title + body
    assert titles(engine, text="cremerie") == ["Miel de montagne"]  # keywords
    assert titles(engine, text="tallard seigle") == ["Pain de seigle"]  # shop name + title


def test_typos_and_the_word_being_typed(cluster_engine):
    engine = rebuilt(cluster_engine, [entry("Fromage de chèvre"), entry("Pain de mie"), entry("Main de bois")])
    assert titles(engine, text="fromaje") == ["Fromage de chèvre"]  # one letter wrong
    assert titles(engine, text="chevre from") == ["Fromage de chèvre"]  # the last word is a beginning
    assert titles(engine, text="pain") == ["Pain de mie"]  # short words must be exact: not "Main"


def test_only_documents_of_the_asked_kind(cluster_engine):
    engine = rebuilt(cluster_engine, [entry("Miellerie des Écrins", DocumentKind.SHOP), entry("Miel des Écrins")])
    assert titles(engine, text="ecrins") == ["Miel des Écrins"]
    assert titles(engine, text="ecrins", result_type=ResultType.SHOPS) == ["Miellerie des Écrins"]


def test_radius_is_a_great_circle_distance(cluster_engine):
    # Not along a meridian, so that a latitude difference would not pass for the distance.
    inside, outside = point_at(GAP, 19.9, 60), point_at(GAP, 20.1, 60)
    assert haversine_km(GAP, inside) == pytest.approx(19.9, abs=1e-6)
    assert haversine_km(GAP, outside) == pytest.approx(20.1, abs=1e-6)
    engine = rebuilt(cluster_engine, [
        entry("Fromagerie du Champsaur", DocumentKind.SHOP, km=19.9, bearing=60),
        entry("Fournil de Tallard", DocumentKind.SHOP, km=20.1, bearing=60),
    ])
    answer = engine.search(SearchQuery(place=GAP_PLACE, radius_km=20, result_type=ResultType.SHOPS), ShopSets())
    assert [hit.title for hit in answer.hits] == ["Fromagerie du Champsaur"]
    assert answer.hits[0].distance_km == pytest.approx(19.9, abs=0.001)
    assert len(titles(engine, place=GAP_PLACE, radius_km=21, result_type=ResultType.SHOPS)) == 2


def test_distance_sort_is_nearest_first_with_distances(cluster_engine):
    engine = rebuilt(cluster_engine, [
        entry("Miel de sapin", km=8.0, bearing=200, object_id=301),
        entry("Miel de lavande", km=4.0, bearing=10, object_id=302),
        entry("Miel de montagne", km=4.0, bearing=10, object_id=303),  # a tie: object id decides
        entry("Miel de bruyère", km=30.0, bearing=100, object_id=300),
    ])
    answer = engine.search(SearchQuery(text="miel", place=GAP_PLACE, radius_km=50, sort=Sort.DISTANCE), ShopSets())
    assert [hit.title for hit in answer.hits] == ["Miel de lavande", "Miel de montagne", "Miel de sapin", "Miel de bruyère"]
    assert [round(hit.distance_km, 1) for hit in answer.hits] == [4.0, 4.0, 8.0, 30.0]
    # Browsing around a place (no text) is nearest first too.
    assert titles(engine, place=GAP_PLACE, radius_km=50)[0] == "Miel de lavande"
    # Without a place there is no distance.
    assert all(hit.distance_km is None for hit in engine.search(SearchQuery(text="miel"), ShopSets()).hits)


def honey_and_cheese_world() -> list[SearchEntry]:
    honey = dict(shop_id=1, trade="honey", pickup=True, labels=labelled("fait-maison", "bio"), category_id=11)
    cheese = dict(shop_id=2, trade="cheese", category_id=22)
    bread = dict(shop_id=3, trade="bakery", pickup=True, labels=labelled("fait-maison"), department_code="04")
    return [
        entry("Miel de lavande", price=Decimal("8.50"), **honey),
        entry("Miel de montagne", price=Decimal("12.00"), **honey),
        entry("Miel de sapin", price=Decimal("10.00"), in_stock=False, **honey),
        entry("Crème fraîche", price=Decimal("3.20"), **cheese),
        entry("Tomme de chèvre", price=Decimal("9.99"), **cheese),
        entry("Plateau de fromages", price=Decimal("35.00"), in_stock=False, **cheese),
        entry("Pain de seigle", price=Decimal("100.00"), **bread),
        entry("Fromagerie du Champsaur", DocumentKind.SHOP, **cheese),
    ]


def test_facets_are_counted_without_their_own_filter(cluster_engine):
    engine = rebuilt(cluster_engine, honey_and_cheese_world())
    shops = ShopSets(delivering_here=frozenset({1}), open_now=frozenset({1, 2}))
    answer = engine.search(SearchQuery(place=GAP_PLACE, radius_km=50, trades=("honey",)), shops)
    assert {hit.trade for hit in answer.hits} == {"honey"} and answer.total == 3
    assert answer.value_counts["trade"] == {"honey": 3, "cheese": 3, "bakery": 1}
    assert answer.value_counts["category"] == {"11": 3}
    assert answer.value_counts["department"] == {"05": 3}
    assert answer.value_counts["labels"] == {"fait-maison": 3, "bio": 3}
    assert answer.value_counts["price"] == {"0-10": 1, "10-20": 2}
    assert answer.flag_counts == {"pickup": 3, "in_stock": 2, "open_now": 3, "delivers_here": 3}

    # Two filters: each dimension applies the other one, the other dimensions apply both.
    answer = engine.search(SearchQuery(trades=("honey", "cheese"), in_stock=True), ShopSets(open_now=frozenset({1})))
    assert answer.total == 4
    assert answer.value_counts["trade"] == {"honey": 2, "cheese": 2, "bakery": 1}
    assert answer.flag_counts == {"in_stock": 4, "pickup": 2, "open_now": 2}  # no place: no "delivers here"
    assert answer.value_counts["price"] == {"0-10": 3, "10-20": 1}


def test_delivers_here_and_open_now_come_from_the_shop_sets(cluster_engine):
    engine = rebuilt(cluster_engine, honey_and_cheese_world())
    shops = ShopSets(delivering_here=frozenset({3}), open_now=frozenset({2}))
    assert titles(engine, shops, delivers_here=True) == ["Pain de seigle"]
    assert sorted(titles(engine, shops, open_now=True)) == ["Crème fraîche", "Plateau de fromages", "Tomme de chèvre"]
    assert len(titles(engine, ShopSets(delivering_here=None), delivers_here=True, page_size=50)) == 7  # no place: ignored
    assert titles(engine, ShopSets(open_now=frozenset()), open_now=True) == []  # nobody is open


def test_filters(cluster_engine):
    engine = rebuilt(cluster_engine, honey_and_cheese_world())
    # Both bounds are included.
    assert sorted(titles(engine, price_min=Decimal("9.99"), price_max=Decimal("12.00"))) == [
        "Miel de montagne", "Miel de sapin", "Tomme de chèvre",
    ]
    assert sorted(titles(engine, price_max=Decimal("8.50"))) == ["Crème fraîche", "Miel de lavande"]
    assert sorted(titles(engine, pickup=True, in_stock=True)) == ["Miel de lavande", "Miel de montagne", "Pain de seigle"]
    assert titles(engine, label_slugs=("bio", "nope"), text="lavande") == ["Miel de lavande"]
    assert titles(engine, department_codes=("04",)) == ["Pain de seigle"]
    assert sorted(titles(engine, category_ids=(22,))) == ["Crème fraîche", "Plateau de fromages", "Tomme de chèvre"]


def test_sorts_and_pages(cluster_engine):
    engine = rebuilt(cluster_engine, honey_and_cheese_world())
    by_price = engine.search(SearchQuery(sort=Sort.PRICE, page_size=50), ShopSets())
    prices = [hit.price for hit in by_price.hits]
    assert prices == sorted(prices) and prices[0] == Decimal("3.20") and prices[-1] == Decimal("100.00")
    newest = titles(engine, sort=Sort.NEWEST, page_size=50)
    assert newest[0] == "Pain de seigle" and newest[-1] == "Miel de lavande"  # created one hour apart
    first = engine.search(SearchQuery(sort=Sort.PRICE, page=1, page_size=3), ShopSets())
    second = engine.search(SearchQuery(sort=Sort.PRICE, page=2, page_size=3), ShopSets())
    third = engine.search(SearchQuery(sort=Sort.PRICE, page=3, page_size=3), ShopSets())
    assert first.total == second.total == third.total == 7
    pages = [hit.object_id for page in (first, second, third) for hit in page.hits]
    assert len(pages) == len(set(pages)) == 7


def test_relevance_puts_title_matches_first(cluster_engine):
    engine = rebuilt(cluster_engine, [
        entry("Pain d'épices", body="Au miel de sapin, cuit au feu de bois.", object_id=401),
        entry("Miel de sapin", object_id=402),
    ])
    assert titles(engine, text="miel sapin") == ["Miel de sapin", "Pain d'épices"]


def test_ties_are_broken_by_object_id(cluster_engine):
    same_time = JANUARY + datetime.timedelta(days=30)
    engine = rebuilt(cluster_engine, [
        entry("Miel C", object_id=503, created_at=same_time), entry("Miel A", object_id=501, created_at=same_time),
        entry("Miel B", object_id=502, created_at=same_time),
    ])
    assert titles(engine, sort=Sort.NEWEST) == ["Miel A", "Miel B", "Miel C"]
    assert titles(engine, sort=Sort.PRICE) == ["Miel A", "Miel B", "Miel C"]


def test_hits_carry_what_the_page_shows(cluster_engine):
    engine = rebuilt(cluster_engine, [entry(
        "Miel de sapin", object_id=77, shop_id=9, shop_name="Rucher en congés", shop_slug="rucher", url="/p/77/",
        image_url="/media/sapin.jpg", summary="Un miel sombre.", price=Decimal("11.00"), trade="honey",
        commune_name="Gap", postcode="05000", on_vacation=True, labels=labelled("bio"),
    )])
    [hit] = engine.search(SearchQuery(text="sapin", place=GAP_PLACE), ShopSets()).hits
    assert (hit.kind, hit.object_id, hit.shop_id, hit.shop_name, hit.shop_slug, hit.url) == (
        "product", 77, 9, "Rucher en congés", "rucher", "/p/77/",
    )
    assert (hit.image_url, hit.summary, hit.price, hit.trade, hit.labels, hit.on_vacation) == (
        "/media/sapin.jpg", "Un miel sombre.", Decimal("11.00"), "honey", ("bio",), True,
    )
    assert hit.distance_km == pytest.approx(1.0, abs=0.001)


# --- The Elasticsearch client -------------------------------------------------------------------------


def test_the_elasticsearch_client_speaks_to_the_cluster_too(elasticsearch_cluster_engine):
    # osmem departure: the Elasticsearch 8 client's media type ("application/vnd.elasticsearch+json;
    # compatible-with=8") is refused with 406; the fixture relays through a header rewriter.
    engine = elasticsearch_cluster_engine
    assert isinstance(engine.client, elastic.ElasticsearchClient)
    engine.index([entry("Crème fraîche", object_id=1)])
    rebuilt(engine, [entry("Crème fraîche", object_id=1), entry("Pain de seigle", object_id=2)])
    rebuilt(engine, [entry("Crème fraîche", object_id=1), entry("Pain de seigle", object_id=2)])
    assert titles(engine, text="creme") == ["Crème fraîche"]
    assert engine.suggest("sei") == ["Pain de seigle"]
    engine.remove([(DocumentKind.PRODUCT, 1)])
    assert titles(engine) == ["Pain de seigle"]
