"""Every public page of the site, in one small world: the pages the responsive and the accessibility
checks open (tests/browser/test_responsive.py, tests/browser/test_accessibility.py).

Import the fixture where it is used: ``from tests.browser.public_pages import public_pages  # noqa: F401``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from chamber.models import Feature
from shops.partner.strategy import MarketplaceStrategy
from tests.factories import ProductFactory
from themes.registry import THEMES

Basket = get_model("basket", "Basket")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


@dataclass(frozen=True)
class PublicPage:
    name: str
    path: str
    as_customer: bool = False  # opened signed in (the basket and the checkout)
    prepare: Callable[[], None] | None = None  # run just before the page is opened (a storefront's theme)
    expected_status: int = 200


@dataclass
class PublicSite:
    pages: list[PublicPage]
    customer_session: str  # the customer's session cookie: a basket with two shops' products
    shops: dict  # "honey" (featured, the storefront) and "cheese"

    def session_cookie(self, url: str) -> dict:
        return {"name": settings.SESSION_COOKIE_NAME, "value": self.customer_session, "url": url}


@pytest.fixture
def public_pages(market, chamber_user, client) -> PublicSite:
    """The market of the journeys (two shops near Gap), the honey shop featured, telling its story,
    with the long legal identity real shops have (a long e-mail, website, legal name), its products in
    a category; the customer's basket holds a product of each shop."""
    honey, cheese, customer = market["honey"], market["cheese"], market["customer"]
    honey.story = "Nos ruches passent l'été sur les pentes du Champsaur.\n\nLe miel est extrait à froid, à la main."
    honey.legal_name = "Société coopérative de production apicole des Écrins et du Champsaur"
    honey.email = "contact.commandes.en-ligne@miellerie-des-ecrins-hautes-alpes.fr"
    honey.website = "https://www.miellerie-des-ecrins-hautes-alpes.fr/nos-miels-de-montagne/recoltes-2026"
    honey.siret = "73282932000074"
    honey.vat_number = "FR44732829320"
    honey.trades_register_number = "RM 732 829 320 05 — Chambre de métiers des Hautes-Alpes"  # 60 at most
    honey.save()
    Feature.objects.create(shop=honey, product=market["lavender"], starts_on=timezone.localdate(),
                           portrait="Deux ruchers sur les pentes du Champsaur, une récolte à la main.", created_by=chamber_user)
    honey_category = Category.add_root(name="Miel")
    ProductCategory.objects.create(product=market["lavender"], category=honey_category)
    # A second section, so that the storefront shows its section chips.
    pollen = ProductFactory(title="Pollen de fleurs de montagne", shop=honey, shop__price=Decimal("12.00"))
    ProductCategory.objects.create(product=pollen, category=Category.add_root(name="Pollen"))

    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    basket.add_product(market["lavender"], 1)
    basket.add_product(market["tomme"], 1)
    client.force_login(customer)

    def themed(code: str) -> Callable[[], None]:
        def prepare() -> None:  # the theme with its own colours, as an artisan choosing it gets them
            theme = THEMES[code]
            honey.theme, honey.primary_colour, honey.accent_colour = code, theme.default_primary, theme.default_accent
            honey.save(update_fields=["theme", "primary_colour", "accent_colour"])
        return prepare

    # A shared collection point the honey shop serves (its list, its page, and the storefront's mention).
    from collection.models import ShopSession
    from tests.integration.collection_support import make_point

    point = make_point(honey.commune, name="Marché de Gap, stand de la chambre des métiers", slug="marche-de-gap")
    ShopSession.objects.create(shop=honey, session=point.session)

    search = reverse("regional-search") + "?q=miel&place=05000&radius=20"
    pages = [
        PublicPage("home", reverse("home")),
        PublicPage("search", search),
        PublicPage("search map", search + "&view=map"),
        *(PublicPage(f"storefront ({code})", honey.get_absolute_url(), prepare=themed(code)) for code in THEMES),
        PublicPage("product", market["lavender"].get_absolute_url()),
        PublicPage("catalogue", reverse("catalogue:index")),
        PublicPage("category", honey_category.get_absolute_url()),
        PublicPage("login", reverse("customer:login")),
        PublicPage("register", reverse("customer:register")),
        PublicPage("terms of sale", reverse("terms-of-sale")),
        PublicPage("ranking transparency", reverse("ranking-transparency")),
        PublicPage("credits", reverse("credits")),
        PublicPage("public API", reverse("api-docs")),
        PublicPage("collection points", reverse("collection:points")),
        PublicPage("collection point", reverse("collection:point", kwargs={"slug": point.slug})),
        PublicPage("open my shop", reverse("onboarding:open")),
        PublicPage("404", "/une-page-qui-n-existe-pas/", expected_status=404),
        PublicPage("basket", reverse("basket:summary"), as_customer=True),
        PublicPage("checkout", reverse("marketplace-checkout"), as_customer=True),
    ]
    return PublicSite(pages=pages, customer_session=client.cookies[settings.SESSION_COOKIE_NAME].value,
                      shops={"honey": honey, "cheese": cheese})


def open_page(page, base_url: str, public_page: PublicPage, site: PublicSite) -> None:
    """Opens ``public_page`` in ``page``'s context, signed in or not as it needs (the session cookie is
    added or removed), and checks it answered as expected."""
    context = page.context
    if public_page.as_customer:
        context.add_cookies([site.session_cookie(base_url)])
    else:
        context.clear_cookies()
    if public_page.prepare is not None:
        public_page.prepare()
    response = page.goto(base_url + public_page.path)
    assert response is not None and response.status == public_page.expected_status, (
        f"{public_page.name}: {public_page.path} answered {response.status if response else 'nothing'}")
    page.wait_for_load_state("load")
