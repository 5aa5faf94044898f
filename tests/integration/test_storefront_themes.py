"""Storefront themes, the artisan's appearance settings with preview, hours, legal notice, vacation."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from oscar.core.loading import get_model

from shops import hours
from shops.models import ExceptionalClosure, OpeningPeriod, ShopStatus
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


@pytest.mark.parametrize("theme", ["atelier", "marche", "epure"])
def test_each_theme_renders_the_storefront_with_the_shop_colours(client, theme):
    shop = ShopFactory(theme=theme, primary_colour="#1d4e89", accent_colour="#9c6b30", font_pair="old-style")
    ProductFactory(shop=shop, title="Vase bleu")
    response = client.get(shop.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert response.template_name == [f"themes/{theme}/storefront.html"]
    assert f"themes/css/{theme}.css" in html
    assert "--shop-primary: #1d4e89;" in html and "--shop-accent: #9c6b30;" in html
    assert "Palatino" in html  # the old-style font pair
    assert "Vase bleu" in html


def test_the_legal_notice_shows_the_seller_identity(client):
    shop = ShopFactory(
        legal_name="Fromagerie Blanc SARL", legal_form="sarl", siret="73282932000074",
        trades_register_number="732 829 320 RM 05", vat_regime="registered", vat_number="FR40303265045",
        address_line="2 place du Marché", postcode="05000",
    )
    html = client.get(shop.get_absolute_url()).content.decode()
    for expected in ("Mentions légales", "Fromagerie Blanc SARL", "73282932000074", "732 829 320 RM 05", "FR40303265045", "2 place du Marché"):
        assert expected in html
    micro = ShopFactory(legal_form="micro", vat_regime="franchise")
    assert "TVA non applicable, art. 293 B du CGI" in client.get(micro.get_absolute_url()).content.decode()


def test_the_story_is_shown_sanitised(client):
    shop = ShopFactory(story='<p>Au feu de bois</p><script>alert("x")</script><p onmouseover="x()">Depuis 1982</p>')
    html = client.get(shop.get_absolute_url()).content.decode()
    assert "<p>Au feu de bois</p>" in html and "<p>Depuis 1982</p>" in html
    assert 'alert("x")' not in html and "onmouseover" not in html


def test_open_now_follows_hours_closures_and_paris_time():
    shop = ShopFactory()
    periods = [
        OpeningPeriod(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12, 30)),
        OpeningPeriod(shop=shop, weekday=1, opens_at=datetime.time(15), closes_at=datetime.time(19)),
    ]
    tuesday = datetime.date(2026, 11, 24)
    assert tuesday.weekday() == 1
    at = lambda hour, minute=0: datetime.datetime.combine(tuesday, datetime.time(hour, minute), PARIS)  # noqa: E731
    assert hours.is_open_at(periods, [], at(8))
    assert not hours.is_open_at(periods, [], at(12, 30))  # closing time is exclusive
    assert not hours.is_open_at(periods, [], at(13))
    assert hours.is_open_at(periods, [], at(18, 59))
    # 7:30 UTC is 8:30 in Paris in November.
    assert hours.is_open_at(periods, [], datetime.datetime(2026, 11, 24, 7, 30, tzinfo=datetime.timezone.utc))
    closure = ExceptionalClosure(shop=shop, first_day=tuesday, last_day=tuesday)
    assert not hours.is_open_at(periods, [closure], at(9))
    assert not hours.is_open_at(periods, [], at(9) + datetime.timedelta(days=1))  # Wednesday: no hours


def test_the_storefront_shows_the_week_and_open_now(client, monkeypatch):
    shop = ShopFactory()
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=datetime.time(0), closes_at=datetime.time(23, 59))
    html = client.get(shop.get_absolute_url()).content.decode()
    assert "Ouvert en ce moment" in html and "Horaires d'ouverture" in html


def test_a_shop_on_vacation_stays_visible_but_sells_nothing(client):
    shop = ShopFactory(on_vacation=True, vacation_message="Fermé pour la transhumance.", vacation_until=datetime.date(2030, 1, 6))
    product = ProductFactory(shop=shop)
    html = client.get(shop.get_absolute_url()).content.decode()
    assert "Fermé pour la transhumance." in html and "commandes sont suspendues" in html
    response = client.post(f"/basket/add/{product.pk}/", {"quantity": 1}, follow=True)
    assert response.status_code == 200
    assert Basket.objects.filter(lines__product=product).count() == 0


@pytest.mark.parametrize("status", [ShopStatus.DRAFT, ShopStatus.SUBMITTED, ShopStatus.SUSPENDED, ShopStatus.REJECTED])
def test_products_of_a_hidden_shop_can_be_neither_seen_nor_bought(client, status):
    shop = ShopFactory(status=status)
    product = ProductFactory(shop=shop)
    assert client.get(product.get_absolute_url()).status_code == 404
    client.post(f"/basket/add/{product.pk}/", {"quantity": 1})
    assert Basket.objects.filter(lines__product=product).count() == 0
    assert product.title not in client.get("/catalogue/").content.decode()
    client.force_login(shop.owner)
    assert client.get(product.get_absolute_url()).status_code == 200  # its artisan previews it


def test_a_product_page_wears_its_shop_theme(client):
    shop = ShopFactory(theme="marche", primary_colour="#1d4e89", partner__name="Poterie du Lac")
    product = ProductFactory(shop=shop)
    html = client.get(product.get_absolute_url()).content.decode()
    assert "theme-marche" in html and "--shop-primary: #1d4e89;" in html and "Poterie du Lac" in html


def test_prices_include_vat_and_exempt_shops_charge_none(client):
    from decimal import Decimal

    from shops.partner.strategy import MarketplaceStrategy

    registered = ShopFactory(vat_regime="registered")
    exempt = ShopFactory(vat_regime="franchise")
    bread = ProductFactory(shop=registered, vat_rate=Decimal("0.055"), shop__price=Decimal("4.22"))
    vase = ProductFactory(shop=exempt, vat_rate=Decimal("0.200"), shop__price=Decimal("60.00"))
    strategy = MarketplaceStrategy()
    bread_price = strategy.fetch_for_product(bread).price
    assert (bread_price.incl_tax, bread_price.excl_tax, bread_price.tax) == (Decimal("4.22"), Decimal("4.00"), Decimal("0.22"))
    vase_price = strategy.fetch_for_product(vase).price
    assert (vase_price.incl_tax, vase_price.tax) == (Decimal("60.00"), Decimal("0.00"))


def test_appearance_preview_then_publish(client):
    shop = ShopFactory(theme="atelier", primary_colour="#8a3b12")
    client.force_login(shop.owner)
    assert client.get("/espace-artisan/apparence/").status_code == 200
    choice = {"theme": "epure", "primary_colour": "#2B2B2B", "accent_colour": "#9c6b30", "font_pair": "modern"}

    response = client.post("/espace-artisan/apparence/", {**choice, "preview": "1"})
    assert response.status_code == 302 and response.url == f"{shop.get_absolute_url()}?apercu=1"
    shop.refresh_from_db()
    assert shop.theme == "atelier" and shop.appearance_draft["theme"] == "epure"
    preview = client.get(response.url)
    assert preview.template_name == ["themes/epure/storefront.html"]
    assert "--shop-primary: #2b2b2b;" in preview.content.decode()

    # Customers, and other artisans, still see the published look, even with the preview flag.
    for viewer in (None, ShopFactory().owner):
        client.logout()
        if viewer:
            client.force_login(viewer)
        assert client.get(response.url).template_name == ["themes/atelier/storefront.html"]

    client.force_login(shop.owner)
    client.post("/espace-artisan/apparence/", {**choice, "publish": "1"})
    shop.refresh_from_db()
    assert (shop.theme, shop.primary_colour, shop.font_pair, shop.appearance_draft) == ("epure", "#2b2b2b", "modern", None)


@pytest.mark.parametrize(
    ("colour", "field", "fragment"),
    [
        ("#f4c542", "primary_colour", "#"),  # yellow: white text is unreadable, a darker shade is offered
        ("orange", "primary_colour", "#"),
        ("#12345", "primary_colour", "#"),
        ("#e07a1f", "accent_colour", "#af5f18"),  # orange links on white: too pale
    ],
)
def test_colours_are_validated_with_a_suggestion(client, colour, field, fragment):
    shop = ShopFactory()
    client.force_login(shop.owner)
    colours = {"primary_colour": "#8a3b12", "accent_colour": "#2f6f5e", field: colour}
    response = client.post("/espace-artisan/apparence/", {"theme": "atelier", **colours, "font_pair": "modern", "publish": "1"})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors[field])
    assert fragment in errors
    shop.refresh_from_db()
    assert getattr(shop, field) != colour


def test_low_contrast_message_suggests_a_darker_shade(client):
    from themes.colours import darker_shade

    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/apparence/", {"theme": "atelier", "primary_colour": "#f4c542", "accent_colour": "#2f6f5e", "font_pair": "modern", "publish": "1"})
    message = response.context["form"].errors["primary_colour"][0]
    assert darker_shade("#f4c542") in message and "4,5" in message


def test_settings_hours_and_closures_are_saved(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/boutique/", {
        "tagline": "Nouvelle accroche", "story": "Pain & levain", "email": "a@example.fr", "phone": "04 92 00 00 00",
        "website": "", "on_vacation": "", "vacation_message": "", "vacation_until": "",
    })
    assert response.status_code == 302
    shop.refresh_from_db()
    assert (shop.tagline, shop.story) == ("Nouvelle accroche", "<p>Pain &amp; levain</p>")

    form = {
        "periods-TOTAL_FORMS": "2", "periods-INITIAL_FORMS": "0", "periods-MIN_NUM_FORMS": "0", "periods-MAX_NUM_FORMS": "28",
        "periods-0-weekday": "1", "periods-0-opens_at": "08:00", "periods-0-closes_at": "12:30",
        "periods-1-weekday": "1", "periods-1-opens_at": "12:00", "periods-1-closes_at": "19:00",
        "closures-TOTAL_FORMS": "1", "closures-INITIAL_FORMS": "0", "closures-MIN_NUM_FORMS": "0", "closures-MAX_NUM_FORMS": "50",
        "closures-0-first_day": "2026-12-24", "closures-0-last_day": "2026-12-20", "closures-0-reason": "Noël",
    }
    response = client.post("/espace-artisan/horaires/", form)
    assert response.status_code == 200  # overlapping periods, closure ending before it starts
    assert response.context["periods"].forms[1].errors["opens_at"]
    assert response.context["closures"].forms[0].errors["last_day"]
    form.update({"periods-1-opens_at": "15:00", "closures-0-last_day": "2026-12-26"})
    assert client.post("/espace-artisan/horaires/", form).status_code == 302
    assert list(shop.opening_periods.values_list("weekday", "opens_at")) == [(1, datetime.time(8)), (1, datetime.time(15))]
    assert shop.closures.get().reason == "Noël"


def test_back_office_pages_need_a_shop(client):
    assert client.get("/espace-artisan/").status_code == 302  # to the login page
    client.force_login(UserFactory())
    for url in ("/espace-artisan/", "/espace-artisan/boutique/", "/espace-artisan/horaires/", "/espace-artisan/apparence/"):
        assert client.get(url).status_code == 404
