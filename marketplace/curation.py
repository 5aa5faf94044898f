"""What the home page puts forward: the chamber's featured producers (chamber) and
campaigns, the newest products, the trades and departments to browse."""

from __future__ import annotations

import datetime

from django.db.models import Count, F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.core.loading import get_model

from shops.models import Shop

Product = get_model("catalogue", "Product")


def current_features(day: datetime.date | None = None, department_code: str = "") -> list:
    """The chamber's selection in force on ``day``, in its order: the home page's (no department)
    or a department's. Features of shops no longer approved, or of hidden products, drop out."""
    from chamber.models import Feature

    features = (
        Feature.objects.active_on(day or timezone.localdate())
        .filter(department_code=department_code.upper(), shop__in=Shop.objects.visible())
        .select_related("shop__partner", "shop__commune", "product")
        .order_by("position", "starts_on", "pk")
    )
    chosen = list(features)
    visible_products = set(Product.objects.visible().filter(pk__in=[f.product_id for f in chosen if f.product_id]).values_list("pk", flat=True))
    for feature in chosen:
        if feature.product_id not in visible_products:
            feature.product = None
    attach_labels([feature.shop for feature in chosen])
    return chosen


def attach_labels(shops) -> None:
    """``shop.valid_labels``: the labels in force today of each shop, in one query for all."""
    from marketplace.models import LabelGrant

    shops = list(shops)
    by_shop: dict[int, list] = {}
    for grant in LabelGrant.objects.valid_on().filter(shop__in=[shop.pk for shop in shops]).select_related("label").order_by("label__name"):
        by_shop.setdefault(grant.shop_id, []).append(grant.label)
    for shop in shops:
        shop.valid_labels = by_shop.get(shop.pk, [])


def trades_with_counts() -> list[dict]:
    """Each trade that has visible shops, with their number, most represented first."""
    labels = dict(Shop._meta.get_field("trade").choices)
    rows = Shop.objects.visible().values("trade").annotate(shop_count=Count("pk")).order_by("-shop_count", "trade")
    return [{"code": row["trade"], "label": labels.get(row["trade"], row["trade"]), "shop_count": row["shop_count"]} for row in rows]


def departments_with_counts() -> list[dict]:
    return list(
        Shop.objects.visible()
        .values("commune__department_code", "commune__department_name")
        .annotate(shop_count=Count("pk"))
        .order_by("commune__department_code")
    )


def newest_products(limit: int = 8) -> list:
    """The latest product of each of the shops the chamber approved most recently."""
    # A variant stands for its parent (which has no stock record of its own): the card is the parent's.
    latest_of_shop = (
        Product.objects.filter(is_public=True, hidden_by_chamber=False, stockrecords__partner_id=OuterRef("pk"))
        .order_by("-date_created", "-pk")
        .annotate(card_id=Coalesce("parent_id", "pk"))
        .values("card_id")[:1]
    )
    newest_shops = Shop.objects.visible().order_by(F("approved_at").desc(nulls_last=True), "-pk").annotate(
        latest_product_id=Subquery(latest_of_shop)
    )
    # The latest product of the few newest shops first: filtering on the subquery in SQL would make
    # the database compute it for every shop (a second on 1,000 shops / 100,000 products).
    chosen_ids = [pk for pk in newest_shops.values_list("latest_product_id", flat=True)[: limit * 3] if pk][:limit]
    if len(chosen_ids) < limit:
        chosen_ids = list(newest_shops.filter(latest_product_id__isnull=False).values_list("latest_product_id", flat=True)[:limit])
    products = Product.objects.filter(pk__in=chosen_ids, is_public=True, hidden_by_chamber=False).for_cards()
    order = {product_id: position for position, product_id in enumerate(chosen_ids)}
    products = sorted(products, key=lambda product: order[product.pk])
    attach_card_labels(products)
    return products


def attach_card_labels(products) -> list:
    """Product cards show their shop's labels: attach them to the shops the cards' stock records
    bring (ProductQuerySet.for_cards; a parent's is its cheapest variant's), in one query. Returns
    the products as a list."""
    products = list(products)
    attach_labels(product.card_stockrecord.partner.shop for product in products if product.card_stockrecord is not None)
    return products
