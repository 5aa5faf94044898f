import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection

from marketplace.geography.models import Commune
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


def shop_names(response) -> list[str]:
    return [shop.name for shop in response.context["shops"]]


def test_home_page_is_french_and_shows_the_chambers_selection(client, shops_around_gap):
    from django.utils import timezone

    from marketplace.chamber.models import Feature

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


def test_postcode_lists_nearest_shops_first_with_their_distance(client, shops_around_gap):
    response = client.get("/", {"place": "05000", "radius": "50"})
    assert response.status_code == 200
    assert shop_names(response)[:2] == ["Le Miel des Collines", "Au Fournil de Gap"]  # 0 km: oldest first
    assert shop_names(response)[2:] == ["La Bergerie", "Miellerie de la Citadelle"]
    distances = [shop.distance_km for shop in response.context["shops"]]
    assert distances == sorted(distances)
    assert distances[2] == pytest.approx(9.3, abs=0.1)  # La Bâtie-Neuve
    assert distances[3] == pytest.approx(42.3, abs=0.1)  # Sisteron
    html = response.content.decode()
    assert "4 boutiques à moins de 50 km de Gap (05000)" in html
    assert "à 9,3 km" in html and "dans la commune" in html
    assert "La Freissinouse (05000)" in html  # the other communes of 05000 can be chosen


def test_radius_text_and_trade_narrow_the_list(client, shops_around_gap):
    assert shop_names(client.get("/", {"place": "05000", "radius": "10"})) == [
        "Le Miel des Collines", "Au Fournil de Gap", "La Bergerie"
    ]
    assert shop_names(client.get("/", {"place": "Gap", "q": "miel", "radius": "100"})) == [
        "Le Miel des Collines", "Miellerie de la Citadelle"
    ]
    # The trade's French label matches too, without its accent.
    assert shop_names(client.get("/", {"q": "miellerie"})) == ["Le Miel des Collines", "Miellerie de la Citadelle"]
    assert shop_names(client.get("/", {"trade": Trade.CHEESE})) == ["La Bergerie"]
    assert shop_names(client.get("/", {"department": "84"})) == ["Santons du Palais"]


def test_choosing_another_commune_of_a_shared_postcode(client, shops_around_gap):
    freissinouse = Commune.objects.get(insee_code="05059")
    response = client.get("/", {"commune": "05059", "radius": "10"})
    assert response.context["place"].commune == freissinouse
    assert response.context["form"]["place"].value() == "La Freissinouse (05000)"


def test_nothing_within_the_radius_offers_the_nearest_shops(client, shops_around_gap):
    response = client.get("/", {"place": "Barcelonnette", "radius": "10"})
    html = response.content.decode()
    assert list(response.context["shops"]) == []
    assert "Aucune boutique ne correspond à votre recherche ici." in html
    assert "Les plus proches, au-delà de 10 km" in html
    nearest = list(response.context["nearest_outside_radius"])
    assert nearest[0].commune.name == "La Bâtie-Neuve"  # east of Gap, on the way to Barcelonnette


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"place": "99999"}, "Code postal inconnu : 99999."),
        ({"q": "", "place": ""}, "Indiquez ce que vous cherchez, ou un code postal ou une commune."),
        ({"place": "x" * 500}, "Assurez-vous que cette valeur comporte au plus 100 caractères (actuellement 500)."),
        ({"q": "é" * 500}, "Assurez-vous que cette valeur comporte au plus 100 caractères (actuellement 500)."),
        ({"place": "Gap", "radius": "abc"}, "Sélectionnez un choix valide. abc n’en fait pas partie."),
        ({"place": "Gap", "radius": "-5"}, "Sélectionnez un choix valide. -5 n’en fait pas partie."),
        ({"commune": "<script>"}, "Code commune inconnu : &lt;script&gt;."),
        ({"department": "999x"}, "Département inconnu."),
        ({"trade": "astrologue"}, "Sélectionnez un choix valide. astrologue n’en fait pas partie."),
        ({"place": "1234"}, "Un code postal français compte cinq chiffres, par exemple 05000."),
    ],
)
def test_bad_input_gets_a_french_message_and_never_a_500(client, shops_around_gap, parameters, message):
    response = client.get("/", parameters)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "page_obj" not in response.context


def test_paging_keeps_the_search(client, shops_around_gap):
    commune = Commune.objects.get(insee_code="05061")
    for number in range(14):
        ShopFactory(commune=commune, latitude=commune.latitude, longitude=commune.longitude, partner__name=f"Atelier {number:02d}")
    first = client.get("/", {"place": "05000", "radius": "10"})
    assert first.context["page_obj"].paginator.count == 17
    assert len(first.context["shops"]) == 12
    assert 'href="?place=05000&amp;radius=10&amp;page=2"' in first.content.decode()
    second = client.get("/", {"place": "05000", "radius": "10", "page": "2"})
    assert len(second.context["shops"]) == 5
    assert client.get("/", {"place": "05000", "page": "abc"}).status_code == 200


def test_home_query_count_does_not_grow_with_the_number_of_shops(client, shops_around_gap):
    def count_queries(parameters):
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/", parameters).status_code == 200
        return len(queries)

    ProductFactory(shop=shops_around_gap["gap_bread"])
    client.get("/")  # the menu's categories are cached from then on
    before = (count_queries({}), count_queries({"place": "05000", "radius": "100"}))
    for number in range(3):
        ProductFactory(shop=shops_around_gap["nice"])
        ProductFactory(shop=ShopFactory(commune=shops_around_gap["gap_bread"].commune, latitude=44.5, longitude=6.0))
    after = (count_queries({}), count_queries({"place": "05000", "radius": "100"}))
    assert after == before


def test_every_script_style_and_font_is_served_by_the_site(client, shops_around_gap):
    ProductFactory(shop=shops_around_gap["nice"])
    for url in ["/", "/?place=05000", "/credits/", shops_around_gap["nice"].get_absolute_url(), "/catalogue/"]:
        html = client.get(url).content.decode()
        sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', html)
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
    assert "Source : INSEE (COG, populations légales), DGCL, La Poste, via Etalab" in html
    assert "Contains data from GeoNames" in html
    assert "Creative Commons Attribution 4.0" in html
