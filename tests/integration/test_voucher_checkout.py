"""Spending a gift voucher online: one voucher pays the shops of a basket that take it (not the
categories its programme excludes), up to its balance, the rest paid on site or by card; the orders
and their voucher debits are placed together or not at all; cancelling puts the money back."""

import datetime
import html as html_module
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from checkout.lifecycle import advance
from checkout.order.models import CheckoutStatus, Fulfilment, OrderStatus
from checkout.placement import PlacementRefused, ShopChoice, place_checkout
from payments.models import LedgerEntry, PaymentMethod
from payments.on_site import amount_due
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.payments_support import NOW, first_tuesday_8_after
from tests.integration.vouchers_support import paid_voucher, participating, programme
from vouchers.models import Movement, MovementKind

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("payment_clock")]
D = Decimal


def pickup_shop(name):
    shop = ShopFactory(partner__name=name, accepts_payment_on_site=True)
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=5, preparation_hours=2)
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    return shop


def basket_of(customer, items):
    """``items``: [(shop, unit price, categories)] — two of each product."""
    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    for shop, price, categories in items:
        product = ProductFactory(shop=shop, shop__price=D(price), shop__num_in_stock=10)
        for category in categories:
            product.categories.add(category)
        basket.add_product(product, 2)
    return basket


def place(customer, basket, shops, voucher, payment=PaymentMethod.ON_SITE):
    pickup = first_tuesday_8_after(NOW)
    choices = {shop.pk: ShopChoice(Fulfilment.PICKUP, pickup_starts_at=pickup, payment=payment) for shop in shops}
    return place_checkout(basket, customer, customer.email, choices, None, terms_accepted=True, now=NOW, voucher=voucher)


@pytest.fixture
def shops():
    return [pickup_shop("Fournil des Écrins"), pickup_shop("Fromagerie du Champsaur"), pickup_shop("Miellerie de Gap")]


@pytest.fixture
def gapencais(shops):
    territory = programme(bonus_percent="20", bonus_budget="10000", today=NOW.date())
    participating(territory, *shops)
    return territory


@pytest.fixture
def customer():
    return UserFactory(email="claire@example.fr", username="claire@example.fr")


@pytest.fixture
def voucher(gapencais, customer):
    return paid_voucher(gapencais, customer, "20.00")  # 24 € with the bonus


def test_a_voucher_spans_three_shops_and_the_rest_is_paid_on_site(shops, voucher, customer):
    bakery, cheese, honey = shops
    basket = basket_of(customer, [(bakery, "7.10", []), (cheese, "3.00", []), (honey, "4.00", [])])
    group = place(customer, basket, shops, voucher)
    assert group.status == CheckoutStatus.CONFIRMED and group.total_incl_tax == D("28.20")
    orders = {order.lines.first().partner_id: order for order in group.orders.all()}
    redemptions = {m.shop_id: (m.amount, m.order) for m in Movement.objects.filter(kind=MovementKind.REDEMPTION)}
    # Shop by shop in a fixed order, the last one in part: 14,20 + 6,00 + 3,80 = 24,00.
    assert redemptions == {bakery.pk: (D("-14.20"), orders[bakery.pk]), cheese.pk: (D("-6.00"), orders[cheese.pk]),
                           honey.pk: (D("-3.80"), orders[honey.pk])}
    assert voucher.balance().quantize(D("0.01")) == D("0.00")
    assert [amount_due(orders[shop.pk]) for shop in shops] == [D("0.00"), D("0.00"), D("4.20")]
    entries = LedgerEntry.objects.filter(kind=LedgerEntry.Kind.VOUCHER_PAYMENT).order_by("order__number")
    assert sorted(entry.gross for entry in entries) == [D("3.80"), D("6.00"), D("14.20")]


