"""The public API's OpenAPI document stays true: Schemathesis fuzzes every documented operation and
parameter against the Django app in-process (WSGI), on a small market near Gap, and every answer must
be a documented status (never a 5xx) whose body matches the documented schema.

Both valid and invalid inputs are generated (positive and negative modes): an invalid parameter must
get its documented 400, never a 500. Derandomized, so a run repeats the previous one.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance, status_code_conformance,
)

from marketplace.wsgi import application
from search import indexing
from search.openapi import openapi_document
from tests.integration.search_world import MONDAY_10, build_world

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@pytest.fixture
def search_world(communes_imported, settings, time_machine):
    """The search contract's region around Gap (shops at known distances, labels, categories, a shop on
    vacation), indexed, on a Monday at 10:00 when its shops are open: the searches find something, so
    the answers' every field is checked, and a run repeats the last whatever the hour."""
    time_machine.move_to(MONDAY_10, tick=False)
    settings.SEARCH_ENGINE = "database"
    with indexing.paused():
        built = build_world()
    indexing.rebuild()
    return built


# Read from the app itself, as a client would (no database needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)
# NUL characters included: PostgreSQL refuses them, the API must answer 400 or strip them first.
schema.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])


@pytest.fixture
def connection_kept_between_requests():
    """Django closes the database connection around each request it serves (close_old_connections);
    its test client stops that so a test's transaction survives, and so must this WSGI client."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(max_examples=60, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_every_answer_of_the_api_is_documented(case, search_world, connection_kept_between_requests):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.django_db
def test_the_schema_is_served_as_json_and_describes_the_three_operations(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document == json.loads(json.dumps(openapi_document()))
    assert document["openapi"].startswith("3.1")
    assert set(document["paths"]) == {"/api/search/", "/api/search/suggestions/", "/api/communes/"}
    search = document["paths"]["/api/search/"]["get"]
    names = {parameter["name"] for parameter in search["parameters"]}
    assert names == {"q", "place", "insee", "lat", "lon", "radius", "type", "sort", "trade", "category", "department",
                     "label", "price_min", "price_max", "price_range", "pickup", "delivers", "open_now", "in_stock",
                     "collection_point", "page", "per_page"}
    assert set(search["responses"]) == {"200", "400", "404"}


@pytest.mark.django_db
def test_every_search_form_field_is_documented_except_the_pages_own():
    from search.forms import SearchForm

    documented = {parameter["name"] for parameter in openapi_document()["paths"]["/api/search/"]["get"]["parameters"]}
    assert set(SearchForm().fields) == documented  # `view` is the page's alone and is no form field


@pytest.mark.django_db
def test_the_page_describes_the_api_in_french_and_in_english(client):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "API publique d’Échoppe" in html and "Rechercher des produits ou des boutiques" in html
    assert 'href="/api/schema/"' in html and "<code>per_page</code>" in html and "nombre de 0,5 à 200" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    english = client.get("/en/api/docs/").content.decode()
    assert "Échoppe public API" in english and "Search products or shops" in english


@pytest.mark.django_db
def test_the_schema_is_in_french_like_the_answers(client):
    # The API's URLs are outside the language prefixes: its answers and its description are French.
    assert client.get("/api/schema/", HTTP_ACCEPT_LANGUAGE="en").json()["info"]["title"] == "API publique d’Échoppe"


@pytest.mark.django_db
def test_a_flag_at_0_or_false_filters_nothing(search_world, client):
    # Django's checkbox reads « 0 » as ticked; the API's callers mean « no filter ».
    for off in ("0", "false", ""):
        assert client.get("/api/search/", {"open_now": off}).json()["flags"]["open_now"]["selected"] is False
    assert client.get("/api/search/", {"open_now": "1"}).json()["flags"]["open_now"]["selected"] is True


@pytest.mark.django_db
def test_open_now_and_delivers_here_with_no_shop_open_or_delivering_is_an_empty_answer(search_world, client):
    # Found by the fuzzing on PostgreSQL at night: an empty set of shop ids compiled to a constant
    # that a FILTER clause refused (a 500).
    from shops.fulfilment import LocalDeliveryOption
    from shops.models import OpeningPeriod

    OpeningPeriod.objects.all().delete()
    LocalDeliveryOption.objects.all().delete()
    response = client.get("/api/search/", {"open_now": "1", "delivers": "1", "place": "05000"})
    assert response.status_code == 200
    assert response.json()["count"] == 0
