"""One search: the same radius choices everywhere, the place remembered, an empty result explained
(how far the nearest is), counts in French words, the results on a map."""

from __future__ import annotations

import json
import re

import pytest

from marketplace.forms import HomeSearchForm
from search import indexing
from search.explain import distance_text, radius_covering, result_count
from search.place_memory import SESSION_KEY, remembered_place
from search.query import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, ResultType
from tests.integration.search_world import build_world

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def world(communes_imported, settings):
    settings.SEARCH_ENGINE = "database"
    with indexing.paused():
        built = build_world()
    indexing.rebuild()
    return built


def radius_options(html: str, select_id: str) -> tuple[list[int], int]:
    select = re.search(rf'<select name="radius" id="{select_id}"[^>]*>(.*?)</select>', html, re.S).group(1)
    values = [int(value) for value in re.findall(r'<option value="(\d+)"', select)]
    selected = int(re.search(r'<option value="(\d+)"[^>]*selected', select).group(1))
    return values, selected


# --- one set of radius choices ----------------------------------------------------------------------

def test_home_and_search_page_offer_the_same_radius_choices_and_default(world, client):
    home = client.get("/").content.decode()
    search = client.get("/search/").content.decode()
    assert radius_options(home, "id_radius") == (list(RADIUS_CHOICES_KM), DEFAULT_RADIUS_KM)
    assert radius_options(search, "search-radius") == (list(RADIUS_CHOICES_KM), DEFAULT_RADIUS_KM)
    assert [km for km, _label in HomeSearchForm().fields["radius"].choices] == list(RADIUS_CHOICES_KM)
    assert (RADIUS_CHOICES_KM, DEFAULT_RADIUS_KM) == ((5, 10, 20, 50, 100), 20)


def test_home_search_submits_to_the_search_page(world, client):
    html = client.get("/").content.decode()
    form = re.search(r'<form method="get" action="([^"]+)" class="echoppe-search"', html)
    assert form.group(1) == "/search/"
    assert 'href="/search/?type=shops&amp;trade=' in html  # the trades' links search too


def test_former_home_searches_lead_to_the_search_page(world, client):
    response = client.get("/", {"place": "05000", "commune": "05061", "radius": "10", "trade": "miellerie", "page": "2"})
    assert response.status_code == 302
    assert response["Location"] == "/search/?type=shops&place=05000&insee=05061&radius=10&trade=miellerie"
    assert client.get(response["Location"]).status_code == 200


# --- the remembered place ---------------------------------------------------------------------------

def test_a_resolved_place_is_remembered_and_used_by_the_next_search(world, client):
    client.get("/search/", {"q": "miel", "place": "05000", "radius": "20"})
    assert client.session[SESSION_KEY] == {"label": "Gap (05000)", "insee": "05061", "latitude": 44.55858, "longitude": 6.07868}

    # The next search without a place searches around it, and the page shows it.
    page = client.get("/search/", {"q": "miel"})
    assert page.context["query"].place.insee_code == "05061" and page.context["query"].radius_km == DEFAULT_RADIUS_KM
    assert 'id="search-place" value="Gap (05000)"' in page.content.decode()
    # The home page and the header (context processor ``search_place``) prefill it too.
    home = client.get("/")
    assert home.context["search_place"].label == "Gap (05000)"
    assert 'name="place" value="Gap (05000)"' in home.content.decode()
    # The API does not read the session: a partner's call says where itself.
    assert client.get("/api/search/", {"q": "miel"}).json()["place"] is None


def test_an_emptied_place_box_forgets_the_place(world, client):
    client.get("/search/", {"place": "05000"})
    page = client.get("/search/", {"q": "miel", "place": ""})
    assert page.context["query"].place is None
    assert SESSION_KEY not in client.session
    assert not client.get("/").context["search_place"]


