"""Finding visible shops by text, trade, department and distance from a place."""

from __future__ import annotations

from dataclasses import dataclass

from geography.distance import GeoPoint

from .models import Shop, ShopQuerySet


@dataclass(frozen=True)
class ShopSearch:
    text: str = ""
    point: GeoPoint | None = None
    radius_km: float | None = None
    trade: str = ""
    department_code: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.point or self.trade or self.department_code)


def search_shops(search: ShopSearch) -> ShopQuerySet:
    """Visible shops matching ``search``: nearest first around a point, else by name."""
    shops = Shop.objects.visible().with_card_details()
    if search.text:
        shops = shops.matching(search.text)
    if search.trade:
        shops = shops.filter(trade=search.trade)
    if search.department_code:
        shops = shops.filter(commune__department_code=search.department_code)
    if search.point is None:
        return shops.order_by("partner__name", "pk")
    return shops.near(search.point, search.radius_km).order_by("distance_km", "pk")
