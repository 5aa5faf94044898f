"""Whole journeys in a real browser, as people make them: only the data they start from is built in
Python; everything after is typed, chosen and clicked in the pages.

- A consumer finds products near a postcode, buys from two shops (a click-and-collect slot at one, a
  local delivery at the other), pays both by card on localstripe's Stripe.js, sees the confirmation;
  each artisan then takes their order through to collected or delivered.
- An applicant opens a shop through « Ouvrir ma boutique »; the chamber approves it; it goes public.
- The chamber features a shop from today; the home page shows it in the selection.

The site runs on the real clock: the shops open every day of the week and deliver every day, and
the tests take the first slot or day the page offers rather than a fixed date (the shops and the
consumer come from conftest.py: ``gap``, ``market``, ``chamber_user``).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.order.models import CheckoutGroup, CheckoutStatus, Fulfilment
from chamber.models import Feature
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod, Shop, ShopStatus
from shops.trades import Trade
from tests.browser.conftest import offered_choice
from tests.factories import ProductFactory, ShopFactory
from tests.stripe_peers import GOOD_CARD

pytestmark = pytest.mark.django_db(transaction=True)

Order = get_model("order", "Order")


def search_and_open(page, live_server, word: str, postcode: str, title: str, distance: str) -> None:
    """From the search page: type a word and a postcode, search, open the product found."""
    page.goto(live_server.url + reverse("regional-search"))
    page.fill("#search-q", word)
    page.fill("#search-place", postcode)
    with page.expect_navigation():
        page.click("#apply-filters")
    hit = page.locator(".echoppe-search-hit", has_text=title)
    hit.wait_for()
    assert f"à {distance} km" in hit.inner_text(), hit.inner_text()  # found near the postcode
    with page.expect_navigation():
        hit.locator("a.echoppe-card-title").click()
    page.get_by_role("heading", name=title).wait_for()


def add_to_basket(page) -> None:
    with page.expect_navigation():
        page.locator("#add_to_basket_form button[type=submit]").click()


def test_a_consumer_buys_from_two_shops_and_the_artisans_fulfil(market, browser_as, live_server):
    honey, cheese, customer = market["honey"], market["cheese"], market["customer"]
    page = browser_as(customer)

    # Finds honey near Gap, puts it in the basket; then a cheese of another shop.
    search_and_open(page, live_server, "miel", "05000", "Miel de lavande", "4,0")
    add_to_basket(page)
    search_and_open(page, live_server, "tomme", "05000", "Tomme de chèvre", "6,0")
    add_to_basket(page)

    # The basket: one section per shop; on to the checkout.
    page.goto(live_server.url + reverse("basket:summary"))
    assert page.locator(".basket-shop").count() == 2
    with page.expect_navigation():
        page.get_by_role("link", name="Procéder au paiement").click()
    page.wait_for_url(live_server.url + reverse("marketplace-checkout"))

    # The honey shop: click-and-collect in an offered slot; the cheese shop: delivery in Gap.
    page.check(f"input[name=shop_{honey.pk}_fulfilment][value=pickup]")
    slot = page.locator(f"select[name=shop_{honey.pk}_slot]")
    slot.select_option(offered_choice(slot))
    page.check(f"input[name=shop_{cheese.pk}_fulfilment][value=delivery]")
    day = page.locator(f"select[name=shop_{cheese.pk}_date]")
    day.select_option(offered_choice(day))
    for shop in (honey, cheese):
        page.check(f"input[name=shop_{shop.pk}_payment][value=card]")
    page.fill("input[name=first_name]", "Claire")
    page.fill("input[name=last_name]", "Durand")
    page.fill("input[name=line1]", "12 rue Carnot")
    page.fill("input[name=postcode]", "05000")
    page.fill("input[name=commune_name]", "Gap")
    page.fill("input[name=phone]", "06 12 34 56 78")
    with page.expect_navigation():
        page.click("button[name=review]")

    # The summary: 8,50 + 9,00 + 3,00 of delivery, all by card; accepts the terms and orders.
    summary = page.locator("section[aria-labelledby=summary-title]")
    summary.wait_for()
    assert "20,50" in summary.inner_text(), summary.inner_text()
    page.check("input[name=terms]")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    group = CheckoutGroup.objects.get(user=customer)
    page.wait_for_url(live_server.url + reverse("payment", kwargs={"number": group.number}))

    # Pays once for both shops with localstripe's card field.
    assert "20,50" in page.locator("#card-submit").inner_text()
    for placeholder, value in (("number", GOOD_CARD), ("exp_month", "12"), ("exp_year", "34"), ("cvc", "123")):
        page.locator(f"#card-element input[placeholder={placeholder}]").fill(value)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + reverse("marketplace-checkout-done", kwargs={"number": group.number}))
    assert page.locator("section.basket-shop").count() == 2
    honey_order = page.locator("section.basket-shop", has_text="Miellerie des Écrins").inner_text()
    cheese_order = page.locator("section.basket-shop", has_text="Fromagerie du Champsaur").inner_text()
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED
    pickup = group.orders.get(fulfilment=Fulfilment.PICKUP)
    delivery = group.orders.get(fulfilment=Fulfilment.DELIVERY)
    assert pickup.lines.get().partner_id == honey.partner_id and delivery.lines.get().partner_id == cheese.partner_id
    assert "Retrait en boutique" in honey_order and pickup.pickup_code in honey_order, honey_order
    assert "Livraison locale" in cheese_order and delivery.number in cheese_order, cheese_order
    assert {pickup.status, delivery.status} == {"new"}

    # The honey artisan: accepted, ready, then collected with the customer's code.
    artisan = browser_as(honey.partner.users.get())
    open_artisan_order(artisan, live_server, pickup)
    for step in ("accepted", "ready"):
        click_step(artisan, step)
        assert Order.objects.get(pk=pickup.pk).status == step
    artisan.fill("input[name=pickup_code]", pickup.pickup_code)
    click_step(artisan, "collected")
    assert Order.objects.get(pk=pickup.pk).status == "collected"

    # The cheese artisan: accepted, out for delivery, delivered.
    artisan = browser_as(cheese.partner.users.get())
    open_artisan_order(artisan, live_server, delivery)
    for step in ("accepted", "out_for_delivery", "delivered"):
        click_step(artisan, step)
        assert Order.objects.get(pk=delivery.pk).status == step


def open_artisan_order(page, live_server, order) -> None:
    """From the artisan's order list, the order's page."""
    page.goto(live_server.url + reverse("artisan:orders"))
    with page.expect_navigation():
        page.get_by_role("link", name=order.number).click()
    page.locator("button[name=status]").first.wait_for()


def click_step(page, step: str) -> None:
    with page.expect_navigation():
        page.click(f"button[name=status][value={step}]")


def test_an_applicant_opens_a_shop_and_the_chamber_approves_it(gap, chamber_user, browser_as, live_server):
    # A newcomer finds « Ouvrir ma boutique » on the home page and creates an account.
    page = browser_as(None)
    page.goto(live_server.url + reverse("home"))
    with page.expect_navigation():
        page.get_by_role("link", name="Ouvrir ma boutique").click()
    page.fill("#id_first_name", "Jeanne")
    page.fill("#id_last_name", "Martin")
    page.fill("#id_email", "jeanne@fournil.fr")
    page.fill("#id_password1", "Levain-2026-Gap")
    page.fill("#id_password2", "Levain-2026-Gap")
    with page.expect_navigation():
        page.get_by_role("button", name="Créer mon compte et continuer").click()
    page.wait_for_url(live_server.url + reverse("onboarding:application"))

    # The application: the shop, its legal identity, its address; sent to the chamber.
    page.fill("#id_name", "Fournil des Alpes")
    page.select_option("#id_trade", Trade.BAKERY)
    page.fill("#id_tagline", "Pains au levain cuits au feu de bois")
    page.fill("#id_legal_name", "Jeanne Martin")
    page.select_option("#id_legal_form", "micro")
    page.fill("#id_siret", "732 829 320 00074")
    page.fill("#id_trades_register_number", "732 829 320 RM 05")
    page.select_option("#id_vat_regime", "franchise")
    page.fill("#id_address_line", "3 rue du Four")
    page.fill("#id_postcode", "05000")
    page.fill("#id_commune_name", "Gap")
    page.fill("#id_email", "jeanne@fournil.fr")
    page.fill("#id_phone", "04 92 51 00 00")
    with page.expect_navigation():
        page.get_by_role("button", name="Envoyer ma demande").click()
    page.wait_for_url(live_server.url + reverse("artisan:home"))
    shop = Shop.objects.get(partner__name="Fournil des Alpes")
    assert shop.status == ShopStatus.SUBMITTED
    assert shop.partner.users.get() == get_user_model().objects.get(email="jeanne@fournil.fr")
    assert (shop.commune, shop.siret) == (gap, "73282932000074")

    # Not public yet.
    visitor = browser_as(None)
    storefront_url = live_server.url + shop.get_absolute_url()
    assert visitor.goto(storefront_url).status == 404

    # The chamber finds it in its queue and approves it.
    chamber = browser_as(chamber_user)
    chamber.goto(live_server.url + reverse("chamber:applications"))
    with chamber.expect_navigation():
        chamber.get_by_role("link", name="Fournil des Alpes").click()
    with chamber.expect_navigation():
        chamber.get_by_role("button", name="Valider", exact=True).click()
    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED and shop.approved_at

    # Approved, but not public until it can sell (shops.listing): the artisan's checklist says what
    # is missing; here the essentials arrive (the back-office screens are tried in their own tests).
    assert visitor.goto(storefront_url).status == 404
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(7), closes_at=datetime.time(13))
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    Shop.objects.filter(pk=shop.pk).update(accepts_payment_on_site=True)
    ProductFactory(shop=shop, title="Tourte de seigle")

    # Now anyone sees the storefront.
    assert visitor.goto(storefront_url).status == 200
    visitor.get_by_role("heading", name="Fournil des Alpes").wait_for()
    assert "Aperçu" not in visitor.content()


def test_the_chamber_features_a_shop_and_the_home_page_shows_it(gap, chamber_user, browser_as, live_server):
    potter = ShopFactory(partner__name="Poterie du Queyras", trade=Trade.POTTERY, commune=gap)
    ProductFactory(title="Bol en grès", shop=potter)
    ShopFactory(partner__name="Forge du Dévoluy", commune=gap)  # another shop, not featured
    visitor = browser_as(None)
    visitor.goto(live_server.url + reverse("home"))
    assert visitor.locator("#featured-title").count() == 0

    chamber = browser_as(chamber_user)
    chamber.goto(live_server.url + reverse("chamber:features"))
    with chamber.expect_navigation():
        chamber.get_by_role("link", name="Mettre un producteur en avant").click()
    chamber.select_option("#id_shop", label=f"Poterie du Queyras — {gap.name}")  # told apart by its town
    chamber.fill("#id_portrait", "Marion tourne le grès des torrents du Queyras depuis vingt ans.")
    today = timezone.localdate()
    chamber.fill("#id_starts_on", today.isoformat())
    with chamber.expect_navigation():
        chamber.get_by_role("button", name="Enregistrer").click()
    chamber.wait_for_url(live_server.url + reverse("chamber:features"))
    feature = Feature.objects.get()
    assert (feature.shop, feature.starts_on, feature.ends_on, feature.department_code) == (potter, today, None, "")

    visitor.goto(live_server.url + reverse("home"))
    selection = visitor.locator("section.echoppe-features")
    selection.wait_for()
    featured = selection.locator(".echoppe-feature")
    assert featured.count() == 1
    assert "Poterie du Queyras" in featured.inner_text() and "grès des torrents" in featured.inner_text()
    with visitor.expect_navigation():
        featured.get_by_role("link", name="Poterie du Queyras").click()
    assert visitor.url == live_server.url + potter.get_absolute_url()