def test_around_me_is_remembered_by_its_label(world, client):
    gap = world.gap.point
    client.get("/search/", {"lat": f"{gap.latitude:.5f}", "lon": f"{gap.longitude:.5f}", "place": "Autour de moi"})
    assert client.session[SESSION_KEY]["label"] == "Autour de moi"
    # The box then says « Autour de moi »: submitting it again searches around the same position.
    page = client.get("/search/", {"q": "miel", "place": "Autour de moi"})
    assert page.status_code == 200
    assert page.context["query"].place.point == gap and page.context["results"].total == 3


def test_a_tampered_session_value_is_no_place(world, client, rf):
    request = rf.get("/")
    for stored in ["Gap", {"label": "x"}, {"label": "x", "latitude": "nan", "longitude": 6}, {"label": "x", "latitude": 400, "longitude": 6}]:
        request.session = {SESSION_KEY: stored}
        assert remembered_place(request) is None


# --- nothing found: why, and the way out --------------------------------------------------------------

def test_nothing_within_the_radius_tells_how_far_the_nearest_is(world, client):
    page = client.get("/search/", {"q": "pain", "place": "05000", "radius": "10"})
    html = page.content.decode()
    assert page.context["results"].total == 0
    # The rye bread is 20.1 km away: never said nearer than it is, and the link's radius reaches it.
    assert f"Aucun résultat pour «{NBSP}pain{NBSP}» à moins de 10{NBSP}km{NBSP}; le plus proche est à 21{NBSP}km." in html
    assert 'href="/search/?q=pain&amp;place=05000&amp;radius=50"' in html
    assert "orthographe" not in html
    widened = client.get("/search/", {"q": "pain", "place": "05000", "radius": "50"})
    assert widened.context["results"].total == 1


def test_nothing_without_words_within_the_radius(world, client):
    html = client.get("/search/", {"place": "05000", "radius": "5", "type": "shops", "trade": "boulangerie"}).content.decode()
    assert f"Aucun résultat à moins de 5{NBSP}km{NBSP}; le plus proche est à 21{NBSP}km." in html


def test_words_matching_nothing_suggest_the_spelling(world, client):
    html = client.get("/search/", {"q": "zzzyzx", "place": "05000"}).content.decode()
    assert f"Rien ne correspond à «{NBSP}zzzyzx{NBSP}» sur la place de marché." in html
    assert "Vérifiez l’orthographe" in html


def test_words_matching_with_other_filters_say_so(world, client):
    html = client.get("/search/", {"q": "miel", "trade": "fromagerie"}).content.decode()
    assert f"Aucun résultat pour «{NBSP}miel{NBSP}» avec ces filtres." in html
    assert "orthographe" not in html and "Retirer tous les filtres" in html


def test_radius_covering_and_distances():
    assert [radius_covering(km) for km in (3, 20, 20.1, 63, 101, 199.5, 250)] == [5, 20, 50, 100, 110, 200, None]
    assert distance_text(0.42) == f"400{NBSP}m" and distance_text(4.04) == f"4,0{NBSP}km" and distance_text(62.4) == f"62{NBSP}km"
    assert distance_text(20.1, round_up=True) == f"21{NBSP}km" and distance_text(4.01, round_up=True) == f"4,1{NBSP}km"


# --- French counts ------------------------------------------------------------------------------------

def test_counts_in_french_words(world, client):
    assert [result_count(total, ResultType.SHOPS) for total in (0, 1, 2, 1500)] == [
        "aucune boutique", "1 boutique", "2 boutiques", f"1{NBSP}500 boutiques",
    ]
    assert [result_count(total, ResultType.PRODUCTS) for total in (0, 1, 2)] == ["aucun produit", "1 produit", "2 produits"]

    def heading(parameters):
        html = client.get("/search/", parameters).content.decode()
        return re.sub(r"\s+", " ", re.search(r'<h2 id="results-title">(.*?)</h2>', html, re.S).group(1)).strip()

    assert heading({"type": "shops", "trade": "santonnier"}).startswith("Aucune boutique")
    assert heading({"type": "shops", "trade": "fromagerie"}) == "1 boutique"
    assert heading({"type": "shops", "trade": "miellerie"}) == "2 boutiques"
    assert heading({"type": "shops", "trade": "miellerie", "place": "05000", "radius": "5"}).startswith("1 boutique <span")
    assert heading({"q": "zzzyzx"}).startswith("Aucun produit")


