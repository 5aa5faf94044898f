"""The chamber's voucher programmes, the funder's reports and the artisan's opt-in on a 320 px phone: every screen with data
fits (no sideways scroll) and passes the Content-Security-Policy; the chamber creates a programme and
the artisan opts in, in the browser."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from shops.roles import chamber_group
from tests.browser.test_responsive import overflow
from tests.factories import CommuneFactory, ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating, programme
from vouchers import funder_access, ledger
from vouchers.models import FunderAccess, Participation, Programme

pytestmark = pytest.mark.django_db(transaction=True)


def phone(chromium, live_server, client, user):
    client.force_login(user)
    context = chromium.new_context(viewport={"width": 320, "height": 740}, locale="fr-FR", timezone_id="Europe/Paris")
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                          "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_the_chamber_and_artisan_voucher_screens_fit_a_320_px_phone(chromium, live_server, client):
    gap = CommuneFactory(insee_code="05061", name="Gap", department_code="05")
    bakery = ShopFactory(partner__name="Boulangerie-pâtisserie du Vieux Moulin de Saint-Véran", commune=gap)
    territory = programme(name="Bons d'achat du Pays gapençais et de la vallée de la Durance")
    participating(territory, bakery)
    voucher = paid_voucher(territory, UserFactory(), "50.00")
    ledger.redeem(voucher, Decimal("12.50"), bakery, key="phone")
    chamber = UserFactory()
    chamber.groups.add(chamber_group())
    funder_link = FunderAccess.objects.create(programme=territory, email="tresorerie-de-la-communaute-d-agglomeration@gap-tallard-durance.fr")

    context, page = phone(chromium, live_server, client, chamber)
    failures = []
    try:
        for url in (reverse("chamber:programmes"), reverse("chamber:programme-create"),
                    reverse("chamber:programme-edit", kwargs={"pk": territory.pk}),
                    reverse("chamber:programme-shops", kwargs={"pk": territory.pk}),
                    reverse("chamber:programme-report", kwargs={"pk": territory.pk}),
                    reverse("vouchers:funder-report", kwargs={"token": funder_access.token_for(funder_link)})):
            assert page.goto(live_server.url + url).status == 200, url
            problem = overflow(page)
            if problem:
                failures.append(f"{url}: {problem}")

        # The chamber creates a programme in the browser.
        page.goto(live_server.url + reverse("chamber:programme-create"))
        page.fill("#id_name", "Bons de Tallard")
        page.fill("#id_funder_name", "Commune de Tallard")
        page.select_option("#id_funder_kind", "commune")
        page.fill("#id_commune_list", "Gap")
        page.fill("#id_values", "10, 20")
        page.fill("#id_bonus_percent", "10")
        page.fill("#id_bonus_budget", "1000")
        page.fill("#id_sale_starts_on", "2027-01-01")
        page.fill("#id_sale_ends_on", "2027-02-01")
        page.fill("#id_valid_until", "2027-12-31")
        page.fill("#id_terms", "Valable chez les artisans de Tallard.")
        page.get_by_role("button", name="Créer le programme").click()
        page.wait_for_url("**/bons-cadeaux/*/")
        created = Programme.objects.get(name="Bons de Tallard")
        assert created.fixed_values == ["10.00", "20.00"] and list(created.communes.all()) == [gap]
    finally:
        context.close()

    context, page = phone(chromium, live_server, client, bakery.owner)
    try:
        assert page.goto(live_server.url + reverse("artisan:vouchers")).status == 200
        problem = overflow(page)
        if problem:
            failures.append(f"artisan:vouchers: {problem}")
        assert "12,50" in page.content()
        page.get_by_role("button", name="Ne plus les accepter").click()
        page.get_by_role("button", name="Accepter ces bons").wait_for()
        assert not Participation.objects.filter(shop=bakery).exists()
    finally:
        context.close()
    assert not failures, "Screens wider than a 320 px phone:\n" + "\n".join(failures)
