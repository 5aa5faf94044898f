"""A customer's place in a window, safely under concurrency.

Runs inside the checkout's transaction: the window's row is created if needed, then locked, so two
customers taking the last place queue on it and the second is refused; the CHECK constraint
``session_occurrence_within_capacity`` refuses an overbooking whatever path forgets the lock. A
customer who already booked the window keeps their booking (and code) for their new orders.
"""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from shops.reservations import ReservationRefused

from .models import CollectionBooking, CollectionOrder, SessionOccurrence
from .offers import Occurrence

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # read aloud at a market stall: no 0/O, 1/I/L
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def locked_occurrence(occurrence: Occurrence) -> SessionOccurrence:
    """The window's row, created at its first booking, locked until the caller's transaction ends."""
    session = occurrence.session
    try:
        with transaction.atomic():
            SessionOccurrence.objects.get_or_create(
                session_id=session.pk, date=occurrence.date,
                defaults={"starts_at": occurrence.starts_at, "ends_at": occurrence.ends_at, "capacity": session.point.capacity_per_window},
            )
    except IntegrityError:
        pass  # created by a concurrent booking meanwhile: it exists, which is all we need
    return SessionOccurrence.objects.select_for_update().get(session_id=session.pk, date=occurrence.date)


def book_window(occurrence: Occurrence, customer) -> CollectionBooking:
    """The customer's booking of the window (their existing one, or a new place), or ReservationRefused."""
    row = locked_occurrence(occurrence)
    booking = CollectionBooking.objects.filter(occurrence=row, customer=customer).first()
    if booking is not None and booking.released_at is None:
        return booking
    capacity = occurrence.session.point.capacity_per_window
    if row.booked >= capacity:
        raise ReservationRefused(_("This collection window has just been filled: please choose another session."))
    # The chamber may have changed the capacity since the row was created: the current one applies.
    SessionOccurrence.objects.filter(pk=row.pk).update(booked=F("booked") + 1, capacity=max(capacity, row.booked + 1))
    if booking is not None:
        booking.released_at = None
        booking.save(update_fields=["released_at"])
        return booking
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return CollectionBooking.objects.create(occurrence=row, customer=customer, code=new_code())
        except IntegrityError:
            continue  # the rare code already given: draw another
    raise ReservationRefused(_("No collection code could be given: please try again."))


def attach_order(booking: CollectionBooking, order, shop) -> CollectionOrder:
    return CollectionOrder.objects.create(booking=booking, order=order, shop=shop)


def release_for_cancelled_order(order) -> None:
    """An order at a point is cancelled (order locked by the lifecycle): when none of the booking's
    orders goes on, the customer's place goes back to the window."""
    from checkout.order.models import OrderStatus

    link = CollectionOrder.objects.filter(order=order).select_related("booking").first()
    if link is None or link.booking.released_at is not None:
        return
    booking = CollectionBooking.objects.select_for_update().get(pk=link.booking_id)
    still_going = booking.orders.exclude(order=order).exclude(order__status=OrderStatus.CANCELLED).exists()
    if still_going:
        return
    SessionOccurrence.objects.filter(pk=booking.occurrence_id, booked__gt=0).update(booked=F("booked") - 1)
    booking.released_at = timezone.now()
    booking.save(update_fields=["released_at"])
