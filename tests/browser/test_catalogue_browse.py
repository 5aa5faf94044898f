"""The catalogue and a category page in a real browser, at 320, 390 and 1366 px: no sideways scroll,
the first product visible on a phone without scrolling past the filters (closed in their drawer),
the filters a sidebar on a wide screen, a filter applied through the plain form, and no axe-core
violation at all."""

from decimal import Decimal

import pytest
from oscar.core.loading import get_model

from shops.trades import Trade
from tests.browser.test_accessibility import axe_script, axe_violations, report  # noqa: F401 (fixture)
from tests.browser.test_responsive import overflow
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db(transaction=True)

Category = get_model("catalogue", "Category")


@pytest.fixture
def catalogue():
    food = Category.add_root(name="Alimentation", description="<p>Ce que les artisans de la région cuisinent.</p>")
    honey = food.add_child(name="Miels et confitures de montagne")
    bread = food.add_child(name="Pains et viennoiseries")
    Category.add_root(name="Artisanat d'art et décoration")
    honey_farm = ShopFactory(trade=Trade.HONEY, partner__name="Les Ruchers du Champsaur et de la vallée du Drac")
    bakery = ShopFactory(trade=Trade.BAKERY)
    for number in range(30):
        shop, category = (honey_farm, honey) if number % 2 else (bakery, bread)
        product = ProductFactory(
            title=f"Produit de saison n°{number} au nom particulièrement long pour un petit écran",
            shop=shop, shop__price=Decimal(3 + number * 4),
        )
        product.categories.add(category)
    return {"food": food, "honey": honey}


@pytest.mark.parametrize("width", [320, 390, 1366])
def test_the_catalogue_fits_and_shows_results_first(chromium, live_server, catalogue, axe_script, width):  # noqa: F811
    context = chromium.new_context(viewport={"width": width, "height": 740}, locale="fr-FR", timezone_id="Europe/Paris")
    try:
        page = context.new_page()
        found = {}
        for name, path in (("catalogue", "/catalogue/"), ("category", catalogue["food"].get_absolute_url()),
                           ("page 2", catalogue["honey"].get_absolute_url() + "?sort=price&page=2")):
            response = page.goto(live_server.url + path)
            assert response.status == 200
            assert overflow(page) is None, f"{name} at {width} px: {overflow(page)}"
            first_card = page.locator(".echoppe-product-card").first.bounding_box()
            filters = page.locator("#browse-filters")
            if width < 1024:
                assert not filters.evaluate("element => element.open")
                assert page.locator("#browse-filters > summary").is_visible()
                assert first_card["y"] < 740, f"{name} at {width} px: the first product starts {first_card['y']} px down"
            else:
                assert page.locator("#browse-sort").is_visible()  # a sidebar, open
            violations = axe_violations(page, axe_script)
            if violations:
                found[f"{name} at {width} px"] = violations
        assert not found, report(found)

        # A filter through the plain GET form.
        page.goto(live_server.url + catalogue["food"].get_absolute_url())
        if width < 1024:
            page.click("#browse-filters > summary")
        page.check(f"#browse-trade-{Trade.HONEY}")
        with page.expect_navigation():
            page.click("#catalogue-filters button[type=submit]")
        assert f"trade={Trade.HONEY}" in page.url
        assert page.locator("#browse-count").inner_text() == "15 produits"
    finally:
        context.close()
