import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection

from geography.models import Commune
from shops.models import ShopStatus
from shops.trades import Trade
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shops_around_gap(communes_imported):
    """Shops at known places: two in Gap, one 9.3 km away, one 40 km away, one in each other department."""
    def shop_in(insee_code, trade=Trade.BAKERY, **kwargs):
        commune = Commune.objects.get(insee_code=insee_code)
        return ShopFactory(commune=commune, latitude=commune.latitude, longitude=commune.longitude, trade=trade, **kwargs)

    return {
        "gap_honey": shop_in("05061", Trade.HONEY, partner__name="Le Miel des Collines"),
        "gap_bread": shop_in("05061", Trade.BAKERY, partner__name="Au Fournil de Gap"),
        "batie_cheese": shop_in("05017", Trade.CHEESE, partner__name="La Bergerie"),
        "sisteron_honey": shop_in("04209", Trade.HONEY, partner__name="Miellerie de la Citadelle"),
        "nice": shop_in("06088", Trade.CHOCOLATE, partner__name="Chocolats de Nice"),
        "marseille": shop_in("13206", Trade.SOAP, partner__name="Savonnerie du Vieux-Port"),
        "toulon": shop_in("83137", Trade.POTTERY, partner__name="Poterie du Faron"),
        "avignon": shop_in("84007", Trade.SANTONS, partner__name="Santons du Palais"),
        "pending": shop_in("05061", Trade.BAKERY, partner__name="Boulangerie en attente", status=ShopStatus.SUBMITTED),
        "suspended": shop_in("05061", Trade.BAKERY, partner__name="Boulangerie suspendue", status=ShopStatus.SUSPENDED),
    }


def test_home_page_is_french_and_shows_the_chambers_selection(client, shops_around_gap):
    from django.utils import timezone

    from chamber.models import Feature

    for position, key in enumerate(("avignon", "pending", "suspended")):
        Feature.objects.create(shop=shops_around_gap[key], portrait=f"Portrait {key}", starts_on=timezone.localdate(), position=position)
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert "Achetez chez les artisans de votre région" in html
    # Only approved shops, even when the chamber featured others before they changed status.
    assert [feature.shop.name for feature in response.context["features"]] == ["Santons du Palais"]
    assert "Boulangerie en attente" not in html and "Boulangerie suspendue" not in html
    assert "Hautes-Alpes (05)" in html


def test_home_page_is_english_under_en(client, shops_around_gap):
    html = client.get("/en/").content.decode()
    assert '<html lang="en"' in html
    assert "Buy from the craftspeople of your area" in html


def test_home_searches_are_the_search_pages(client, shops_around_gap):
    """The home page's search box submits to /search/; its former search links (bookmarks, the
    storefront's trade breadcrumb) lead there, as a search for shops."""
    from search import indexing

    indexing.rebuild()
    html = client.get("/").content.decode()
    assert 'action="/search/"' in html
    response = client.get("/", {"place": "05000", "radius": "50"})
    assert response.status_code == 302 and response["Location"] == "/search/?type=shops&place=05000&radius=50"
    page = client.get(response["Location"])
    names = [hit.shop_name for hit in page.context["results"].hits]
    assert names[:2] == ["Le Miel des Collines", "Au Fournil de Gap"]
    assert names[2:] == ["La Bergerie", "Miellerie de la Citadelle"]
    assert "La Freissinouse (05000)" in page.content.decode()  # the other communes of 05000 can be chosen
    assert client.get("/", {"department": "84"})["Location"] == "/search/?type=shops&department=84"
    assert client.get("/", {"commune": "05059"})["Location"] == "/search/?type=shops&insee=05059"


def test_home_query_count_does_not_grow_with_the_number_of_shops(client, shops_around_gap):
    def count_queries(parameters):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", parameters).status_code == 200
        return len(queries)

    ProductFactory(shop=shops_around_gap["gap_bread"])
    client.get("/")  # the menu's categories are cached from then on
    before = count_queries({})
    for number in range(3):
        ProductFactory(shop=shops_around_gap["nice"])
        ProductFactory(shop=ShopFactory(commune=shops_around_gap["gap_bread"].commune, latitude=44.5, longitude=6.0))
    after = count_queries({})
    assert after == before


def test_every_script_style_and_font_is_served_by_the_site(client, shops_around_gap):
    ProductFactory(shop=shops_around_gap["nice"])
    for url in ["/", "/search/?place=05000", "/search/?place=05000&view=map", "/credits/", shops_around_gap["nice"].get_absolute_url(), "/catalogue/"]:
        html = client.get(url).content.decode()
        # Canonical and language links name the page's own addresses (absolute, on SITE_URL): nothing loaded.
        sources = re.findall(r'<(?:script|link(?![^>]*rel="(?:canonical|alternate)")|img)[^>]+(?:src|href)="([^"]+)"', html)
        assert sources, url
        external = [source for source in sources if re.match(r"^(https?:)?//", source)]
        assert external == [], f"{url} loads {external}"


def test_commune_autocomplete_api(client, communes_imported):
    response = client.get("/api/communes/", {"q": "gap"})
    assert response.status_code == 200
    first = response.json()["results"][0]
    assert first["label"] == "Gap (05000)"
    assert first["insee_code"] == "05061"
    assert (first["latitude"], first["longitude"]) == (44.55858, 6.07868)
    assert client.get("/api/communes/", {"q": "x" * 5000}).json() == {"results": []}
    assert client.get("/api/communes/").json() == {"results": []}


def test_credits_page_shows_the_attributions_the_licences_require(client):
    html = client.get("/credits/").content.decode()
    assert "Source\xa0: INSEE (COG, populations légales), DGCL, La Poste, via Etalab" in html
    assert "Contains data from GeoNames" in html
    assert "Creative Commons Attribution 4.0" in html
