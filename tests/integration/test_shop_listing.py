"""A shop goes public when it can sell: approval is the chamber's decision, the storefront and the
search listing follow once the essentials are there (shops.listing)."""

import datetime

import pytest
from django.db import IntegrityError

from search.models import SearchEntry
from shops import workflow
from shops.checklist import shop_checklist
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.listing import ESSENTIAL_ITEMS, list_shops_that_can_sell
from shops.models import OpeningPeriod, Shop, ShopStatus
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_bare_shop():
    """Approved by the chamber with nothing yet: no hours, no way to collect, no product."""
    shop = ShopFactory(status=ShopStatus.SUBMITTED, accepts_payment_on_site=False)
    chamber = UserFactory()
    chamber.groups.add(chamber_group())
    workflow.approve(shop, chamber)
    shop.refresh_from_db()
    return shop


def give_hours(shop):
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))


def is_listed(shop) -> bool:
    shop.refresh_from_db()
    return shop.listed_at is not None


def test_an_approved_shop_without_the_essentials_is_not_public(client, approved_bare_shop):
    shop = approved_bare_shop
    assert shop.status == ShopStatus.APPROVED and shop.listed_at is None
    assert not shop.is_public and not shop.accepts_orders
    assert not Shop.objects.visible().filter(pk=shop.pk).exists()
    assert client.get(shop.get_absolute_url()).status_code == 404
    # Its owner previews it, and the checklist says what is missing before it can sell.
    client.force_login(shop.owner)
    assert client.get(shop.get_absolute_url()).status_code == 200
    missing = [item.code for item in shop_checklist(shop) if item.is_essential and not item.is_done]
    assert missing == list(ESSENTIAL_ITEMS)
    home = client.get("/espace-artisan/").content.decode()
    assert "Votre boutique est en ligne" not in home
    assert "dès qu'elle aura l'indispensable pour vendre" in home.replace("&#x27;", "'")


def test_the_shop_is_listed_the_moment_its_last_essential_arrives(client, approved_bare_shop):
    shop = approved_bare_shop
    give_hours(shop)
    assert not is_listed(shop)
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    assert not is_listed(shop)
    shop.accepts_payment_on_site = True
    shop.save()
    assert not is_listed(shop)
    product = ProductFactory(shop=shop, title="Fougasse aux olives")
    assert is_listed(shop)
    assert shop.is_public and Shop.objects.visible().filter(pk=shop.pk).exists()
    client.logout()
    assert client.get(shop.get_absolute_url()).status_code == 200
    assert client.get(product.get_absolute_url()).status_code == 200


def test_an_unlisted_shops_products_are_neither_shown_nor_indexed(client, approved_bare_shop, django_capture_on_commit_callbacks):
    shop = approved_bare_shop
    give_hours(shop)
    LocalDeliveryOption.objects.create(shop=shop, is_active=True, radius_km=10, delivery_days=[1])
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(shop=shop, title="Tome de brebis")
    from catalogue.models import Product

    assert not Product.objects.visible().filter(pk=product.pk).exists()
    assert client.get(product.get_absolute_url()).status_code == 404
    assert not SearchEntry.objects.filter(object_id=product.pk, kind="product").exists()
    # Payment on site: the shop can now sell, and the search finds its product.
    with django_capture_on_commit_callbacks(execute=True):
        shop.accepts_payment_on_site = True
        shop.save()
    assert is_listed(shop)
    assert Product.objects.visible().filter(pk=product.pk).exists()
    assert SearchEntry.objects.filter(object_id=product.pk, kind="product").exists()


def test_an_archived_product_does_not_count_as_a_first_product(approved_bare_shop):
    shop = approved_bare_shop
    give_hours(shop)
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    shop.accepts_payment_on_site = True
    shop.save()
    ProductFactory(shop=shop, is_public=False)
    assert not is_listed(shop)


def test_listing_is_a_latch_only_suspension_takes_it_back(client, approved_bare_shop):
    shop = approved_bare_shop
    give_hours(shop)
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    shop.accepts_payment_on_site = True
    shop.save()
    ProductFactory(shop=shop)
    assert is_listed(shop)
    # Rearranging the hours does not make the shop blink out of the search.
    shop.opening_periods.all().delete()
    assert is_listed(shop) and Shop.objects.visible().filter(pk=shop.pk).exists()
    chamber = UserFactory()
    chamber.groups.add(chamber_group())
    workflow.apply_step(shop, "suspend", chamber, reason="Contrôle sanitaire")
    assert not Shop.objects.visible().filter(pk=shop.pk).exists()
    assert client.get(shop.get_absolute_url()).status_code == 404
    workflow.apply_step(shop, "reinstate", chamber)
    assert Shop.objects.visible().filter(pk=shop.pk).exists()


def test_a_full_save_of_a_shop_read_before_its_listing_does_not_unlist_it(approved_bare_shop):
    stale = Shop.objects.get(pk=approved_bare_shop.pk)
    give_hours(approved_bare_shop)
    ClickAndCollectOption.objects.create(shop=approved_bare_shop, is_active=True)
    ProductFactory(shop=approved_bare_shop)
    Shop.objects.filter(pk=approved_bare_shop.pk).update(accepts_payment_on_site=True)
    assert list_shops_that_can_sell([approved_bare_shop.pk]) == [approved_bare_shop.pk]
    stale.tagline = "Nouvelle accroche"
    stale.save()
    assert is_listed(approved_bare_shop)


def test_only_an_approved_shop_can_be_listed_by_the_database():
    shop = ShopFactory(status=ShopStatus.SUBMITTED)
    with pytest.raises(IntegrityError):
        Shop.objects.filter(pk=shop.pk).update(listed_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))


def test_a_shop_waiting_for_the_chamber_is_never_listed_whatever_it_has():
    shop = ShopFactory(status=ShopStatus.SUBMITTED)
    give_hours(shop)
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    ProductFactory(shop=shop)
    assert list_shops_that_can_sell([shop.pk]) == []
    assert not is_listed(shop)


def test_the_essentials_are_the_checklists_essential_items(approved_bare_shop):
    assert [item.code for item in shop_checklist(approved_bare_shop) if item.is_essential] == list(ESSENTIAL_ITEMS)
