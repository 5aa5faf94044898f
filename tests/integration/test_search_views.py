"""The search page and the public JSON API: parameters, results, errors, fallback."""

from __future__ import annotations

import logging

import pytest

from search import indexing
from tests.integration.search_world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(communes_imported, settings):
    settings.SEARCH_ENGINE = "database"
    with indexing.paused():
        built = build_world()
    indexing.rebuild()
    return built


def test_page_lists_nearby_honey_nearest_first_with_distances(world, client):
    page = client.get("/search/", {"q": "miel", "place": "05000", "radius": "20"})
    assert page.status_code == 200
    html = page.content.decode()
    assert html.index("Miel de lavande") < html.index("Miel de sapin")
    assert "à 4,0 km" in html and "Rucher en congés" in html
    assert "En congés" in html  # the vacation shop is shown as such
    assert "Tomme de chèvre" not in html


def test_page_filters_keep_their_state_and_counts(world, client):
    page = client.get("/search/", {"place": "Gap (05000)", "radius": "50", "type": "shops", "delivers": "1"})
    html = page.content.decode()
    assert page.status_code == 200 and "Miellerie des Écrins" in html and "Fromagerie du Champsaur" not in html
    assert 'name="delivers" id="flag-delivers_here" value="1" checked' in html
    assert "Livre à mon adresse" in html


def test_empty_query_page_invites_to_search(world, client):
    page = client.get("/search/")
    assert page.status_code == 200


@pytest.mark.parametrize("parameters, field", [
    ({"radius": "abc"}, "radius"),
    ({"lat": "999", "lon": "6"}, "lat"),
    ({"lat": "44.5"}, "__all__"),
    ({"q": "x" * 5000}, "q"),
    ({"place": "99999"}, "place"),
    ({"type": "everything"}, "type"),
    ({"sort": "cheapest"}, "sort"),
    ({"price_min": "20", "price_max": "5"}, "price_max"),
    ({"page": "0"}, "page"),
    ({"category": "abc"}, "category"),
    ({"department": "'; DROP TABLE"}, "department"),
])
def test_bad_parameters_get_a_400_with_a_message_never_a_500(world, client, parameters, field):
    page = client.get("/search/", parameters)
    assert page.status_code == 400
    assert "Veuillez vérifier votre recherche" in page.content.decode()
    api = client.get("/api/search/", parameters)
    assert api.status_code == 400 and field in api.json()["errors"]


def test_api_answers_the_documented_shape(world, client):
    answer = client.get("/api/search/", {"q": "miel", "place": "05061", "radius": "20", "sort": "distance"})
    assert answer.status_code == 200 and answer["Access-Control-Allow-Origin"] == "*"
    data = answer.json()
    assert data["count"] == 3 and data["page"] == 1 and data["pages"] == 1 and data["next"] is None
    assert data["place"]["insee_code"] == "05061" and data["place"]["radius_km"] == 20
    first = data["results"][0]
    assert first["type"] == "product" and first["title"] == "Miel de lavande"
    assert first["shop"]["name"] == "Miellerie des Écrins" and first["shop"]["url"].startswith("http://testserver/shops/")
    assert first["price"] == "8.50" and first["currency"] == "EUR"
    assert first["distance_km"] == 4.0 and first["commune"] == "Village à 4.0 km"
    assert first["url"].startswith("http://testserver/")
    assert {value["value"]: value["count"] for value in data["facets"]["trade"]} == {"miellerie": 3}
    assert data["flags"]["pickup"]["count"] == 2


def test_api_by_position_and_paging(world, client):
    gap = world.gap.point
    data = client.get("/api/search/", {"lat": gap.latitude, "lon": gap.longitude, "radius": 50, "per_page": 2, "type": "products"}).json()
    assert data["count"] == 7 and data["pages"] == 4 and len(data["results"]) == 2
    assert data["next"].endswith("page=2") and data["place"]["insee_code"] == "05061"
    second = client.get(data["next"]).json()
    assert not {item["id"] for item in second["results"]} & {item["id"] for item in data["results"]}


def test_suggestions_api(world, client):
    assert "Miel de lavande" in client.get("/api/search/suggestions/", {"q": "lav"}).json()["suggestions"]
    assert client.get("/api/search/suggestions/", {"q": "l"}).json()["suggestions"] == []


def test_cluster_down_falls_back_to_the_database_with_a_warning(world, client, settings, caplog):
    from search.service import breaker

    breaker.reset()
    settings.SEARCH_ENGINE = "elasticsearch"
    settings.SEARCH_CLUSTER_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_CLUSTER_FLAVOUR = "opensearch"
    with caplog.at_level(logging.WARNING, logger="search.service"):
        answer = client.get("/api/search/", {"q": "miel", "place": "05000"})
    assert answer.status_code == 200 and answer.json()["engine"] == "database" and answer.json()["count"] == 3
    assert any("answering from the database" in record.getMessage() for record in caplog.records)
    page = client.get("/search/", {"q": "miel", "place": "05000"})
    assert page.status_code == 200 and "Miel de lavande" in page.content.decode()


@pytest.mark.parametrize("text", ["🍯", "'", "%", "_", ":*", "!", "le de la"])
def test_text_without_a_searchable_word_browses_instead_of_failing(world, client, text):
    assert client.get("/search/", {"q": text}).status_code == 200
    assert client.get("/api/search/", {"q": text}).json()["count"] == 7


def test_a_page_past_the_end_is_not_found(world, client):
    assert client.get("/search/", {"page": "9"}).status_code == 404
    assert client.get("/api/search/", {"page": "9"}).status_code == 404
    assert client.get("/api/search/", {"page": "500", "per_page": "50"}).status_code == 400  # beyond 10,000 results


def test_insee_code_names_a_commune_exactly(world, client):
    data = client.get("/api/search/", {"insee": "05061", "radius": 5}).json()
    assert data["place"]["insee_code"] == "05061" and data["count"] == 2
    assert "insee" in client.get("/api/search/", {"insee": "5061"}).json()["errors"]


def test_ignored_parameters_are_explained(world, client):
    data = client.get("/api/search/", {"delivers": "1", "sort": "distance"}).json()
    assert len(data["notices"]) == 2 and "lieu" in data["notices"][0]
    page = client.get("/search/", {"type": "shops", "sort": "price", "category": str(world.products["lavender"].categories.get().pk)})
    assert page.status_code == 200 and "Les boutiques n’ont pas de prix" in page.content.decode()
    assert page.context["results"].total == 4  # the product category does not filter shops


def test_a_ticked_filter_stays_visible_with_no_results(world, client):
    page = client.get("/search/", {"q": "miel", "trade": "fromagerie"})
    assert page.context["results"].total == 0
    assert 'name="trade" id="trade-fromagerie" value="fromagerie" checked' in page.content.decode()


def test_a_failing_cluster_is_not_asked_again_for_a_while(world, client, settings, caplog):
    from search.service import breaker

    settings.SEARCH_ENGINE, settings.SEARCH_CLUSTER_FLAVOUR = "elasticsearch", "opensearch"
    settings.SEARCH_CLUSTER_URL = "http://127.0.0.1:9"
    breaker.reset()
    try:
        with caplog.at_level(logging.WARNING):
            for _ in range(3):
                assert client.get("/api/search/", {"q": "miel"}).json()["engine"] == "database"
        assert sum("answering from the database" in record.getMessage() for record in caplog.records) == 1
    finally:
        breaker.reset()
