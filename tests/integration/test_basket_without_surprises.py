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

from checkout.lifecycle import ReceivedPayment, advance, hand_over
from checkout.order.models import CheckoutGroup
from checkout.offers import shop_offers
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory
from tests.integration.page_text import NBSP
from tests.integration.page_text import page_words as text

ProductImage = get_model("catalogue", "ProductImage")
Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Thursday afternoon: the baker's next slot is tomorrow 8:00; delivery is possible from tomorrow.
NOW = datetime.datetime(2026, 12, 10, 16, 0, tzinfo=PARIS)


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


# --- The checkout: choices kept, what does not apply ignored, the primary action last ------------

def first_slot(page, shop) -> str:
    return page.context["form"].fields[f"shop_{shop.pk}_slot"].choices[1][1][0][0]


def first_day(page, shop) -> str:
    return page.context["form"].fields[f"shop_{shop.pk}_date"].choices[1][0]


def test_choices_and_address_are_kept_when_the_customer_leaves_and_comes_back(market):
    client, baker, cheese = market["client"], market["baker"], market["cheese"]
    page = client.get("/checkout/")
    slot, day = first_slot(page, baker), first_day(page, cheese)
    # As the customer types, checkout.js sends the form to the draft view; then they go back to the basket.
    draft = {
        f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{baker.pk}_slot": slot,
        f"shop_{cheese.pk}_fulfilment": "delivery", f"shop_{cheese.pk}_date": day, f"shop_{cheese.pk}_window": "afternoon",
        "first_name": "Claire", "last_name": "Martin", "line1": "2 rue des Lilas", "postcode": "05000", "commune_name": "Gap",
        "terms": "on",
    }
    assert client.post("/checkout/brouillon/", draft).status_code == 204
    client.get("/basket/")
    form = client.get("/checkout/").context["form"]
    assert form[f"shop_{baker.pk}_slot"].value() == slot and form[f"shop_{cheese.pk}_window"].value() == "afternoon"
    assert form[f"shop_{cheese.pk}_fulfilment"].value() == "delivery" and form["line1"].value() == "2 rue des Lilas"
    assert not form["terms"].value()  # accepting the terms is never assumed

    # A submission refused (the delivery day missing) is kept as typed too, address included.
    refused = client.post("/checkout/", {**draft, f"shop_{cheese.pk}_date": "", "line1": "4 rue Carnot", "review": "1"})
    assert f"shop_{cheese.pk}_date" in refused.context["form"].errors
    assert 'value="4 rue Carnot"' in refused.content.decode()
    form = client.get("/checkout/").context["form"]
    assert form["line1"].value() == "4 rue Carnot" and form[f"shop_{baker.pk}_slot"].value() == slot

    # Another basket (a new one after ordering) does not inherit it.
    session = client.session
    session["checkout-draft"]["basket"] += 1000
    session.save()
    assert client.get("/checkout/").context["form"]["line1"].value() is None


def test_what_does_not_apply_to_the_way_chosen_is_ignored(market):
    client, baker, cheese = market["client"], market["baker"], market["cheese"]
    client.post(f"/basket/add/{market['tomme'].pk}/", {"quantity": 1})  # the delivery minimum is met
    page = client.get("/checkout/")
    slot = first_slot(page, baker)
    # Both shops collected: a stale delivery day, a window and a half-typed address are ignored, not refused.
    data = {
        f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{baker.pk}_slot": slot, f"shop_{baker.pk}_payment": "on_site",
        f"shop_{baker.pk}_date": "1999-01-01",
        f"shop_{cheese.pk}_fulfilment": "delivery", f"shop_{cheese.pk}_payment": "on_site",
        f"shop_{cheese.pk}_date": first_day(page, cheese), f"shop_{cheese.pk}_window": "morning",
        f"shop_{cheese.pk}_slot": "not-a-slot",
        "first_name": "Claire", "last_name": "Martin", "line1": "2 rue des Lilas", "postcode": "05000", "commune_name": "Gap",
        "review": "1",
    }
    # The cheese shop only delivers: its pickup fields do not exist; the baker only collects.
    review = client.post("/checkout/", data)
    assert review.context["form"].is_valid(), review.context["form"].errors
    assert [plan.fee for plan in review.context["plans"]] == [Decimal("0.00"), Decimal("5.00")]

    # Collecting everything: the address fields, even invalid, are not asked for nor checked.
    ClickAndCollectOption.objects.create(shop=cheese, preparation_hours=0)
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=cheese, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(12))
    page = client.get("/checkout/")
    collect_all = {
        **data, f"shop_{cheese.pk}_fulfilment": "pickup", f"shop_{cheese.pk}_slot": first_slot(page, cheese),
        f"shop_{cheese.pk}_date": "1999-01-01", "postcode": "ABCDEFG", "line1": "x" * 300,
    }
    review = client.post("/checkout/", collect_all)
    assert review.context["form"].is_valid(), review.context["form"].errors
    assert review.context["form"].address() is None
    assert all(plan.choice.fulfilment == "pickup" and plan.choice.delivery_date is None for plan in review.context["plans"])
    html = review.content.decode()
    # The primary action comes last: the confirmation after the summary, the summary's update before it.
    assert html.index('name="review"') < html.index('id="summary-title"') < html.index('name="confirm"')
    assert 'data-applies-to="pickup"' in html and 'data-applies-to="delivery"' in html  # for checkout.js