def test_what_is_left_stays_on_the_voucher(shops, voucher, customer):
    bakery = shops[0]
    group = place(customer, basket_of(customer, [(bakery, "5.00", [])]), [bakery], voucher)
    assert voucher.balance() == D("14.00")
    assert amount_due(group.orders.get()) == D("0.00")


def test_an_excluded_category_and_its_subcategories_are_not_paid_by_the_voucher(shops, gapencais, voucher, customer):
    bakery, cheese, _honey = shops
    wine = create_from_breadcrumbs("Boissons > Alcools")
    gapencais.excluded_categories.add(Category.objects.get(name="Boissons"))
    basket = basket_of(customer, [(bakery, "3.00", []), (cheese, "9.00", [wine])])
    group = place(customer, basket, [bakery, cheese], voucher)
    assert list(Movement.objects.filter(kind=MovementKind.REDEMPTION).values_list("shop_id", "amount")) == [(bakery.pk, D("-6.00"))]
    cheese_order = group.orders.get(lines__partner_id=cheese.pk)
    assert amount_due(cheese_order) == D("18.00")


def test_a_limited_category_is_paid_up_to_its_limit_across_the_whole_basket(shops, gapencais, customer, django_assert_max_num_queries):
    from vouchers.models import CategoryLimit

    bakery, cheese, _honey = shops
    wine = create_from_breadcrumbs("Boissons > Vins")
    CategoryLimit.objects.create(programme=gapencais, category=Category.objects.get(name="Boissons"), max_amount=D("10.00"))
    big = paid_voucher(gapencais, customer, "50.00")  # 60 € to spend
    # Wine in two shops (2 × 4 € and 2 × 6 €) and bread: the wine is paid up to 10 € in all.
    basket = basket_of(customer, [(bakery, "4.00", [wine]), (bakery, "2.50", []), (cheese, "6.00", [wine])])
    group = place(customer, basket, [bakery, cheese], big)
    redemptions = dict(Movement.objects.filter(kind=MovementKind.REDEMPTION).values_list("shop_id", "amount"))
    assert redemptions == {bakery.pk: D("-13.00"), cheese.pk: D("-2.00")}
    assert amount_due(group.orders.get(lines__partner_id=cheese.pk)) == D("10.00")
    assert big.balance() == D("45.00")


def test_a_shop_outside_the_programme_is_not_paid_by_the_voucher(shops, voucher, customer):
    outsider = pickup_shop("Poterie de Briançon")
    basket = basket_of(customer, [(shops[0], "2.00", []), (outsider, "5.00", [])])
    place(customer, basket, [shops[0], outsider], voucher)
    assert list(Movement.objects.filter(kind=MovementKind.REDEMPTION).values_list("shop_id", "amount")) == [(shops[0].pk, D("-4.00"))]


def test_a_voucher_that_pays_nothing_in_the_basket_refuses_the_checkout(voucher, customer):
    outsider = pickup_shop("Poterie de Briançon")
    with pytest.raises(PlacementRefused, match="ne peut rien payer"):
        place(customer, basket_of(customer, [(outsider, "5.00", [])]), [outsider], voucher)


def test_a_debit_refused_meanwhile_places_no_order(shops, voucher, customer, monkeypatch):
    from vouchers import ledger

    basket = basket_of(customer, [(shops[0], "5.00", [])])
    real_redeem = ledger.redeem
    # The voucher is spent elsewhere between the summary and the debit: nothing is placed.
    monkeypatch.setattr("vouchers.spending.ledger.redeem", lambda *args, **kwargs: (_ for _ in ()).throw(ledger.VoucherRefused("Dépensé")))
    with pytest.raises(PlacementRefused, match="Dépensé"):
        place(customer, basket, [shops[0]], voucher)
    monkeypatch.setattr("vouchers.spending.ledger.redeem", real_redeem)
    assert not basket.lines.first().product.stockrecords.first().num_allocated
    assert voucher.balance() == D("24.00")
    assert not get_model("order", "Order").objects.exists()


