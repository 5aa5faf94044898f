"""The artisan sees only their shop's orders and moves each one along; others get a 404."""

import pytest
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from checkout.lifecycle import new_pickup_code
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db


@pytest.fixture
def order_of_a():
    shop_a = ShopFactory(partner__name="Atelier A")
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(ProductFactory(shop=shop_a, title="Vase"), 1)
    order = create_order(basket=basket, user=UserFactory(email="c@example.fr", username="c@example.fr"), number="A-1")
    order.fulfilment, order.pickup_code = "pickup", new_pickup_code()
    order.save()
    return shop_a, order


def test_the_artisan_accepts_prepares_and_hands_over_with_the_code(client, order_of_a):
    shop_a, order = order_of_a
    client.force_login(shop_a.owner)
    assert "A-1" in client.get("/espace-artisan/commandes/").content.decode()
    assert client.post("/espace-artisan/commandes/A-1/", {"status": "accepted"}).status_code == 302
    client.post("/espace-artisan/commandes/A-1/", {"status": "ready"})
    wrong = client.post("/espace-artisan/commandes/A-1/", {"status": "collected", "pickup_code": "XXXXXX"})
    assert wrong.status_code == 200 and "code de retrait" in wrong.content.decode()
    # Paid on site: the payment is received in the same step (test_lifecycle_bypass.py tests the refusals).
    due = str(order.total_incl_tax).replace(".", ",")
    client.post("/espace-artisan/commandes/A-1/", {"status": "collected", "pickup_code": order.pickup_code, "amount": due, "means": "cash"})
    order.refresh_from_db()
    assert order.status == "collected"
    assert "Retirée" in client.get("/espace-artisan/commandes/?statut=collected").content.decode()


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_artisan_gets_a_404_on_the_order(client, order_of_a, method):
    _shop_a, order = order_of_a
    client.force_login(ShopFactory().owner)
    response = getattr(client, method)("/espace-artisan/commandes/A-1/", {"status": "cancelled", "reason": "x"})
    assert response.status_code == 404
    assert "A-1" not in client.get("/espace-artisan/commandes/").content.decode()
    order.refresh_from_db()
    assert order.status == "new"


def test_the_artisan_records_a_payment_received_on_site(client, order_of_a):
    from decimal import Decimal

    from payments.on_site import amount_due, amount_paid

    shop_a, order = order_of_a
    client.force_login(shop_a.owner)
    total = order.total_incl_tax
    too_much = client.post("/espace-artisan/commandes/A-1/", {"record_payment": "1", "amount": str(total + 1).replace(".", ","), "means": "cash"})
    assert too_much.status_code == 200 and "au plus" in too_much.content.decode()
    client.post("/espace-artisan/commandes/A-1/", {"record_payment": "1", "amount": "1,50", "means": "cheque"})
    client.post("/espace-artisan/commandes/A-1/", {"record_payment": "1", "amount": str(total - Decimal("1.50")).replace(".", ","), "means": "card"})
    assert amount_paid(order) == total and amount_due(order) == 0
    assert list(order.payment_events.order_by("pk").values_list("reference", flat=True)) == ["cheque", "card"]
    source = order.sources.get()
    assert source.amount_debited == total and source.transactions.count() == 2

    client.force_login(ShopFactory().owner)
    assert client.post("/espace-artisan/commandes/A-1/", {"record_payment": "1", "amount": "1,00", "means": "cash"}).status_code == 404
