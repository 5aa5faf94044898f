"""The collection windows a basket's shops can bring their orders to, fetched in a few queries.

Used by the checkout's form (what to offer), by the placement (is the chosen window still offered
to this shop) and by the public pages (next sessions of a point and who serves them).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import CollectionPoint, CollectionSession, SessionOccurrence, ShopSession
from .offers import Occurrence, ability_of, shop_refusal, upcoming_occurrences


@dataclass
class BasketWindow:
    """A window (a session on a date) and, among the basket's shops, who brings their part there."""

    occurrence: Occurrence
    point: CollectionPoint
    serving: list = field(default_factory=list)  # shops
    refusals: dict = field(default_factory=dict)  # shop id → why not (serves the session, cannot make it)
    is_full: bool = False

    @property
    def key(self) -> str:
        return self.occurrence.key

    def serves(self, shop_id: int) -> bool:
        return any(shop.pk == shop_id for shop in self.serving)


def sessions_with_points(session_ids=None):
    """Active sessions of active points, with what offering them reads."""
    sessions = CollectionSession.objects.filter(is_active=True, point__is_active=True).select_related("point__commune").prefetch_related(
        "point__opening_periods", "point__closures"
    )
    if session_ids is not None:
        sessions = sessions.filter(pk__in=session_ids)
    return sessions


def lines_need(lines) -> tuple[int, bool]:
    """The making days and whether something perishable is among a shop's lines."""
    lead_days = max((line.product.lead_time_days for line in lines if line.product.is_made_to_order), default=0)
    perishable = any(line.product.is_perishable or (line.product.parent_id and line.product.parent.is_perishable) for line in lines)
    return lead_days, perishable


def basket_windows(groups, now: datetime.datetime, customer=None, *, keep_unserved: bool = False) -> list[BasketWindow]:
    """The windows at least one of the basket's shops can bring its part to, soonest first (with
    ``keep_unserved``, also those none can, for their refusals).

    ``groups``: [(shop, lines)], shops with their opening_periods, closures and click_and_collect."""
    shops = {shop.pk: (shop, lines) for shop, lines in groups}
    served = list(ShopSession.objects.filter(shop_id__in=shops).values_list("session_id", "shop_id"))
    if not served:
        return []
    serving_ids: dict[int, list[int]] = {}
    for session_id, shop_id in served:
        serving_ids.setdefault(session_id, []).append(shop_id)
    windows = []
    for session in sessions_with_points(serving_ids):
        point = session.point
        for occurrence in upcoming_occurrences(session, list(point.opening_periods.all()), list(point.closures.all()), now):
            window = BasketWindow(occurrence, point)
            for shop_id in sorted(serving_ids[session.pk]):
                shop, lines = shops[shop_id]
                lead_days, perishable = lines_need(lines)
                reason = "" if shop.accepts_orders else "closed"
                reason = reason or shop_refusal(occurrence, ability_of(shop), now, lead_days=lead_days, perishable=perishable,
                                                cold_storage=point.has_cold_storage)
                if reason:
                    window.refusals[shop_id] = reason
                else:
                    window.serving.append(shop)
            if window.serving or keep_unserved:
                windows.append(window)
    _mark_full(windows, customer)
    return sorted(windows, key=lambda window: (window.occurrence.starts_at, window.point.name))


def _mark_full(windows: list[BasketWindow], customer) -> None:
    """A window whose places are all taken is full, unless this customer already holds one there."""
    if not windows:
        return
    rows = SessionOccurrence.objects.filter(
        session_id__in={window.occurrence.session.pk for window in windows}, date__in={window.occurrence.date for window in windows}
    )
    booked = {(row.session_id, row.date): row for row in rows}
    mine = set()
    if customer is not None and customer.is_authenticated:
        mine = set(rows.filter(bookings__customer=customer, bookings__released_at__isnull=True).values_list("session_id", "date"))
    for window in windows:
        key = (window.occurrence.session.pk, window.occurrence.date)
        row = booked.get(key)
        window.is_full = row is not None and key not in mine and row.booked >= window.point.capacity_per_window


def find_window(windows: list[BasketWindow], key: str) -> BasketWindow | None:
    return next((window for window in windows if window.key == key), None)


@dataclass
class PointSchedule:
    point: CollectionPoint
    next_windows: list  # [(Occurrence, [shop, …])]
    shops: list


def public_points(now: datetime.datetime, horizon_days: int = 14) -> list[PointSchedule]:
    """Every active point with its next dates and the public shops serving each session."""
    from shops.models import Shop

    points = CollectionPoint.objects.active().select_related("commune").prefetch_related(
        "opening_periods", "closures",
        Prefetch("sessions", queryset=CollectionSession.objects.filter(is_active=True).prefetch_related(
            Prefetch("shop_services", queryset=ShopSession.objects.filter(shop__in=Shop.objects.visible()).select_related("shop__partner", "shop__commune"))
        )),
    )
    schedules = []
    for point in points:
        windows, shops = [], {}
        for session in point.sessions.all():
            session_shops = [service.shop for service in session.shop_services.all()]
            for shop in session_shops:
                shops[shop.pk] = shop
            for occurrence in upcoming_occurrences(session, list(point.opening_periods.all()), list(point.closures.all()), now, horizon_days):
                windows.append((occurrence, session_shops))
        windows.sort(key=lambda pair: pair[0].starts_at)
        schedules.append(PointSchedule(point, windows[:4], sorted(shops.values(), key=lambda shop: shop.name)))
    return schedules
