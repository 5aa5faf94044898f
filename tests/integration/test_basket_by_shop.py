"""One basket, several shops: the basket page shows each shop's lines and subtotal."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db


def add(client, product, quantity=1):
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": quantity})
    assert response.status_code == 302


def test_a_three_shop_basket_is_grouped_with_each_shops_subtotal(client):
    baker = ShopFactory(partner__name="Fournil du Lac")
    potter = ShopFactory(partner__name="Poterie des Cigales")
    cheese = ShopFactory(partner__name="Fromagerie Blanc")
    add(client, ProductFactory(shop=baker, title="Pain au levain", shop__price=Decimal("4.20")), 2)
    add(client, ProductFactory(shop=potter, title="Bol en grès", shop__price=Decimal("24.00")))
    add(client, ProductFactory(shop=cheese, title="Tomme de chèvre", shop__price=Decimal("9.50")))
    add(client, ProductFactory(shop=baker, title="Fougasse", shop__price=Decimal("3.10")))

    response = client.get("/basket/")
    html = response.content.decode()
    assert response.status_code == 200
    groups = {group.shop.name: group for group in response.context["groups"]} if "groups" in response.context else None
    positions = [html.index(name) for name in ("Fournil du Lac", "Poterie des Cigales", "Fromagerie Blanc")]
    assert positions == sorted(positions)
    # Both of the baker's products sit in the baker's section, before the potter's.
    assert html.index("Pain au levain") < html.index("Fougasse") < html.index("Poterie des Cigales")
    assert "11,50" in html and "24,00" in html and "9,50" in html  # subtotals: 2 × 4,20 + 3,10; 24,00; 9,50
    assert groups is None or len(groups) == 3


def test_lines_of_a_shop_on_vacation_are_flagged_and_the_rest_stays_usable(client):
    open_shop = ShopFactory(partner__name="Ouverte")
    away = ShopFactory(partner__name="En congés")
    add(client, ProductFactory(shop=open_shop, title="Miel"))
    add(client, ProductFactory(shop=away, title="Savon"))
    away.on_vacation = True
    away.save()
    html = client.get("/basket/").content.decode()
    assert "Cette boutique est en congés" in html
    assert html.count("Cette boutique est en congés") == 1  # the section's warning
    assert html.count("ne prend pas de commande") == 1  # the line's availability, for the soap only


def test_grouping_costs_one_query_whatever_the_number_of_shops(client):
    from shops.templatetags.basket_shops import basket_by_shop

    for _ in range(6):
        add(client, ProductFactory(shop=ShopFactory()))
    formset = client.get("/basket/").context["formset"]
    with CaptureQueriesContext(connection) as captured:
        groups = basket_by_shop(formset)
    assert len(groups) == 6 and len(captured) == 1
