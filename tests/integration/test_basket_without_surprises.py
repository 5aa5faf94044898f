"""The basket and the checkout without surprises: each shop's ways to get its items, with their fees,
minimums and next slot, shown in the basket; choices kept when the customer leaves and comes back;
what does not apply ignored; one order history; a grand total and no pickup code once collected."""

import datetime
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model
from PIL import Image

from checkout.lifecycle import advance, hand_over
from checkout.order.models import CheckoutGroup
from checkout.offers import shop_offers
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

ProductImage = get_model("catalogue", "ProductImage")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Thursday afternoon: the baker's next slot is tomorrow 8:00; delivery is possible from tomorrow.
NOW = datetime.datetime(2026, 12, 10, 16, 0, tzinfo=PARIS)
NBSP = "\u00a0"


def text(response) -> str:
    """The page's words, tags removed and ordinary white space collapsed (non-breaking spaces kept)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" ,", ",")


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def market(client, clock):
    gap = CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", latitude=44.55858, longitude=6.07868)
    baker = ShopFactory(partner__name="Fournil de Gap", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    ClickAndCollectOption.objects.create(shop=baker, preparation_hours=2, horizon_days=14)
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=baker, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(12, 30))
    cheese = ShopFactory(partner__name="Fromagerie", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    LocalDeliveryOption.objects.create(
        shop=cheese, is_active=True, radius_km=Decimal("15"), flat_fee=Decimal("5.00"), minimum_order=Decimal("15.00"),
        free_above=Decimal("40.00"), delivery_days=list(range(7)),
    )
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr")
    client.force_login(customer)
    bread = ProductFactory(shop=baker, title="Pain", shop__price=Decimal("4.00"))
    tomme = ProductFactory(shop=cheese, title="Tomme", shop__price=Decimal("11.60"))
    client.post(f"/basket/add/{bread.pk}/", {"quantity": 2})
    client.post(f"/basket/add/{tomme.pk}/", {"quantity": 1})
    return {"client": client, "baker": baker, "cheese": cheese, "customer": customer, "gap": gap, "bread": bread, "tomme": tomme}


def test_the_basket_shows_each_shops_ways_fees_minimum_and_next_slot(market):
    page = text(market["client"].get("/basket/"))
    assert f"Retrait en boutique demain dès 8{NBSP}h, gratuit" in page
    assert f"Livraison 5,00{NBSP}€, minimum de commande 15,00{NBSP}€ — il manque 3,40{NBSP}€" in page
    assert f"Offerte dès 40,00{NBSP}€ (encore 28,40{NBSP}€)" in page
    assert f"Première livraison possible{NBSP}: demain" in page
    assert "Livraison gratuite" not in page and not re.search(r"(?<![\d])0,00", page)  # Oscar's « free shipping » is gone


def test_the_minimum_met_and_the_free_delivery_are_said(market):
    client = market["client"]
    client.post(f"/basket/add/{market['tomme'].pk}/", {"quantity": 1})  # 23,20 €: minimum met
    page = text(client.get("/basket/"))
    assert f"Livraison 5,00{NBSP}€, minimum de commande 15,00{NBSP}€" in page and "il manque" not in page
    assert f"(encore 16,80{NBSP}€)" in page
    client.post(f"/basket/add/{market['tomme'].pk}/", {"quantity": 2})  # 46,40 €: free
    page = text(client.get("/basket/"))
    assert "Livraison offerte, minimum de commande" in page and "encore" not in page


def test_a_fee_by_distance_is_a_range_and_a_full_or_late_slot_moves_the_next_one(market, time_machine):
    cheese, baker = market["cheese"], market["baker"]
    cheese.local_delivery.distance_bands = [["5", "3.00"], ["10", "6.00"]]
    cheese.local_delivery.flat_fee = Decimal("9.00")
    cheese.local_delivery.save()
    offers = shop_offers([(cheese.pk, [], Decimal("20.00")), (baker.pk, [], Decimal("8.00"))], NOW)
    assert (offers[cheese.pk].delivery.fee, offers[cheese.pk].delivery.fee_max) == (Decimal("3.00"), Decimal("9.00"))
    assert offers[cheese.pk].delivery.minimum_met and offers[cheese.pk].delivery.missing_for_free == Decimal("20.00")
    assert offers[cheese.pk].pickup is None and offers[baker.pk].delivery is None
    tomorrow_8 = datetime.datetime(2026, 12, 11, 8, 0, tzinfo=PARIS)
    assert offers[baker.pk].pickup.next_slot.starts_at == tomorrow_8

    # The 8:00 slot is full: the next one is 8:30.
    baker.pickup_slot_loads.create(starts_at=tomorrow_8, capacity=5, booked=5)
    offers = shop_offers([(baker.pk, [], Decimal("8.00"))], NOW)
    assert offers[baker.pk].pickup.when == f"demain dès 8{NBSP}h{NBSP}30"
    # Early in the morning, today's slots are offered (two hours of preparation).
    morning = datetime.datetime(2026, 12, 10, 7, 45, tzinfo=PARIS)
    offers = shop_offers([(baker.pk, [], Decimal("8.00"))], morning)
    assert offers[baker.pk].pickup.when == f"aujourd'hui dès 10{NBSP}h"
    page = text(market["client"].get("/basket/"))
    assert f"Livraison de 3,00{NBSP}€ à 9,00{NBSP}€ selon la distance" in page


def test_the_basket_shows_each_products_first_picture(market):
    output = io.BytesIO()
    Image.new("RGB", (600, 400), "#8a5a2b").save(output, format="JPEG")
    name = default_storage.save("images/products/pain.jpg", ContentFile(output.getvalue()))
    ProductImage.objects.create(product=market["bread"], original=name, display_order=0)
    html = market["client"].get("/basket/").content.decode()
    assert html.count('class="basket-line-img"') == 1 and "pain" in html.split('class="basket-line-img"')[0].rsplit("<img", 1)[1]
