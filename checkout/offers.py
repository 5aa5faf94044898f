"""What each shop of a basket offers to get its part, shown in the basket before checkout.

For every shop: click-and-collect with its next free slot, and local delivery with its fee, its
minimum order (met or not, and what is missing), the amount above which it is free (and what is
missing to get there) and its next delivery day. The same rules as placement.py applies when the
order is placed (slots from shops/slots.py, fees from shops/delivery.py), computed here without an
address: a fee that depends on the distance is given as a range.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from shops.fulfilment import PickupSlotLoad
from shops.models import Shop
from shops.slots import PickupSlot, pickup_slots

from .placement import lead_days_of

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PickupOffer:
    next_slot: PickupSlot | None  # None: no slot free in the shop's horizon
    place: str
    when: str = ""  # the next slot in words: « demain dès 8 h »


@dataclass(frozen=True)
class DeliveryOffer:
    fee: Decimal  # the lowest fee for this basket (0 when free)
    fee_max: Decimal  # the highest, when the fee depends on the distance; else the same as fee
    minimum_order: Decimal | None
    missing_for_minimum: Decimal  # 0 when the minimum is met (or there is none)
    free_above: Decimal | None
    missing_for_free: Decimal | None  # None when there is no threshold or it is reached
    next_day: datetime.date | None
    next_day_words: str = ""  # « demain », « jeudi 10 décembre »

    @property
    def minimum_met(self) -> bool:
        return self.missing_for_minimum == ZERO

    @property
    def is_free(self) -> bool:
        return self.fee_max == ZERO

    @property
    def depends_on_distance(self) -> bool:
        return self.fee != self.fee_max


@dataclass(frozen=True)
class ShopOffer:
    shop: Shop
    subtotal: Decimal
    pickup: PickupOffer | None
    delivery: DeliveryOffer | None

    @property
    def offers_nothing(self) -> bool:
        return self.pickup is None and self.delivery is None


def pickup_place(shop) -> str:
    """Where the customer collects: the option's address, or the shop's."""
    if shop is None:
        return ""
    option = getattr(shop, "click_and_collect", None)
    if option is not None and option.pickup_address:
        return option.pickup_address
    return f"{shop.address_line}, {shop.postcode} {shop.commune.name}".strip(", ")


def full_slots(shops, now: datetime.datetime) -> dict[int, set[datetime.datetime]]:
    """The coming pickup slots already holding as many orders as their shop takes, by shop; one query."""
    capacity = {
        shop.pk: shop.click_and_collect.capacity_per_slot
        for shop in shops if getattr(shop, "click_and_collect", None) is not None
    }
    full: dict[int, set] = {shop_id: set() for shop_id in capacity}
    loads = PickupSlotLoad.objects.filter(shop_id__in=capacity, starts_at__gte=now).values_list("shop_id", "starts_at", "booked")
    for shop_id, starts_at, booked in loads:
        if booked >= capacity[shop_id]:
            full[shop_id].add(starts_at)
    return full


def offered_pickup_slots(shop, lines, now: datetime.datetime, full: set) -> list[PickupSlot]:
    """The pickup slots a customer can choose for ``lines`` of ``shop``: the shop's, but the full ones."""
    option = shop.click_and_collect
    slots = pickup_slots(list(shop.opening_periods.all()), list(shop.closures.all()), option.slot_rules(lead_days_of(lines)), now)
    return [slot for slot in slots if slot.starts_at not in full]


def _delivery_offer(shop, lines, subtotal: Decimal, now) -> DeliveryOffer:
    option = shop.local_delivery
    pricing = option.pricing()
    missing_for_minimum = max(pricing.minimum_order - subtotal, ZERO) if pricing.minimum_order is not None else ZERO
    free = pricing.free_above is not None and subtotal >= pricing.free_above
    if free:
        fees = [ZERO]
    else:
        # The flat fee applies beyond the last band (and to every distance without bands).
        fees = [fee for _up_to, fee in pricing.distance_bands] + [pricing.flat_fee]
    days = option.delivery_dates(now, count=1, lead_days=lead_days_of(lines), closures=list(shop.closures.all()))
    return DeliveryOffer(
        fee=min(fees), fee_max=max(fees),
        minimum_order=pricing.minimum_order, missing_for_minimum=missing_for_minimum,
        free_above=pricing.free_above,
        missing_for_free=pricing.free_above - subtotal if pricing.free_above is not None and not free else None,
        next_day=days[0] if days else None,
        next_day_words=day_words(days[0], timezone.localdate(now)) if days else "",
    )


def shop_offers(parts: list[tuple[int, list, Decimal]], now: datetime.datetime, shops: dict | None = None,
                full: dict | None = None) -> dict[int, ShopOffer]:
    """For each (shop id, its basket lines, their subtotal including VAT): what the shop offers, by shop id.

    A shop that takes no order now is left out (the basket says so); a few queries whatever the
    number of shops. ``shops`` (by id, with their fulfilment options, opening periods and closures)
    and ``full`` (full_slots) when the caller has them already.
    """
    if shops is None:
        shops = Shop.objects.select_related("commune", "click_and_collect", "local_delivery").prefetch_related(
            "opening_periods", "closures"
        ).in_bulk([shop_id for shop_id, _lines, _subtotal in parts])
    if full is None:
        full = full_slots(shops.values(), now)
    offers = {}
    for shop_id, lines, subtotal in parts:
        shop = shops.get(shop_id)
        if shop is None or not shop.accepts_orders:
            continue
        collect = getattr(shop, "click_and_collect", None)
        delivery = getattr(shop, "local_delivery", None)
        pickup = None
        if collect is not None and collect.is_active:
            slots = offered_pickup_slots(shop, lines, now, full.get(shop_id, set()))
            pickup = PickupOffer(
                next_slot=slots[0] if slots else None, place=pickup_place(shop), when=slot_words(slots[0], now) if slots else "",
            )
        offers[shop_id] = ShopOffer(
            shop=shop, subtotal=subtotal, pickup=pickup,
            delivery=_delivery_offer(shop, lines, subtotal, now) if delivery is not None and delivery.is_active else None,
        )
    return offers


# --- Words for a moment, as a customer says them: « demain dès 8 h » ------------------------------

def clock(moment: datetime.time) -> str:
    """« 8 h », « 8 h 30 » in French; « 8:00 », « 8:30 » in English."""
    if moment.minute:
        return _("%(hour)s:%(minute)s") % {"hour": moment.hour, "minute": f"{moment.minute:02d}"}
    return _("%(hour)s:00") % {"hour": moment.hour}


def day_words(day: datetime.date, today: datetime.date) -> str:
    """« aujourd'hui », « demain », else « jeudi 10 décembre »."""
    if day == today:
        return _("today")
    if day == today + datetime.timedelta(days=1):
        return _("tomorrow")
    return formats.date_format(day, "l j F")


def slot_words(slot: PickupSlot, now: datetime.datetime) -> str:
    """« demain dès 8 h »: the day and the time a pickup slot opens, from ``now``."""
    starts = timezone.localtime(slot.starts_at)
    return _("%(day)s from %(time)s") % {"day": day_words(starts.date(), timezone.localtime(now).date()), "time": clock(starts.time())}


def moment_words(moment: datetime.datetime) -> str:
    """« samedi 5 décembre à 16 h 30 »."""
    local = timezone.localtime(moment)
    return _("%(day)s at %(time)s") % {"day": formats.date_format(local.date(), "l j F"), "time": clock(local.time())}
