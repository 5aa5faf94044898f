from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from oscar.core.loading import get_model
from PIL import Image

from marketplace.demo.catalog import TRADES
from marketplace.demo.seeding import CHAMBER_EMAIL, CONSUMER_EMAIL, DEMO_PASSWORD, seed_demo
from shops.models import Shop, ShopStatus

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
ProductImage = get_model("catalogue", "ProductImage")

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_a_paca_marketplace_and_a_second_run_adds_nothing(communes_imported, capsys):
    call_command("seed_demo", "--shops", "66", "--products-per-shop", "10", "--force")
    output = capsys.readouterr().out
    assert "66 shops (66 new), 660 products (660 new)" in output
    assert CHAMBER_EMAIL in output and CONSUMER_EMAIL in output and "artisan1@echoppe.demo" in output

    shops = Shop.objects.select_related("commune", "partner")
    assert {shop.commune.department_code for shop in shops} == {"04", "05", "06", "13", "83", "84"}
    assert shops.filter(status=ShopStatus.APPROVED).count() >= 60
    assert {shop.trade for shop in shops} == {trade.code for trade in TRADES}
    for shop in shops:
        assert (shop.latitude, shop.longitude) == (shop.commune.latitude, shop.commune.longitude)
        assert shop.partner.users.count() == 1
        assert shop.search_text

    assert Product.objects.count() == 660
    records = StockRecord.objects.all()
    assert records.count() == 660
    assert all(record.price > 0 and record.price_currency == "EUR" for record in records)
    assert records.filter(num_in_stock=0).exists() and records.filter(num_in_stock__gt=0).exists()
    assert Product.objects.filter(categories__isnull=True).count() == 0
    assert Product.objects.filter(is_perishable=True).exists()
    image = ProductImage.objects.first()
    with Image.open(Path(settings.MEDIA_ROOT) / image.original.name) as picture:
        assert picture.format == "JPEG" and picture.size == (800, 800)
    assert ProductImage.objects.count() == 660

    # The login throttle (the first authentication backend) needs the request a login comes with.
    login_request = RequestFactory().post("/accounts/login/")
    assert authenticate(login_request, username=CHAMBER_EMAIL, password=DEMO_PASSWORD).is_staff
    artisan = authenticate(login_request, username="artisan1@echoppe.demo", password=DEMO_PASSWORD)
    assert Shop.objects.for_user(artisan).exists() and not artisan.has_perm("partner.dashboard_access") and not artisan.is_staff
    assert authenticate(login_request, username=CONSUMER_EMAIL, password=DEMO_PASSWORD) is not None

    before = sorted(Shop.objects.values_list("slug", "commune__insee_code", "trade"))
    call_command("seed_demo", "--shops", "66", "--products-per-shop", "10", "--force")
    assert "66 shops (0 new), 660 products (0 new), 0 pictures drawn" in capsys.readouterr().out
    assert sorted(Shop.objects.values_list("slug", "commune__insee_code", "trade")) == before


def test_seed_demo_grows_an_existing_demo(communes_imported):
    seed_demo(shop_count=5, products_per_shop=2)
    report = seed_demo(shop_count=8, products_per_shop=30)  # more items than a trade's catalogue
    assert (report.shops_created, report.shops_total) == (3, 8)
    assert (report.products_created, report.products_total) == (8 * 30 - 5 * 2, 8 * 30)
    titles = list(Product.objects.filter(stockrecords__partner__shop__slug=Shop.objects.first().slug).values_list("title", flat=True))
    assert len(titles) == len(set(titles)) == 30  # variants beyond the catalogue keep titles distinct


def test_seed_demo_refuses_nonsense_sizes(communes_imported):
    with pytest.raises(CommandError):
        call_command("seed_demo", "--shops", "0", "--force")
    with pytest.raises(CommandError):
        call_command("seed_demo", "--products-per-shop", "-1", "--force")


def test_seed_demo_refuses_a_production_site_unless_forced(communes_imported, settings):
    settings.DEBUG = False  # as in production (the test runner runs with DEBUG off anyway)
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("seed_demo", "--shops", "1")
    assert not Shop.objects.exists()


def test_demo_pictures_have_their_web_sizes_and_the_search_shows_the_small_one(communes_imported):
    from catalogue.models import ImageRendition
    from search.models import SearchEntry

    seed_demo(shop_count=2, products_per_shop=2)
    sources = set(ProductImage.objects.values_list("original", flat=True))
    assert sources
    for source in sources:
        assert set(ImageRendition.objects.filter(source=source).values_list("width", "format")) >= {(400, "jpg"), (400, "webp"), (800, "jpg")}
    product_documents = SearchEntry.objects.filter(kind="product").exclude(image_url="")
    assert product_documents.exists()
    assert all("/renditions/" in url for url in product_documents.values_list("image_url", flat=True))