def test_cancelling_the_order_puts_the_money_back_on_the_voucher(shops, voucher, customer):
    bakery = shops[0]
    group = place(customer, basket_of(customer, [(bakery, "5.00", [])]), [bakery], voucher)
    order = group.orders.get()
    advance(order, OrderStatus.CANCELLED, bakery.owner, "Four en panne")
    assert voucher.balance() == D("24.00")
    back = Movement.objects.get(kind=MovementKind.REFUND)
    assert (back.amount, back.order, back.shop) == (D("10.00"), order, bakery)
    assert LedgerEntry.objects.filter(order=order, kind=LedgerEntry.Kind.VOUCHER_PAYMENT).values_list("gross", flat=True).count() == 2


def test_the_confirmation_and_the_orders_pages_say_what_the_voucher_paid(client, shops, voucher, customer):
    bakery, cheese, _honey = shops
    group = place(customer, basket_of(customer, [(bakery, "7.10", []), (cheese, "10.00", [])]), [bakery, cheese], voucher)
    client.force_login(customer)
    done = html_module.unescape(client.get(reverse("marketplace-checkout-done", kwargs={"number": group.number})).content.decode())
    assert "Payé par bon d'achat\u00a0: 14,20\u00a0€" in done and "Payé par bon d'achat\u00a0: 9,80\u00a0€" in done
    cheese_order = group.orders.get(lines__partner_id=cheese.pk)
    # The customer's order page is their checkout's page.
    response = client.get(reverse("customer:order", kwargs={"order_number": cheese_order.number}), follow=True)
    assert response.status_code == 200
    mine = html_module.unescape(response.content.decode())
    assert "Payé par bon d'achat" in mine and "9,80\u00a0€" in mine
    client.force_login(cheese.owner)
    artisan = html_module.unescape(client.get(reverse("artisan:order", kwargs={"number": cheese_order.number})).content.decode())
    assert "Payé par bon d'achat" in artisan and "9,80\u00a0€" in artisan and "10,20\u00a0€" in artisan


def test_the_voucher_applied_is_one_of_the_customers_picked_or_any_code_typed(voucher, customer):
    from vouchers.ledger import VoucherRefused
    from vouchers.spending import spendable_vouchers, voucher_for_checkout

    assert voucher_for_checkout(customer, voucher.display_code.lower(), "") == voucher
    assert voucher_for_checkout(customer, "", str(voucher.pk)) == voucher
    assert voucher_for_checkout(customer, "", "") is None
    assert spendable_vouchers(customer) == [voucher]
    with pytest.raises(VoucherRefused, match="Choisissez"):
        voucher_for_checkout(UserFactory(), "", str(voucher.pk))  # not theirs to pick
    with pytest.raises(VoucherRefused, match="Aucun bon"):
        voucher_for_checkout(customer, "K7QM2X-9PD4TR-AH3ZWN", "")


# --- Paying the artisan what vouchers paid --------------------------------------------------------


def transfers_made(peer):
    return [form for method, path, form in peer.stand_in.state.requests if path == "/v1/transfers"]


