"""Search « retrait à <point> »: only the products of the shops serving the point (any engine's
filter, from the shop ids the service computes)."""

import pytest

from search import indexing
from tests.factories import ProductFactory, ShopFactory
from tests.integration.collection_support import gap_market_world

pytestmark = pytest.mark.django_db


def test_the_search_keeps_the_shops_serving_the_point(client):
    world = gap_market_world()
    outsider = ShopFactory(partner__name="Savonnerie du Queyras", commune=world["gap"])
    ProductFactory(shop=outsider, title="Savon au lait de chèvre")
    indexing.rebuild()
    everything = client.get("/search/", {"type": "shops"})
    assert "Savonnerie du Queyras" in everything.content.decode()
    page = client.get("/search/", {"type": "shops", "collection_point": "marche-de-gap"})
    html = page.content.decode()
    assert page.status_code == 200 and "Savonnerie du Queyras" not in html
    assert {hit.shop_name for hit in page.context["results"].hits} == {shop.name for shop in world["shops"].values()}
    assert 'value="marche-de-gap" selected' in html
    products = client.get("/search/", {"collection_point": "marche-de-gap"}).context["results"].hits
    assert {hit.title for hit in products} == {"Tourte de seigle", "Tomme du Champsaur", "Bol en grès"}
    # An unknown point finds nothing; a value that is not a slug is a clear error, never a 500.
    assert client.get("/search/", {"collection_point": "nulle-part"}).context["results"].total == 0
    assert client.get("/api/search/", {"collection_point": "pas un slug!"}).status_code == 400
