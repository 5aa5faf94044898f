"""Échoppe's own site chrome: its design system instead of Oscar's Bootstrap shell, a header that
folds to logo, search, basket and account, FR | EN links, and the staff's living style page."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from oscar.core.loading import get_model

from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db

FIRST_VISIT_BUDGET_BYTES = 100 * 1024


def static_assets(html: str) -> list[str]:
    """The stylesheets and scripts a page loads, as static paths."""
    stylesheets = re.findall(r'<link rel="stylesheet" href="/static/([^"?]+)"', html)
    scripts = re.findall(r'<script src="/static/([^"?]+)"', html)
    # Scripts a page's own script loads later (Leaflet on the map) count too.
    loaded_later = re.findall(r'data-[a-z-]+-url="/static/([^"?]+\.js)"', html)
    return stylesheets + scripts + loaded_later


def compressed_size(static_path: str) -> int:
    path = finders.find(static_path)
    assert path, f"{static_path} is not a static file of the site"
    with open(path, "rb") as file:
        return len(gzip.compress(file.read(), compresslevel=9))


def test_public_pages_wear_the_design_system_not_oscars_bootstrap(client):
    html = client.get(reverse("home")).content.decode()
    assets = static_assets(html)
    assert "themes/css/echoppe.css" in assets
    assert not any("oscar/css/styles.css" in asset or "bootstrap" in asset for asset in assets), assets
    # Oscar's dark bar, its dropdowns and its second search box are gone.
    assert "navbar-dark" not in html and 'data-toggle="dropdown"' not in html
    assert html.count('role="search"') == 1 or 'action="/search/"' in html


def test_the_first_visit_of_a_page_stays_within_100_kb_of_css_and_js(client):
    shop = ShopFactory()
    product = ProductFactory(shop=shop)
    search = reverse("regional-search") + "?q=pain"
    for url in [reverse("home"), search, search + "&view=map", shop.get_absolute_url(), product.get_absolute_url(),
                reverse("catalogue:index"), reverse("basket:summary")]:
        html = client.get(url).content.decode()
        total = sum(compressed_size(asset) for asset in static_assets(html))
        assert total <= FIRST_VISIT_BUDGET_BYTES, (url, total)


def test_the_header_searches_what_and_where_and_the_place_can_be_found_without_js(client):
    html = client.get(reverse("terms-of-sale")).content.decode()
    header = html[html.index('class="echoppe-header"'):html.index("</header>")]
    assert f'action="{reverse("regional-search")}"' in header
    assert 'name="q"' in header and 'name="place"' in header
    assert "data-around-me" in header and "hidden>" in header  # « Autour de moi » shows only where a script can ask the position


def test_the_header_shows_the_basket_count_and_an_account_menu(client):
    customer = UserFactory()
    basket = Basket.objects.create(owner=customer)
    from shops.partner.strategy import MarketplaceStrategy

    basket.strategy = MarketplaceStrategy()
    basket.add_product(ProductFactory(), 3)
    client.force_login(customer)
    header = client.get(reverse("home")).content.decode()
    header = header[header.index('class="echoppe-header"'):header.index("</header>")]
    assert '<span class="echoppe-basket-count">3</span>' in header
    assert reverse("my-checkouts") in header and reverse("customer:logout") in header
    assert 'method="post" action="%s"' % reverse("customer:logout") in header
    assert reverse("artisan:home") not in header  # not an artisan


def test_the_account_menu_leads_artisans_and_the_chamber_to_their_spaces(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    assert reverse("artisan:home") in client.get(reverse("home")).content.decode()
    chamber = UserFactory()
    chamber.groups.add(chamber_group())
    client.force_login(chamber)
    html = client.get(reverse("home")).content.decode()
    assert reverse("chamber:home") in html and reverse("artisan:home") not in html


def test_languages_are_links_to_the_same_page_in_the_other_language(client):
    html = client.get(reverse("terms-of-sale")).content.decode()
    footer = html[html.index('class="echoppe-footer"'):]
    assert 'href="/en/conditions-generales-de-vente/" lang="en" hreflang="en"' in footer
    assert 'href="/conditions-generales-de-vente/" lang="fr" hreflang="fr" title="French" aria-current="true"' in footer \
        or 'href="/conditions-generales-de-vente/" lang="fr" hreflang="fr" title="Français" aria-current="true"' in footer
    assert 'name="language"' not in html  # no form, no « Envoyer » button
    english = client.get("/en/conditions-generales-de-vente/").content.decode()
    assert 'lang="en" hreflang="en" title="English" aria-current="true"' in english


@pytest.mark.parametrize("who", ["anonymous", "customer", "artisan"])
def test_the_style_page_is_for_the_chambers_staff_only(client, who):
    if who == "customer":
        client.force_login(UserFactory())
    elif who == "artisan":
        client.force_login(ShopFactory().owner)
    response = client.get(reverse("style-page"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_style_page_shows_every_token_and_component(client):
    ProductFactory(shop=ShopFactory(partner__name="Fournil du Champsaur"))
    chamber = UserFactory()
    chamber.groups.add(chamber_group())
    client.force_login(chamber)
    html = client.get(reverse("style-page")).content.decode()
    for token in ["--color-brick", "--color-olive", "--color-honey", "--color-lavender", "--font-serif", "--step-4",
                  "--space-6", "--radius-m", "--shadow-2"]:
        assert token in html, token
    for component in ["echoppe-button", "echoppe-field", "echoppe-alert--error", "echoppe-badge--open", "echoppe-product-card",
                      "echoppe-shop-card", "echoppe-empty", "echoppe-pagination", "echoppe-drawer", "echoppe-map", "breadcrumb"]:
        assert component in html, component
    assert "Fournil du Champsaur" in html
    assert "6,70:1" in html or "6.70:1" in html  # white on brick, computed from the stylesheet


def test_the_home_page_has_one_search_its_own(client):
    html = client.get(reverse("home")).content.decode()
    header = html[html.index('class="echoppe-header"'):html.index("</header>")]
    assert 'name="q"' not in header
    assert html.count(f'action="{reverse("regional-search")}"') == 1


def basket_post_data(html: str, **extra) -> dict:
    """The basket formset as the browser would submit it, plus the pressed button."""
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    fields.update(dict(re.findall(r'<input type="number" name="([^"]+)" value="([^"]*)"', html)))
    fields.update(extra)
    return fields


def test_the_basket_removes_and_saves_lines_without_any_script(client):
    customer = UserFactory()
    client.force_login(customer)
    keep, drop = ProductFactory(title="Pain de seigle"), ProductFactory(title="Fougasse")
    for product in (keep, drop):
        client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1})
    html = client.get(reverse("basket:summary")).content.decode()
    assert 'data-behaviours="remove"' not in html and 'data-behaviours="save"' not in html
    remove_buttons = re.findall(r'<button type="submit" class="btn btn-link" name="(form-\d+-DELETE)" value="on">', html)
    save_buttons = re.findall(r'<button type="submit" class="btn btn-link" name="(form-\d+-save_for_later)" value="on">', html)
    assert len(remove_buttons) == 2 and len(save_buttons) == 2
    line_ids = dict(re.findall(r'name="(form-\d+)-id" value="(\d+)"', html))
    basket = Basket.objects.get(owner=customer)
    drop_form = next(prefix for prefix, line_id in line_ids.items()
                     if basket.all_lines().get(pk=line_id).product == drop)
    client.post(reverse("basket:summary"), basket_post_data(html, **{f"{drop_form}-DELETE": "on"}))
    assert [line.product for line in Basket.objects.get(pk=basket.pk).all_lines()] == [keep]

    html = client.get(reverse("basket:summary")).content.decode()
    client.post(reverse("basket:summary"), basket_post_data(html, **{"form-0-save_for_later": "on"}))
    assert Basket.objects.get(pk=basket.pk).all_lines().count() == 0
    html = client.get(reverse("basket:summary")).content.decode()
    assert "Pain de seigle" in html and 'name="saved-0-move_to_basket"' in html and "display:none" not in html


def test_public_pages_load_no_jquery_and_account_pages_keep_oscars_scripts(client):
    for url in [reverse("home"), reverse("basket:summary"), reverse("catalogue:index")]:
        html = client.get(url).content.decode()
        assert "jquery.min.js" not in html and "oscar/js/oscar/ui.js" not in html, url
        assert "if (window.jQuery)" in html
    client.force_login(UserFactory())
    html = client.get(reverse("customer:wishlists-list")).content.decode()
    assert "jquery.min.js" in html and "oscar/js/oscar/ui.js" in html and "oscar.init();" in html


def test_every_public_page_has_a_description_for_search_engines(client):
    for url in [reverse("basket:summary"), reverse("terms-of-sale"), reverse("customer:login")]:
        html = client.get(url).content.decode()
        assert '<meta name="description" content="" />' not in html, url
        assert "name=\"description\" content=\"" in html, url
