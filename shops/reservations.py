"""Holding stock and pickup slots for an order, safely under concurrency.

Both run inside the caller's transaction and lock the rows they change, always in the same order
(stock records by id, then slots by time), so concurrent checkouts queue instead of deadlocking;
database constraints refuse over-allocation even if a path forgets the lock.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .fulfilment import PickupSlotLoad
from .signals import stock_levels_changed

StockRecord = get_model("partner", "StockRecord")


class ReservationRefused(Exception):
    """What cannot be held, said for the customer."""


@dataclass(frozen=True)
class StockRequest:
    stockrecord_id: int
    quantity: int


def allocate_stock(requests: list[StockRequest]) -> None:
    """Allocate every request or none (the caller's transaction rolls back on ReservationRefused)."""
    wanted: dict[int, int] = {}
    for request in requests:
        if request.quantity <= 0:
            raise ValueError("A quantity is positive")
        wanted[request.stockrecord_id] = wanted.get(request.stockrecord_id, 0) + request.quantity
    records = (
        StockRecord.objects.select_for_update(of=("self",))
        .select_related("product__product_class", "product__parent__product_class")
        .filter(pk__in=wanted)
        .order_by("pk")
    )
    records = list(records)
    if len(records) != len(wanted):
        raise ReservationRefused(_("A product of your basket is no longer sold."))
    tracked = []
    for record in records:
        if not record.can_track_allocations:
            continue
        available = (record.num_in_stock or 0) - (record.num_allocated or 0)
        if wanted[record.pk] > available:
            raise ReservationRefused(
                _("Only %(available)d left of “%(product)s”.") % {"available": max(available, 0), "product": record.product.get_title()}
                if available > 0
                else _("“%(product)s” is out of stock.") % {"product": record.product.get_title()}
            )
        tracked.append(record.pk)
    if tracked:
        # One UPDATE for every record, whatever the basket's size.
        StockRecord.objects.filter(pk__in=tracked).update(
            num_allocated=Coalesce(F("num_allocated"), 0)
            + Case(*(When(pk=pk, then=Value(wanted[pk])) for pk in tracked), output_field=IntegerField())
        )
        # A product may just have sold out: its search document follows after the commit.
        stock_levels_changed.send(sender=StockRecord, product_ids=[record.product_id for record in records if record.pk in tracked])


def release_stock(requests: list[StockRequest]) -> None:
    """Give back what an order that will not be fulfilled had allocated."""
    for request in sorted(requests, key=lambda request: request.stockrecord_id):
        StockRecord.objects.filter(pk=request.stockrecord_id, num_allocated__gte=request.quantity).update(
            num_allocated=F("num_allocated") - request.quantity
        )
    stock_levels_changed.send(
        sender=StockRecord, product_ids=list(StockRecord.objects.filter(pk__in=[request.stockrecord_id for request in requests]).values_list("product_id", flat=True))
    )


def book_pickup_slot(shop_id: int, starts_at: datetime.datetime, capacity: int) -> None:
    """Take one place in the slot, or ReservationRefused if it is full."""
    try:
        with transaction.atomic():
            PickupSlotLoad.objects.get_or_create(shop_id=shop_id, starts_at=starts_at, defaults={"capacity": capacity})
    except IntegrityError:
        pass  # Created by a concurrent booking meanwhile: it exists, which is all we need.
    slot = PickupSlotLoad.objects.select_for_update().get(shop_id=shop_id, starts_at=starts_at)
    # The artisan may have changed the capacity since the row was created: the current one applies.
    if slot.booked >= capacity:
        raise ReservationRefused(_("This pickup slot has just been filled: please choose another one."))
    PickupSlotLoad.objects.filter(pk=slot.pk).update(booked=F("booked") + 1, capacity=max(capacity, slot.booked + 1))


def release_pickup_slot(shop_id: int, starts_at: datetime.datetime) -> None:
    PickupSlotLoad.objects.filter(shop_id=shop_id, starts_at=starts_at, booked__gt=0).update(booked=F("booked") - 1)
