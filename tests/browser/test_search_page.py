"""The search page in a real browser: suggestions while typing, filters applied when ticked."""

import pytest

from search import indexing
from tests.integration.search_world import build_world

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(settings):
    from marketplace.geography.importer import import_communes
    from marketplace.geography.models import Commune

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
    assert page.input_value("#search-place") == "05000"

    # Suggestions while typing fill the datalist from /api/search/suggestions/.
    page.fill("#search-q", "")
    page.type("#search-q", "lav", delay=50)
    page.wait_for_function("() => document.querySelectorAll('#search-suggestions option').length > 0")
    assert "Miel de lavande" in page.locator("#search-suggestions option").evaluate_all("options => options.map(o => o.value)")
