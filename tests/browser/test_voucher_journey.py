"""The gift vouchers' whole journey in a real browser, as the issue's acceptance tells it: Claire buys a
20 € voucher of the Pays gapençais by card (localstripe's Stripe.js) and offers it to Léa, who
receives 24 €; Léa adds it to her account from the e-mail's link, spends 15 € of it on a basket from
two shops, and the rest at the bakery's counter, where the artisan types the code; the chamber then
reads the funder's statement with its 4 € of bonus. Only the starting data is built in Python."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from checkout.order.models import CheckoutGroup, CheckoutStatus
from tests.browser.conftest import offered_choice, shop_near_gap
from tests.browser.test_card_payment import fill_card
from tests.factories import ProductFactory, UserFactory
from tests.integration.vouchers_support import participating, programme
from tests.stripe_peers import GOOD_CARD
from vouchers.models import Movement, MovementKind, Voucher, VoucherStatus

pytestmark = pytest.mark.django_db(transaction=True)
D = Decimal


def test_buy_offer_spend_on_two_shops_then_at_the_counter_and_read_the_statement(gap, chamber_user, stripe_settings, browser_as,
                                                                                 live_server):
    bakery = shop_near_gap(gap, "Fournil des Écrins", 3.0, "bakery", stripe_settings)
    cheese = shop_near_gap(gap, "Fromagerie du Champsaur", 6.0, "cheese", stripe_settings)
    bread = ProductFactory(title="Pain de seigle", shop=bakery, shop__price=D("6.00"))
    tomme = ProductFactory(title="Tomme de chèvre", shop=cheese, shop__price=D("9.00"))
    territory = programme(name="Bons d'achat du Pays gapençais", bonus_percent="20", bonus_budget="10000", fixed_values=("20.00", "50.00"))
    participating(territory, bakery, cheese)
    claire = UserFactory(email="claire@example.fr", username="claire@example.fr", first_name="Claire", last_name="Dupont")
    lea = UserFactory(email="lea@example.fr", username="lea@example.fr", first_name="Léa", last_name="Martin")

    # Claire buys a 20 € voucher for Léa, by card.
    page = browser_as(claire)
    page.goto(live_server.url + reverse("vouchers:list"))
    page.get_by_role("link", name="Acheter un bon").first.click()
    page.get_by_label("20,00\u00a0€ payés", exact=False).check()
    page.get_by_label("Pour l'offrir").check()
    page.get_by_label("Nom du destinataire").fill("Léa")
    page.get_by_label("E-mail du destinataire").fill("lea@example.fr")
    page.get_by_label("J'ai lu et j'accepte").check()
    page.get_by_role("button", name="Continuer vers le paiement").click()
    page.wait_for_selector("#card-element input[placeholder=number]")
    fill_card(page, GOOD_CARD)
    page.click("#card-submit")
    page.wait_for_url(live_server.url + reverse("vouchers:mine"))
    voucher = Voucher.objects.get()
    assert voucher.status == VoucherStatus.ACTIVE and voucher.balance() == D("24.00")

    # Léa opens the e-mail's link and adds the voucher to her account.
    [gift_mail] = [message for message in mail.outbox if message.to == ["lea@example.fr"]]
    link = re.search(r"https?://\S+/mes-bons/cadeau/\S+/", gift_mail.body).group(0)
    page = browser_as(lea)
    page.goto(live_server.url + link[link.index("/mes-bons/"):])
    assert "24,00\u00a0€" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter ce bon à mon compte").click()
    voucher.refresh_from_db()
    assert voucher.holder == lea

    # Léa fills a basket from the two shops: 6 € of bread, 9 € of cheese, both collected.
    for product in (bread, tomme):
        page.goto(live_server.url + product.get_absolute_url())
        with page.expect_navigation():
            page.locator("#add_to_basket_form button[type=submit]").click()
    page.goto(live_server.url + reverse("marketplace-checkout"))
    for shop in (bakery, cheese):
        page.check(f"input[name=shop_{shop.pk}_fulfilment][value=pickup]")
        slot = page.locator(f"select[name=shop_{shop.pk}_slot]")
        slot.select_option(offered_choice(slot))
        page.check(f"input[name=shop_{shop.pk}_payment][value=on_site]")
    page.select_option("#checkout-voucher-pick", str(voucher.pk))
    # No delivery: the page asks for no address.
    assert not page.locator("input[name=first_name]").is_visible()
    with page.expect_navigation():
        page.click("button[name=review]")
    summary = page.locator("section[aria-labelledby=summary-title]")
    summary.wait_for()
    assert "Payé par bon d'achat (Bons d'achat du Pays gapençais)\u00a0: 15,00\u00a0€" in summary.inner_text(), summary.inner_text()
    page.check("input[name=terms]")
    with page.expect_navigation():
        page.click("button[name=confirm]")
    group = CheckoutGroup.objects.get(user=lea)
    page.wait_for_url(live_server.url + reverse("marketplace-checkout-done", kwargs={"number": group.number}))
    group.refresh_from_db()
    assert group.status == CheckoutStatus.CONFIRMED
    assert page.get_by_text("Payé par bon d'achat\u00a0: 6,00\u00a0€").is_visible()
    assert page.get_by_text("Payé par bon d'achat\u00a0: 9,00\u00a0€").is_visible()
    assert voucher.balance() == D("9.00")

    # At the bakery's counter, the artisan types the code and debits the 9 € left.
    artisan = browser_as(bakery.owner)
    artisan.goto(live_server.url + reverse("artisan:counter"))
    artisan.locator("form[data-counter-voucher-form] input[name=code]").fill(voucher.display_code)
    with artisan.expect_navigation():
        artisan.locator("form[data-counter-voucher-form] button[type=submit]").click()
    assert artisan.locator("[data-counter-voucher-balance]").inner_text() == "9,00\u00a0€"
    artisan.get_by_label("Montant à débiter (€)").fill("9")
    with artisan.expect_navigation():
        artisan.get_by_role("button", name="Débiter le bon").click()
    assert "9,00\u00a0€ débités" in artisan.locator("main").inner_text()
    assert voucher.balance() == D("0.00")
    assert sorted(Movement.objects.filter(kind=MovementKind.REDEMPTION).values_list("amount", flat=True)) == [D("-9.00"), D("-9.00"), D("-6.00")]

    # The chamber reads the funder's statement: 24 € spent, of which the 4 € of bonus.
    chamber = browser_as(chamber_user)
    chamber.goto(live_server.url + reverse("chamber:programme-report", kwargs={"pk": territory.pk}))
    statement = chamber.locator("table", has_text="Dont bonus du financeur").last
    total = statement.locator("tfoot").inner_text()
    assert "24,00\u00a0€" in total and "4,00\u00a0€" in total, total
