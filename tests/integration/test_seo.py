"""Found on the web: robots.txt, the sitemap, schema.org data, canonical addresses and sharing cards."""

import datetime
import html as html_module
import io
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model
from PIL import Image

from catalogue.models import ImageRendition
from chamber.models import Campaign
from marketplace.seo.structured_data import json_ld_script
from shops.models import OpeningPeriod, ShopStatus
from tests.factories import ProductFactory, ShopFactory

pytestmark = pytest.mark.django_db

Category = get_model("catalogue", "Category")
ProductImage = get_model("catalogue", "ProductImage")
SITE = "https://echoppe.example.fr"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def json_ld(html: str) -> list[dict]:
    blocks = re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def of_type(html: str, kind: str) -> dict:
    found = [block for block in json_ld(html) if block.get("@type") == kind]
    assert len(found) == 1, json_ld(html)
    return found[0]


def meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def canonical(html: str) -> str | None:
    found = re.findall(r'<link rel="canonical" href="([^"]*)"', html)
    assert len(found) <= 1
    return html_module.unescape(found[0]) if found else None


def jpeg(name: str) -> str:
    output = io.BytesIO()
    Image.new("RGB", (64, 48), "#b5651d").save(output, format="JPEG")
    return default_storage.save(name, ContentFile(output.getvalue()))


# --- robots.txt -------------------------------------------------------------------------------------


def test_robots_txt_opens_public_pages_closes_private_ones_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    for prefix in ("/espace-artisan/", "/chambre/", "/dashboard/", "/accounts/",
                   "/commande/", "/paiement/", "/mes-achats/", "/api/", "/en/accounts/"):
        assert f"Disallow: {prefix}" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines
    disallowed = [line.split(": ", 1)[1] for line in lines if line.startswith("Disallow:")]
    for public in ("/", "/shops/fournil/", "/catalogue/pain_3/", "/search/", "/campagnes/noel/", "/en/shops/fournil/",
                   "/basket/", "/checkout/", "/ouvrir-ma-boutique/"):
        assert not any(public.startswith(prefix) for prefix in disallowed), public


# --- sitemap ----------------------------------------------------------------------------------------


def locations(client, url: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "application/xml"
    root = ElementTree.fromstring(response.content)
    return [element.text for element in root.iter(f"{SITEMAP}loc")]


def test_the_sitemap_lists_visible_shops_products_categories_and_campaigns_on_site_url(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC))
    shop = ShopFactory(slug="fournil")
    hidden_shop = ShopFactory(slug="en-attente", status=ShopStatus.SUBMITTED)
    bread = ProductFactory(shop=shop, title="Pain au levain")
    not_public = ProductFactory(shop=shop, is_public=False)
    hidden_by_chamber = ProductFactory(shop=shop, hidden_by_chamber=True)
    of_hidden_shop = ProductFactory(shop=hidden_shop)
    breads = Category.add_root(name="Pains", slug="pains")
    rye = breads.add_child(name="Seigle", slug="seigle")
    empty = Category.add_root(name="Vide", slug="vide")
    rye_bread = ProductFactory(shop=shop)
    rye_bread.categories.add(rye)
    of_hidden_shop.categories.add(empty)
    Campaign.objects.create(title="Noël", slug="noel", starts_on=datetime.date(2026, 12, 1), ends_on=datetime.date(2026, 12, 24))
    Campaign.objects.create(title="Pâques", slug="paques", starts_on=datetime.date(2027, 4, 1))

    index = locations(client, "/sitemap.xml")
    assert index == [f"{SITE}/sitemap-{section}.xml" for section in ("boutiques", "produits", "categories", "campagnes")]

    shops = locations(client, "/sitemap-boutiques.xml")
    assert f"{SITE}/shops/fournil/" in shops and f"{SITE}/shops/en-attente/" not in shops
    products = locations(client, "/sitemap-produits.xml")
    assert f"{SITE}{bread.get_absolute_url()}" in products
    for product in (not_public, hidden_by_chamber, of_hidden_shop):
        assert f"{SITE}{product.get_absolute_url()}" not in products
    categories = locations(client, "/sitemap-categories.xml")
    # A parent is listed for its child's products; a category with nothing visible is not.
    assert categories == [f"{SITE}{breads.get_absolute_url()}", f"{SITE}{rye.get_absolute_url()}"]
    assert locations(client, "/sitemap-campagnes.xml") == [f"{SITE}/campagnes/noel/"]


def test_sitemap_entries_carry_their_last_change(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC))
    shop = ShopFactory()
    ProductFactory(shop=shop)
    response = client.get("/sitemap-produits.xml")
    assert "<lastmod>2026-11-20</lastmod>" in response.content.decode()
    assert "<lastmod>2026-11-20</lastmod>" in client.get("/sitemap-boutiques.xml").content.decode()
    assert "2026-11-20T" in client.get("/sitemap.xml").content.decode()


