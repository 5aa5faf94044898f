"""Every page of the chamber's back-office on a 320 px phone, as its staff sees them: nothing wider
than the screen, nothing refused by the Content-Security-Policy (no inline style left; the
browser tests' conftest fails a test on any refusal)."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from chamber import audit
from chamber.models import AuditEntry, Campaign, Feature
from marketplace.models import Label, LabelGrant
from shops.models import Shop, ShopStatus
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 320, "height": 640}
LONG_WORD = "Transformé-sur-place-à-la-main-sans-additifs-ni-conservateurs"


@pytest.fixture
def chamber_world(chamber_user):
    now = timezone.now()
    today = timezone.localdate()
    applicant = ShopFactory(partner__name="Poterie des Hautes-Terres et de la Vallée", status=ShopStatus.SUBMITTED)
    Shop.objects.filter(pk=applicant.pk).update(submitted_at=now - datetime.timedelta(days=9))
    shop = ShopFactory(partner__name="Fromagerie du col de la Croix-Haute", story=f"<p>{LONG_WORD}</p>")
    Shop.objects.filter(pk=shop.pk).update(approved_at=now - datetime.timedelta(days=20))
    ProductFactory(shop=shop, title=f"Tomme {LONG_WORD}", hidden_by_chamber=True, moderation_reason=LONG_WORD)
    ProductFactory(shop=shop, title="Tomme de vache")
    label = Label.objects.create(name="Fait maison", slug="fait-maison", description=f"{LONG_WORD}. " * 5)
    LabelGrant.objects.create(label=label, shop=shop, evidence=f"Visite du {LONG_WORD}", expires_on=today + datetime.timedelta(days=10))
    feature = Feature.objects.create(shop=shop, portrait=f"Au col. {LONG_WORD}.", starts_on=today, position=2)
    campaign = Campaign.objects.create(title="Noël chez nos artisans de la vallée", slug="noel", starts_on=today)
    campaign.shops.add(shop)
    audit.record(chamber_user, AuditEntry.Action.NOTE_ADDED, shop, reason=LONG_WORD)
    return {"applicant": applicant, "shop": shop, "label": label, "feature": feature, "campaign": campaign}


def chamber_urls(world) -> list[str]:
    named = [
        ("chamber:home", {}), ("chamber:applications", {}),
        ("chamber:application", {"pk": world["applicant"].pk}), ("chamber:application", {"pk": world["shop"].pk}),
        ("chamber:labels", {}), ("chamber:label-create", {}), ("chamber:label-edit", {"pk": world["label"].pk}),
        ("chamber:features", {}), ("chamber:feature-create", {}), ("chamber:feature-edit", {"pk": world["feature"].pk}),
        ("chamber:campaigns", {}), ("chamber:campaign-create", {}), ("chamber:campaign-edit", {"pk": world["campaign"].pk}),
        ("chamber:campaign-delete", {"pk": world["campaign"].pk}), ("chamber:statistics", {}), ("chamber:audit-log", {}),
    ]
    return [reverse(name, kwargs=kwargs) for name, kwargs in named]


def test_every_chamber_page_fits_a_320_px_phone(chamber_world, chamber_user, browser_as, live_server):
    page = browser_as(chamber_user)
    page.set_viewport_size(PHONE)
    too_wide = []
    for url in chamber_urls(chamber_world):
        response = page.goto(live_server.url + url)
        assert response.status == 200, url
        assert page.locator("h1").count() == 1, url
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide.append((url, width))
    assert too_wide == []
    # The policy's refusals (an inline style left) fail the test too: tests/browser/conftest.py.


def test_the_home_lists_the_day_and_leads_to_each_screen(chamber_world, chamber_user, browser_as, live_server):
    page = browser_as(chamber_user)
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + reverse("chamber:home"))
    text = page.locator("main").inner_text()
    assert "Poterie des Hautes-Terres" in text and "Fromagerie du col de la Croix-Haute — Fait maison" in text
    with page.expect_navigation():
        page.get_by_role("link", name="Poterie des Hautes-Terres et de la Vallée").click()
    assert page.url.endswith(reverse("chamber:application", kwargs={"pk": chamber_world["applicant"].pk}))