def test_the_basket_minimum_shows_before_checkout_too(market):
    html = text(market["client"].get("/checkout/"))
    assert f"minimum de commande 15,00{NBSP}€ — il manque 3,40{NBSP}€" in html


# --- After ordering: one history, a grand total, no pickup code once collected -------------------

def place(client, baker, cheese):
    page = client.get("/checkout/")
    data = {
        f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{baker.pk}_slot": first_slot(page, baker), f"shop_{baker.pk}_payment": "on_site",
        f"shop_{cheese.pk}_fulfilment": "delivery", f"shop_{cheese.pk}_date": first_day(page, cheese),
        f"shop_{cheese.pk}_window": "morning", f"shop_{cheese.pk}_payment": "on_site",
        "first_name": "Claire", "last_name": "Martin", "line1": "2 rue des Lilas", "postcode": "05000", "commune_name": "Gap",
    }
    reviewed = client.post("/checkout/", {**data, "review": "1"}).context["digest"]
    done = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": reviewed})
    assert done.status_code == 302, done.context and done.context.get("problems")
    return CheckoutGroup.objects.get()


def test_the_confirmation_has_a_grand_total_and_the_code_goes_once_collected(market):
    client, baker, cheese = market["client"], market["baker"], market["cheese"]
    client.post(f"/basket/add/{market['tomme'].pk}/", {"quantity": 1})  # 8,00 + 23,20 + 5,00 of delivery
    group = place(client, baker, cheese)
    page = text(client.get(f"/commande/{group.number}/"))
    assert f"Total général 36,20{NBSP}€" in page
    assert f"Retrait{NBSP}: vendredi 11 décembre à 8{NBSP}h" in page
    assert f"Fournil de Gap 8,00{NBSP}€ 0,00{NBSP}€ 8,00{NBSP}€" in page
    assert f"Fromagerie 23,20{NBSP}€ 5,00{NBSP}€ 28,20{NBSP}€" in page
    pickup = group.orders.get(fulfilment="pickup")
    assert pickup.pickup_code in page and 'class="pickup-qr"><svg' in client.get(f"/commande/{group.number}/").content.decode()
    assert pickup.pickup_code in text(client.get("/mes-achats/"))

    # Collected at the counter: the code and its QR code are no more to be shown.
    for step in ("accepted", "ready"):
        advance(pickup, step)
    hand_over(pickup, baker.owner, pickup_code=pickup.pickup_code, payment=ReceivedPayment(Decimal("8.00"), "cash"))
    html = client.get(f"/commande/{group.number}/").content.decode()
    assert "pickup-qr" not in html and "Retirée" in html
    assert pickup.pickup_code not in html
    assert pickup.pickup_code not in client.get("/mes-achats/").content.decode()


def test_one_order_history(market):
    client, baker, cheese = market["client"], market["baker"], market["cheese"]
    client.post(f"/basket/add/{market['tomme'].pk}/", {"quantity": 1})
    group = place(client, baker, cheese)
    listing = client.get("/accounts/orders/")
    assert listing.status_code in (301, 302) and listing.url == "/mes-achats/"
    order = group.orders.order_by("number").first()
    detail = client.get(f"/accounts/orders/{order.number}/")
    assert detail.status_code in (301, 302) and detail.url == f"/commande/{group.number}/"
    # Someone else's order number leads nowhere.
    client.force_login(UserFactory())
    assert client.get(f"/accounts/orders/{order.number}/").status_code == 404
    profile = client.get("/accounts/profile/").content.decode()
    assert 'href="/mes-achats/"' in profile and 'href="/accounts/orders/"' not in profile
