"""What the home page puts forward.

Until the chamber curates its own selection, the placeholder rule is: one shop per department,
a different one each day, taken in a stable order so every shop gets its turn.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone
from oscar.core.loading import get_model

from shops.models import Shop

Product = get_model("catalogue", "Product")


def daily_shop_per_department(day: datetime.date | None = None) -> list[Shop]:
    day = day or timezone.localdate()
    shop_ids_by_department: dict[str, list[int]] = {}
    for shop_id, department_code in (
        Shop.objects.visible().order_by("pk").values_list("pk", "commune__department_code")
    ):
        shop_ids_by_department.setdefault(department_code, []).append(shop_id)
    chosen_ids = [ids[day.toordinal() % len(ids)] for ids in shop_ids_by_department.values()]
    shops = Shop.objects.filter(pk__in=chosen_ids).with_card_details()
    return sorted(shops, key=lambda shop: shop.commune.department_code)


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
    latest_of_shop = (
        Product.objects.filter(is_public=True, stockrecords__partner_id=OuterRef("pk"))
        .order_by("-date_created", "-pk")
        .values("pk")[:1]
    )
    chosen_ids = list(
        Shop.objects.visible()
        .order_by(F("approved_at").desc(nulls_last=True), "-pk")
        .annotate(latest_product_id=Subquery(latest_of_shop))
        .filter(latest_product_id__isnull=False)
        .values_list("latest_product_id", flat=True)[:limit]
    )
    products = Product.objects.filter(pk__in=chosen_ids).prefetch_related("images", "stockrecords__partner__shop")
    order = {product_id: position for position, product_id in enumerate(chosen_ids)}
    return sorted(products, key=lambda product: order[product.pk])