def test_the_artisan_is_paid_what_vouchers_paid_once_the_order_is_collected_and_at_the_counter(stripe_settings, customer):
    from checkout.counter import hand_over_at_counter
    from tests.integration.payments_support import connected_shop
    from vouchers import ledger
    from vouchers.models import VoucherPayout, VoucherPayoutStatus
    from vouchers.payouts import pay_out_vouchers

    bakery = connected_shop(stripe_settings, "Fournil des Écrins", accepts_payment_on_site=True)
    territory = programme(today=NOW.date())
    participating(territory, bakery)
    voucher = paid_voucher(territory, customer, "20.00")
    group = place(customer, basket_of(customer, [(bakery, "5.00", [])]), [bakery], voucher)
    order = group.orders.get()
    before = len(transfers_made(stripe_settings))  # the stand-in's log outlives a test
    # Not handed over yet: nothing is paid out.
    assert pay_out_vouchers() == [] and len(transfers_made(stripe_settings)) == before
    ledger.redeem(voucher, D("3.50"), bakery, key="counter-test-1")  # at the counter: owed at once
    advance(order, OrderStatus.ACCEPTED, bakery.owner)
    hand_over_at_counter(order, bakery.owner, pickup_code=order.pickup_code, amount=D("0.00"))
    [payout] = pay_out_vouchers()
    assert (payout.amount, payout.status, payout.movements.count()) == (D("13.50"), VoucherPayoutStatus.TRANSFERRED, 2)
    assert len(transfers_made(stripe_settings)) == before + 1
    transfer = stripe_settings.stand_in.state.transfers[payout.transfer_id]
    assert (transfer["amount"], transfer["destination"]) == (1350, bakery.stripe_account.account_id)
    assert LedgerEntry.objects.get(order=order, kind=LedgerEntry.Kind.TRANSFER).net == D("10.00")
    # Paid once: a second run finds nothing owed.
    assert pay_out_vouchers() == [] and VoucherPayout.objects.count() == 1


def test_a_failed_voucher_payout_is_retried_at_the_next_run(customer):
    from vouchers import ledger
    from vouchers.models import VoucherPayoutStatus
    from vouchers.payouts import pay_out_vouchers

    shop = pickup_shop("Fournil des Écrins")  # no Stripe account yet
    territory = programme(today=NOW.date())
    participating(territory, shop)
    voucher = paid_voucher(territory, customer, "20.00")
    ledger.redeem(voucher, D("4.00"), shop, key="counter-test-2")
    [failed] = pay_out_vouchers()
    assert failed.status == VoucherPayoutStatus.FAILED
    [again] = pay_out_vouchers()
    assert again.pk != failed.pk and again.amount == D("4.00")


def test_a_cancelled_orders_redemption_is_never_paid_out(shops, voucher, customer):
    from vouchers.payouts import pay_out_vouchers

    group = place(customer, basket_of(customer, [(shops[0], "5.00", [])]), [shops[0]], voucher)
    advance(group.orders.get(), OrderStatus.CANCELLED, shops[0].owner, "Four en panne")
    assert pay_out_vouchers() == []


# --- The checkout page ----------------------------------------------------------------------------

from tests.integration.test_checkout_page import form_data, shopping  # noqa: E402,F401 (fixture)


