"""The storefront's product grid, rendered once per shop catalogue version and kept in the cache.

Rendering 24 product cards (their pictures' sizes, prices, sections with their counts) is most of a
storefront's cost, and shoppers read a shop far more often than its artisan changes it. The grid is
cached under the shop's ``catalogue_version``, which comes with the shop the page loads anyway, so
a cached page costs none of the product queries.

Whatever changes what a card shows — a product, its stock record, its pictures or their web sizes,
its sections, a section's name, stock taken by an order — marks the shop's catalogue as changed;
once the transaction commits, one UPDATE per transaction bumps the versions of the shops concerned.
Bumping after the commit means a page reading the new version always reads the committed products;
a bump never holds the shop's row locked inside a checkout's transaction. Should a bump be lost
(the database down right after the commit), entries expire after ``GRID_TIMEOUT``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from catalogue.models import ImageRendition

from .models import Shop
from .signals import products_changed_in_bulk, stock_levels_changed

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# Below the one-hour life of signed picture addresses (S3_SIGNED_URLS), which the grid contains.
GRID_TIMEOUT = 600
# Product ids looked up per query (SQLite bounds a query's parameters).
LOOKUP_CHUNK = 1000
GRID_KEY = "storefront:grid:{shop}:{version}:{language}:{category}:{page}:{per_page}"


def grid_key(shop: Shop, *, language: str, category_id: int | None, page: int, per_page: int) -> str:
    return GRID_KEY.format(
        shop=shop.pk, version=shop.catalogue_version, language=language, category=category_id or 0, page=page, per_page=per_page
    )


def cached_grid(key: str) -> str | None:
    return cache.get(key)


def remember_grid(key: str, html: str) -> None:
    cache.set(key, html, GRID_TIMEOUT)


class _Pending(threading.local):
    """What the current thread's transaction changed, bumped together once it commits.

    Every change registers a flush; the first flush after the commit takes everything and the others
    find nothing. What a rolled-back transaction left is bumped with the next commit: a needless bump
    only costs one rendering.
    """

    def __init__(self):
        self.shops: set[int] = set()
        self.products: set[int] = set()


_pending = _Pending()


def _flush() -> None:
    shop_ids, product_ids = set(_pending.shops), set(_pending.products)
    _pending.shops.clear()
    _pending.products.clear()
    ordered = sorted(product_ids)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        # A parent has no stock record: its variants' lead to its shop.
        shop_ids.update(
            StockRecord.objects.filter(Q(product_id__in=chunk) | Q(product__parent_id__in=chunk))
            .values_list("partner_id", flat=True)
            .distinct()
        )
    if shop_ids:
        Shop.objects.filter(pk__in=shop_ids).update(catalogue_version=F("catalogue_version") + 1)


def shops_changed(shop_ids: Iterable[int]) -> None:
    _pending.shops.update(int(shop_id) for shop_id in shop_ids if shop_id)
    transaction.on_commit(_flush, robust=True)


def products_changed(product_ids: Iterable[int]) -> None:
    # Their shops are looked up after the commit, with the stock records as they are then.
    _pending.products.update(int(product_id) for product_id in product_ids if product_id)
    transaction.on_commit(_flush, robust=True)


def shops_selling_in(category) -> list[int]:
    # One query for a section of the whole region, however many products it holds.
    return list(
        StockRecord.objects.filter(Q(product__categories=category) | Q(product__parent__categories=category))
        .values_list("partner_id", flat=True)
        .distinct()
    )


@receiver([post_save, post_delete], sender=Product, dispatch_uid="shops.product_grid.product")
def _product_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.pk])


@receiver(pre_save, sender=StockRecord, dispatch_uid="shops.product_grid.stockrecord_moved")
def _stockrecord_moving(sender, instance, raw=False, **kwargs):
    # A stock record moved to another shop (the chamber's staff may) leaves the old shop's grid.
    if not raw and instance.pk:
        shops_changed(StockRecord.objects.filter(pk=instance.pk).exclude(partner_id=instance.partner_id).values_list("partner_id", flat=True))


@receiver([post_save, post_delete], sender=StockRecord, dispatch_uid="shops.product_grid.stockrecord")
def _stockrecord_changed(sender, instance, raw=False, **kwargs):
    # The shop directly: after a deletion no stock record leads from the product to it any more.
    if not raw:
        shops_changed([instance.partner_id])


@receiver([post_save, post_delete], sender=ProductImage, dispatch_uid="shops.product_grid.image")
@receiver([post_save, post_delete], sender=ProductCategory, dispatch_uid="shops.product_grid.category_link")
def _product_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        products_changed([instance.product_id])


@receiver(m2m_changed, sender=Product.categories.through, dispatch_uid="shops.product_grid.categories")
def _categories_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear", "pre_clear"):
        return
    if not reverse:
        products_changed([instance.pk])
    elif action == "pre_clear":
        shops_changed(shops_selling_in(instance))
    else:
        products_changed(pk_set or ())


@receiver(post_save, sender=Category, dispatch_uid="shops.product_grid.category")
def _category_renamed(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        shops_changed(shops_selling_in(instance))


@receiver(post_save, sender=ImageRendition, dispatch_uid="shops.product_grid.rendition")
def _rendition_made(sender, instance, created, raw=False, **kwargs):
    # A picture's web sizes are made by a task after the upload: the cards then offer them.
    if not raw and created:
        products_changed(ProductImage.objects.filter(original=instance.source).values_list("product_id", flat=True))


@receiver(stock_levels_changed, dispatch_uid="shops.product_grid.stock_levels")
@receiver(products_changed_in_bulk, dispatch_uid="shops.product_grid.bulk")
def _products_updated(sender, product_ids, **kwargs):
    products_changed(product_ids)