def test_a_large_sitemap_is_paginated_through_the_index(client, monkeypatch):
    from marketplace.seo.sitemaps import ShopSitemap

    monkeypatch.setattr(ShopSitemap, "limit", 2)
    for _number in range(5):
        ShopFactory()
    index = locations(client, "/sitemap.xml")
    pages = [f"{SITE}/sitemap-boutiques.xml", f"{SITE}/sitemap-boutiques.xml?p=2", f"{SITE}/sitemap-boutiques.xml?p=3"]
    assert [location for location in index if "boutiques" in location] == pages
    assert len(locations(client, "/sitemap-boutiques.xml?p=3")) == 1
    assert client.get("/sitemap-boutiques.xml?p=4").status_code == 404
    assert client.get("/sitemap-inconnue.xml").status_code == 404


# --- schema.org -------------------------------------------------------------------------------------


def test_a_storefront_is_a_local_business_with_its_place_and_hours(client):
    shop = ShopFactory(slug="fournil", partner__name="Le Fournil", address_line="3 rue du Four", postcode="05000", phone="+33492000000")
    for weekday in (1, 2):
        OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(12, 30))
    OpeningPeriod.objects.create(shop=shop, weekday=5, opens_at=datetime.time(7, 30), closes_at=datetime.time(13))
    response = client.get("/shops/fournil/")
    business = of_type(response.content.decode(), "LocalBusiness")
    assert business["@context"] == "https://schema.org"
    assert business["name"] == "Le Fournil"
    assert business["url"] == f"{SITE}/shops/fournil/"
    assert business["telephone"] == "+33492000000"
    assert business["address"] == {
        "@type": "PostalAddress", "addressLocality": shop.commune.name, "addressCountry": "FR",
        "streetAddress": "3 rue du Four", "postalCode": "05000",
    }
    assert business["geo"] == {"@type": "GeoCoordinates", "latitude": 44.55858, "longitude": 6.07868}
    assert business["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Tuesday", "https://schema.org/Wednesday"],
         "opens": "08:00", "closes": "12:30"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday"], "opens": "07:30", "closes": "13:00"},
    ]


def test_json_ld_carries_the_nonce_and_a_hostile_name_cannot_end_the_script(client):
    shop = ShopFactory(slug="piege", partner__name='</script><script>alert("x")</script>')
    ProductFactory(shop=shop, title="</script><img src=x onerror=alert(1)>")
    response = client.get("/shops/piege/")
    html = response.content.decode()
    assert "<script>alert" not in html
    assert '\\u003C/script\\u003E\\u003Cscript\\u003Ealert(\\"x\\")' in html
    business = of_type(html, "LocalBusiness")
    assert business["name"] == '</script><script>alert("x")</script>'
    nonce = re.search(r'<script type="application/ld\+json" nonce="([^"]+)">', html).group(1)
    assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]


def test_json_ld_script_escapes_what_could_close_it():
    script = json_ld_script({"name": "a</script>&<!--"}, nonce="abc")
    assert script == '<script type="application/ld+json" nonce="abc">{"name":"a\\u003C/script\\u003E\\u0026\\u003C!--"}</script>'
    assert json.loads(script[script.index(">") + 1 : -len("</script>")]) == {"name": "a</script>&<!--"}


def test_a_product_page_has_a_product_with_its_offer_and_breadcrumbs(client):
    shop = ShopFactory(slug="fournil", partner__name="Le Fournil")
    bread = ProductFactory(shop=shop, title="Pain au levain", description="<p>Farine <b>bio</b>, levain naturel.</p>")
    breads = Category.add_root(name="Pains", slug="pains")
    sourdough = breads.add_child(name="Levain", slug="levain")
    bread.categories.add(sourdough)
    html = client.get(bread.get_absolute_url()).content.decode()
    product = of_type(html, "Product")
    url = f"{SITE}{bread.get_absolute_url()}"
    assert product["name"] == "Pain au levain" and product["url"] == url
    assert product["description"] == "Farine bio, levain naturel."
    assert product["offers"] == {
        "@type": "Offer", "url": url, "price": "4.50", "priceCurrency": "EUR",
        "availability": "https://schema.org/InStock", "itemCondition": "https://schema.org/NewCondition",
        "seller": {"@type": "LocalBusiness", "@id": f"{SITE}/shops/fournil/#boutique", "name": "Le Fournil", "url": f"{SITE}/shops/fournil/"},
    }
    trail = of_type(html, "BreadcrumbList")["itemListElement"]
    assert [(item["position"], item["name"], item["item"]) for item in trail] == [
        (1, "Accueil", f"{SITE}/"),
        (2, "Pains", f"{SITE}{breads.get_absolute_url()}"),
        (3, "Levain", f"{SITE}{sourdough.get_absolute_url()}"),
        (4, "Pain au levain", url),
    ]


