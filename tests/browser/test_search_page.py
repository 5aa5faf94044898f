"""The search page in a real browser: suggestions while typing, filters applied when ticked."""

import pytest

from search import indexing
from tests.integration.search_world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings):
    from geography.importer import import_communes
    from geography.models import Commune

    if not Commune.objects.filter(insee_code="05061").exists():
        import_communes(settings.COMMUNES_DATA_FILE)
    with indexing.paused():
        built = build_world()
    indexing.rebuild()
    return built


def test_search_page_suggests_filters_and_keeps_the_place(world, browser_as, live_server):
    page = browser_as(None)
    page.goto(f"{live_server.url}/search/?q=miel&place=05000&radius=20")
    cards = page.locator(".echoppe-search-hit .echoppe-card-title")
    assert cards.all_inner_texts() == ["Miel de lavande", "Miel de montagne", "Miel de sapin"]
    assert "à 4,0 km" in page.locator(".echoppe-search-hit").first.inner_text()

    # Ticking a filter applies it at once (no "Apply" click needed with JavaScript).
    with page.expect_navigation():
        page.check("#flag-delivers_here")
    assert "delivers=1" in page.url and page.is_checked("#flag-delivers_here")
    assert cards.all_inner_texts() == ["Miel de lavande", "Miel de montagne"]
    assert page.input_value("#search-place") == "Gap (05000)"

    # Suggestions while typing fill the datalist from /api/search/suggestions/.
    page.fill("#search-q", "")
    page.type("#search-q", "lav", delay=50)
    page.wait_for_function("() => document.querySelectorAll('#search-suggestions option').length > 0")
    assert "Miel de lavande" in page.locator("#search-suggestions option").evaluate_all("options => options.map(o => o.value)")


def test_on_a_phone_results_come_first_filters_in_a_drawer_and_the_map_shows_the_shops(world, chromium, live_server):
    context = chromium.new_context(locale="fr-FR", timezone_id="Europe/Paris", viewport={"width": 390, "height": 844},
                                   geolocation={"latitude": 44.55858, "longitude": 6.07868}, permissions=["geolocation"])
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/search/?q=miel&place=05000&radius=20")
        # The first result is on the first screen, the filters folded above it; no sideways scroll.
        first = page.locator(".echoppe-search-hit").first.bounding_box()
        assert first["y"] + 60 <= 844, first
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        drawer = page.locator("#search-filters")
        assert drawer.locator("summary").inner_text().startswith("Filtres (0)")
        assert not page.is_visible("#flag-pickup")
        drawer.locator("summary").click()
        assert page.is_visible("#flag-pickup")

        # « Liste | Carte »: the map, without a tile server, draws the region's outline and one point per shop.
        page.click("text=Carte")
        page.wait_for_selector(".search-map-outline", state="attached")
        assert page.locator(".search-map-marker").count() == 2
        assert page.locator(".leaflet-tile").count() == 0
        page.locator(".search-map-marker").first.click()
        popup = page.locator(".search-map-popup")
        popup.wait_for()
        assert popup.locator("a").first.get_attribute("href").startswith("/shops/")
        assert page.locator(".search-map-marker").first.get_attribute("title") in {"Miellerie des Écrins", "Rucher en congés"}
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # « Autour de moi » fills the position and searches around it; the place is remembered.
        page.goto(f"{live_server.url}/search/?q=miel")
        page.locator("#search-filters summary").click()
        with page.expect_navigation():
            page.click("#search-around-me")
        assert "lat=44.55858" in page.url and page.input_value("#search-place") == "Autour de moi"
        assert page.locator(".echoppe-search-hit").count() == 3
        page.goto(f"{live_server.url}/search/?q=miel")
        assert page.input_value("#search-place") == "Autour de moi" and page.locator(".echoppe-search-hit").count() == 3
    finally:
        context.close()