# --- the map ------------------------------------------------------------------------------------------

def test_map_view_gives_one_point_per_shop_with_its_products(world, client):
    page = client.get("/search/", {"q": "miel", "place": "05000", "radius": "20", "view": "map"})
    html = page.content.decode()
    data = json.loads(re.search(r'<script id="search-map-data" type="application/json">(.*?)</script>', html, re.S).group(1))
    points = {point["name"]: point for point in data["points"]}
    assert set(points) == {"Miellerie des Écrins", "Rucher en congés"}
    honey = points["Miellerie des Écrins"]
    assert [product["title"] for product in honey["products"]] == ["Miel de lavande", "Miel de montagne"]
    assert honey["products"][0]["price"] == f"8,50{NBSP}€" and honey["products"][0]["url"] == world.products["lavender"].get_absolute_url()
    assert honey["url"] == f"/shops/{world.honey_shop.slug}/" and honey["distance"] == f"4,0{NBSP}km"
    assert honey["latitude"] == pytest.approx(world.gap.point.latitude + 4.0 / 111.195, abs=1e-4)
    assert data["center"]["label"] == "Gap (05000)" and data["center"]["radius_km"] == 20
    # Leaflet only on the map view; the list stays for a browser without JavaScript, with a note.
    assert "leaflet.js" in html and "leaflet.css" in html and "search-map.js" in html
    assert f"8,50{NBSP}€" in html  # the list's prices in French
    assert "La carte a besoin de JavaScript" in html and html.count('class="echoppe-card echoppe-search-hit"') == 3
    assert 'aria-current="page">Carte</a>' in html
    assert 'data-tiles-url=""' in html  # no tile server by default: the region's outline instead
    listing = client.get("/search/", {"q": "miel", "place": "05000"}).content.decode()
    assert "leaflet" not in listing and "search-map-data" not in listing
    assert 'href="/search/?q=miel&amp;place=05000&amp;view=map"' in listing


def test_a_tile_server_is_a_setting_allowed_by_the_csp(world, client, settings):
    settings.MAP_TILES_URL = "https://data.geopf.fr/wmts?LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}"
    settings.MAP_TILES_ATTRIBUTION = "© IGN – Plan IGN"
    page = client.get("/search/", {"q": "miel", "place": "05000", "view": "map"})
    assert 'data-tiles-attribution="© IGN – Plan IGN"' in page.content.decode()
    policy = page["Content-Security-Policy"]
    img_src = next(part for part in policy.split(";") if part.strip().startswith("img-src"))
    assert "https://data.geopf.fr" in img_src


def test_the_region_outline_is_a_small_static_file():
    from django.contrib.staticfiles import finders

    path = finders.find("search/geo/region-outline.json")
    outline = json.loads(open(path, encoding="utf-8").read())
    assert [feature["properties"]["code"] for feature in outline["features"]] == ["04", "05", "06", "13", "83", "84"]
    assert len(open(path, "rb").read()) < 10_000


# --- the filters' drawer -------------------------------------------------------------------------------

def test_filters_are_a_drawer_counting_the_active_ones(world, client):
    html = client.get("/search/", {"q": "miel", "trade": "miellerie", "pickup": "1"}).content.decode()
    assert '<details class="echoppe-drawer search-filters" id="search-filters">' in html
    assert "<summary>Filtres (2)</summary>" in html
    # Results come right after the drawer (before it, on the page, only the form's messages).
    assert html.index('id="search-filters"') < html.index('id="results-title"')
