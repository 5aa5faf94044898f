"""The checkout page, as a customer uses it: choose, review the totals, confirm once."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from checkout.order.models import CheckoutGroup
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Order = get_model("order", "Order")
pytestmark = pytest.mark.django_db


@pytest.fixture
def shopping(client):
    gap = CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", latitude=44.55858, longitude=6.07868)
    baker = ShopFactory(partner__name="Fournil de Gap", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    cheese = ShopFactory(partner__name="Fromagerie", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    ClickAndCollectOption.objects.create(shop=baker, preparation_hours=0, horizon_days=14)
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=baker, weekday=weekday, opens_at=datetime.time(6), closes_at=datetime.time(22))
    LocalDeliveryOption.objects.create(shop=cheese, is_active=True, radius_km=Decimal("15"), flat_fee=Decimal("3.00"), delivery_days=list(range(7)))
    customer = UserFactory(username="claire@example.fr", email="claire@example.fr")
    client.force_login(customer)
    client.post(f"/basket/add/{ProductFactory(shop=baker, title='Pain', shop__price=Decimal('4.00')).pk}/", {"quantity": 2})
    client.post(f"/basket/add/{ProductFactory(shop=cheese, title='Tomme', shop__price=Decimal('12.00')).pk}/", {"quantity": 1})
    return {"client": client, "baker": baker, "cheese": cheese, "customer": customer}


def form_data(page, baker, cheese, **extra):
    form = page.context["form"]
    slot = form.fields[f"shop_{baker.pk}_slot"].choices[1][1][0][0]  # the first slot of the first day
    day = form.fields[f"shop_{cheese.pk}_date"].choices[1][0]
    return {
        f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{baker.pk}_slot": slot, f"shop_{baker.pk}_payment": "on_site",
        f"shop_{cheese.pk}_payment": "on_site", f"shop_{cheese.pk}_fulfilment": "delivery", f"shop_{cheese.pk}_date": day, f"shop_{cheese.pk}_window": "morning",
        "first_name": "Claire", "last_name": "Martin", "line1": "2 rue des Lilas", "postcode": "05000", "commune_name": "Gap",
        "phone": "", **extra,
    }


def test_choose_review_and_confirm(shopping, django_capture_on_commit_callbacks):
    client, baker, cheese = shopping["client"], shopping["baker"], shopping["cheese"]
    page = client.get("/checkout/")
    html = page.content.decode()
    assert page.status_code == 200 and "Fournil de Gap" in html and "Fromagerie" in html
    assert "14 jours" in html  # the withdrawal right, stated per line

    data = form_data(page, baker, cheese)
    review = client.post("/checkout/", {**data, "review": "1"})
    assert review.status_code == 200 and [plan.total for plan in review.context["plans"]] == [Decimal("8.00"), Decimal("15.00")]
    assert "23,00" in review.content.decode()

    reviewed = review.context["digest"]
    refused = client.post("/checkout/", {**data, "confirm": "1", "reviewed": reviewed})
    assert "conditions générales" in " ".join(refused.context["problems"])
    # A summary that is no longer what would be placed is shown again rather than placed.
    changed = client.post("/checkout/", {**data, f"shop_{cheese.pk}_window": "afternoon", "confirm": "1", "terms": "on", "reviewed": reviewed})
    assert "a changé" in " ".join(changed.context["problems"]) and not CheckoutGroup.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": reviewed})
    group = CheckoutGroup.objects.get()
    assert done.status_code == 302 and done.url == f"/commande/{group.number}/"
    assert group.orders.count() == 2
    page = client.get(done.url).content.decode()
    pickup = group.orders.get(fulfilment="pickup")
    assert pickup.pickup_code in page and "<svg" in page
    assert [m.to for m in mail.outbox].count(["claire@example.fr"]) == 1
    assert group.number in client.get("/mes-achats/").content.decode()
    assert client.get("/checkout/").status_code == 302  # the basket is now empty


def test_missing_choices_and_an_address_outside_the_zone_are_explained(shopping):
    client, baker, cheese = shopping["client"], shopping["baker"], shopping["cheese"]
    page = client.get("/checkout/")
    missing = client.post("/checkout/", {f"shop_{baker.pk}_fulfilment": "pickup", f"shop_{cheese.pk}_fulfilment": "delivery", "review": "1"})
    errors = missing.context["form"].errors
    assert f"shop_{baker.pk}_slot" in errors and f"shop_{cheese.pk}_date" in errors and "line1" in errors
    CommuneFactory(insee_code="04070", name="Digne-les-Bains", postcodes="04000", latitude=44.0925, longitude=6.2356)
    far = client.post("/checkout/", {**form_data(page, baker, cheese), "postcode": "04000", "commune_name": "Digne-les-Bains", "review": "1"})
    assert any("hors zone" in problem and "livraison jusqu'à 15 km" in problem for problem in far.context["problems"])
    assert not Order.objects.exists()


def test_another_customer_cannot_see_a_confirmation(shopping, client, django_capture_on_commit_callbacks):
    shop_client, baker, cheese = shopping["client"], shopping["baker"], shopping["cheese"]
    page = shop_client.get("/checkout/")
    data = form_data(page, baker, cheese)
    reviewed = shop_client.post("/checkout/", {**data, "review": "1"}).context["digest"]
    shop_client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": reviewed})
    group = CheckoutGroup.objects.get()
    shop_client.force_login(UserFactory())
    assert shop_client.get(f"/commande/{group.number}/").status_code == 404
    shop_client.logout()
    assert shop_client.get(f"/commande/{group.number}/").status_code == 302


@pytest.mark.parametrize("url", ["/checkout/shipping-address/", "/checkout/preview/", "/checkout/payment-details/", "/checkout/thank-you/"])
def test_oscars_single_order_checkout_steps_lead_to_ours(shopping, url):
    client = shopping["client"]
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302 and response.url == "/checkout/"
    assert not Order.objects.exists()