def test_a_sold_out_product_is_out_of_stock(client):
    bread = ProductFactory(shop__num_in_stock=0)
    product = of_type(client.get(bread.get_absolute_url()).content.decode(), "Product")
    assert product["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_a_category_page_has_its_breadcrumbs(client):
    breads = Category.add_root(name="Pains", slug="pains")
    rye = breads.add_child(name="Seigle", slug="seigle")
    html = client.get(rye.get_absolute_url()).content.decode()
    trail = of_type(html, "BreadcrumbList")["itemListElement"]
    assert [item["name"] for item in trail] == ["Accueil", "Pains", "Seigle"]
    assert trail[-1]["item"] == f"{SITE}{rye.get_absolute_url()}"
    assert canonical(html) == f"{SITE}{rye.get_absolute_url()}"


# --- canonical addresses and sharing cards ------------------------------------------------------


def test_the_home_page_has_its_canonical_address_language_twins_and_card(client):
    html = client.get("/?utm_source=newsletter&fbclid=abc").content.decode()
    assert canonical(html) == f"{SITE}/"
    assert f'<link rel="alternate" hreflang="fr" href="{SITE}/">' in html
    assert f'<link rel="alternate" hreflang="en" href="{SITE}/en/">' in html
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE}/">' in html
    assert meta(html, "property", "og:type") == "website"
    assert meta(html, "property", "og:locale") == "fr_FR"
    assert meta(html, "property", "og:locale:alternate") == "en_GB"
    assert meta(html, "property", "og:url") == f"{SITE}/"
    assert meta(html, "property", "og:title") == "Échoppe"
    english = client.get("/en/").content.decode()
    assert canonical(english) == f"{SITE}/en/" and meta(english, "property", "og:locale") == "en_GB"


def test_a_storefront_keeps_its_section_and_page_in_its_canonical_and_drops_tracking(client):
    shop = ShopFactory(slug="fournil", partner__name="Le Fournil", tagline="Pains au levain")
    breads = Category.add_root(name="Pains", slug="pains")
    for number in range(30):
        ProductFactory(shop=shop).categories.add(breads)
    html = client.get(f"/shops/fournil/?utm_campaign=noel&page=2&categorie={breads.pk}").content.decode()
    assert canonical(html) == f"{SITE}/shops/fournil/?categorie={breads.pk}&page=2"
    first_page = client.get("/shops/fournil/?page=1&utm_source=x").content.decode()
    assert canonical(first_page) == f"{SITE}/shops/fournil/"
    assert meta(first_page, "property", "og:title") == "Le Fournil"
    assert meta(first_page, "property", "og:description") == "Pains au levain"


def test_a_product_card_shares_an_absolute_rendition(client):
    bread = ProductFactory(title="Pain au levain", description="<p>Au levain.</p>")
    original = jpeg("images/products/pain.jpg")
    ProductImage.objects.create(product=bread, original=original, display_order=0)
    for width, extension in ((400, "jpg"), (800, "jpg"), (800, "webp")):
        ImageRendition.objects.create(source=original, width=width, height=width * 3 // 4, format=extension,
                                      file=f"renditions/images/products/pain.jpg-{width}.{extension}")
    html = client.get(bread.get_absolute_url() + "?utm_source=facebook").content.decode()
    assert canonical(html) == f"{SITE}{bread.get_absolute_url()}"
    assert meta(html, "property", "og:type") == "product"
    assert meta(html, "property", "og:title") == "Pain au levain"
    assert meta(html, "property", "og:description") == "Au levain."
    image = f"{SITE}/media/renditions/images/products/pain.jpg-800.jpg"
    assert meta(html, "property", "og:image") == image
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "name", "twitter:image") == image
    assert of_type(html, "Product")["image"] == [image]


def test_search_results_are_indexable_under_one_canonical_address(client):
    html = client.get("/search/?q=miel&place=Gap&sort=distance&per_page=48&lat=44.5&lon=6.1&page=1&utm_medium=x").content.decode()
    assert canonical(html) == f"{SITE}/search/?place=Gap&q=miel"
    assert "noindex" not in html
    assert meta(html, "name", "twitter:card") == "summary"


def test_a_campaign_page_has_its_card(client, time_machine):
    time_machine.move_to(datetime.datetime(2026, 12, 3, 10, tzinfo=datetime.UTC))
    Campaign.objects.create(title="Noël chez nos artisans", slug="noel", text="<p>Des cadeaux faits ici.</p>",
                            starts_on=datetime.date(2026, 12, 1))
    html = client.get("/campagnes/noel/").content.decode()
    assert canonical(html) == f"{SITE}/campagnes/noel/"
    assert meta(html, "property", "og:title") == "Noël chez nos artisans"
    assert meta(html, "property", "og:description") == "Des cadeaux faits ici."