@pytest.mark.usefixtures("payment_clock")
def test_the_checkout_page_applies_the_customers_voucher_then_places_it(shopping, django_capture_on_commit_callbacks):
    client, baker, cheese, customer = shopping["client"], shopping["baker"], shopping["cheese"], shopping["customer"]
    territory = programme()
    participating(territory, baker, cheese)
    voucher = paid_voucher(territory, customer, "20.00")  # 24 €
    page = client.get("/checkout/")
    assert "Bons d'achat du Pays gapençais — 24,00\u00a0€" in html_module.unescape(page.content.decode())
    data = {**form_data(page, baker, cheese), "voucher_pick": str(voucher.pk)}
    review = client.post("/checkout/", {**data, "review": "1"})
    html = html_module.unescape(review.content.decode())
    # 8 € of bread and 12 € of cheese; the 3 € delivery fee is paid on site.
    assert review.context["voucher_total"] == D("20.00") and review.context["on_site_total"] == D("3.00")
    assert "Payé par bon d'achat (Bons d'achat du Pays gapençais)\u00a0: 20,00\u00a0€." in html
    wrong = client.post("/checkout/", {**form_data(page, baker, cheese), "voucher_code": "K7QM2X-9PD4TR-AH3ZWN", "review": "1"})
    assert "Aucun bon d'achat n'a ce code" in html_module.unescape(wrong.content.decode()) and wrong.context["voucher_total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post("/checkout/", {**data, "confirm": "1", "terms": "on", "reviewed": review.context["digest"]})
    assert done.status_code == 302
    assert voucher.balance().quantize(D("0.01")) == D("4.00")
    assert Movement.objects.filter(kind=MovementKind.REDEMPTION).count() == 2


def test_a_card_pays_the_rest_and_a_cancellation_refunds_the_card_and_puts_the_voucher_back(stripe_settings, customer):
    from payments import card
    from payments.refunds import cancel_and_refund
    from tests.integration.payments_support import connected_shop

    bakery = connected_shop(stripe_settings, "Fournil des Écrins")
    territory = programme(today=NOW.date())
    participating(territory, bakery)
    voucher = paid_voucher(territory, customer, "10.00")  # 12 €
    group = place(customer, basket_of(customer, [(bakery, "8.00", [])]), [bakery], voucher, payment=PaymentMethod.CARD)
    # 16 €: 12 € by the voucher, 4 € by card.
    assert group.amount_online == D("4.00") and group.status == CheckoutStatus.AWAITING_PAYMENT
    card.start_payment(group, stripe_settings.card())
    order = group.orders.get()
    order.refresh_from_db()
    assert order.settlement.gross == D("4.00") and amount_due(order) == D("0.00")
    outcome = cancel_and_refund(order, bakery.owner, "Four en panne")
    assert outcome.amount == D("4.00")
    assert voucher.balance().quantize(D("0.01")) == D("12.00")


def test_a_card_payment_never_made_puts_the_voucher_back(stripe_settings, customer):
    from payments import card
    from tests.integration.payments_support import connected_shop

    bakery = connected_shop(stripe_settings, "Fournil des Écrins")
    territory = programme(today=NOW.date())
    participating(territory, bakery)
    voucher = paid_voucher(territory, customer, "10.00")
    group = place(customer, basket_of(customer, [(bakery, "8.00", [])]), [bakery], voucher, payment=PaymentMethod.CARD)
    assert voucher.balance().quantize(D("0.01")) == D("0.00")
    assert card.abandon(group)
    assert voucher.balance().quantize(D("0.01")) == D("12.00")


def test_refunding_lines_refunds_the_card_part_then_puts_the_rest_back_on_the_voucher(stripe_settings, customer):
    from payments import card
    from payments.refunds import refund_lines
    from tests.integration.payments_support import connected_shop

    bakery = connected_shop(stripe_settings, "Fournil des Écrins")
    territory = programme(today=NOW.date())
    participating(territory, bakery)
    voucher = paid_voucher(territory, customer, "10.00")  # 12 €
    basket = basket_of(customer, [(bakery, "8.00", []), (bakery, "1.00", [])])
    group = place(customer, basket, [bakery], voucher, payment=PaymentMethod.CARD)
    # 18 €: 12 € by the voucher, 6 € by card.
    card.start_payment(group, stripe_settings.card())
    order = group.orders.get()
    big = order.lines.get(line_price_incl_tax=D("16.00"))
    outcome = refund_lines(order, [big.pk], bakery.owner, "Rupture")
    assert outcome.amount == D("6.00")
    assert voucher.balance().quantize(D("0.01")) == D("10.00")
    assert outcome.on_voucher == D("10.00")


def test_refunding_lines_of_an_order_paid_by_voucher_and_on_site_puts_the_voucher_part_back(client, shops, voucher, customer):
    from payments.refunds import RefundRefused, refund_lines

    bakery = shops[0]
    # 2 × 9 € + 2 × 2 € = 22 €, of which the voucher pays all (24 € on it).
    group = place(customer, basket_of(customer, [(bakery, "9.00", []), (bakery, "2.00", [])]), [bakery], voucher)
    order = group.orders.get()
    client.force_login(bakery.owner)
    page = html_module.unescape(client.get(reverse("artisan:order", kwargs={"number": order.number})).content.decode())
    assert "Rembourser ces articles" in page
    small = order.lines.get(line_price_incl_tax=D("4.00"))
    outcome = refund_lines(order, [small.pk], bakery.owner, "Plus de pain aux noix")
    assert (outcome.amount, outcome.on_voucher, outcome.on_site) == (D("0.00"), D("4.00"), D("0.00"))
    assert voucher.balance() == D("6.00") and amount_due(order) == D("0.00")
    small.refresh_from_db()
    assert small.status == OrderStatus.CANCELLED
    with pytest.raises(RefundRefused, match="annulez plutôt la commande"):
        refund_lines(order, [order.lines.exclude(pk=small.pk).get().pk], bakery.owner, "Tout")

    # A basket the voucher pays in part: the refunded lines first take back what the voucher paid,
    # the rest is no longer due on site.
    other = paid_voucher(programme(name="Bons de Noël", today=NOW.date(), slug="noel", minimum_value=D("5")), customer, "5.00")
    participating(other.programme, bakery)
    mixed = place(customer, basket_of(customer, [(bakery, "4.00", []), (bakery, "1.50", [])]), [bakery], other).orders.get()
    assert amount_due(mixed) == D("5.00")  # 11 € less 6 € paid by the voucher
    eight = mixed.lines.get(line_price_incl_tax=D("8.00"))
    outcome = refund_lines(mixed, [eight.pk], bakery.owner, "Rupture")
    assert (outcome.on_voucher, outcome.on_site) == (D("6.00"), D("2.00"))
    assert other.balance() == D("6.00") and amount_due(mixed) == D("3.00")
    with translation.override("fr"):
        assert outcome.summary() == ("Remboursé\u00a0: 6,00\u00a0€ remis sur le bon d'achat, 2,00\u00a0€ de moins à payer sur place "
                                     "(à rendre si le client l'a déjà payé).")



def test_items_refunded_after_a_voucher_payout_are_taken_from_the_next_one(stripe_settings, customer):
    from checkout.counter import hand_over_at_counter
    from payments.refunds import refund_lines
    from tests.integration.payments_support import connected_shop
    from vouchers import ledger
    from vouchers.payouts import pay_out_vouchers

    bakery = connected_shop(stripe_settings, "Fournil des Écrins", accepts_payment_on_site=True)
    territory = programme(today=NOW.date())
    participating(territory, bakery)
    voucher = paid_voucher(territory, customer, "20.00")  # 24 €
    order = place(customer, basket_of(customer, [(bakery, "5.00", []), (bakery, "2.00", [])]), [bakery], voucher).orders.get()
    advance(order, OrderStatus.ACCEPTED, bakery.owner)
    hand_over_at_counter(order, bakery.owner, pickup_code=order.pickup_code, amount=D("0.00"))
    [first] = pay_out_vouchers()
    assert first.amount == D("14.00")
    # A bad loaf found at home: 4 € back on the voucher, taken from the bakery's next payout.
    refund_lines(order, [order.lines.get(line_price_incl_tax=D("4.00")).pk], bakery.owner, "Pain rassis")
    assert voucher.balance() == D("14.00")
    assert pay_out_vouchers() == []  # owed: nothing; the bakery owes 4 €
    ledger.redeem(voucher, D("10.00"), bakery, key="counter-after-refund")
    from django.test import Client

    from vouchers.payouts import owed_to

    assert owed_to(bakery) == D("6.00")
    [second] = pay_out_vouchers()
    assert second.amount == D("6.00") and second.movements.count() == 2
    assert pay_out_vouchers() == [] and owed_to(bakery) == D("0.00")
    artisan = Client()
    artisan.force_login(bakery.owner)
    page = html_module.unescape(artisan.get(reverse("artisan:vouchers")).content.decode())
    assert "Virements des bons d'achat" in page and "14,00 €" in page and "6,00 €" in page and second.transfer_id in page
