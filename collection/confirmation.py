"""What the customer's confirmation shows of their orders collected at a point: the place, the
window and the one collection code (with its QR code) for all their orders there."""

from __future__ import annotations

from dataclasses import dataclass

import segno
from django.utils.translation import gettext as _

from .models import CollectionBooking, CollectionOrder


@dataclass
class CollectionSummary:
    booking: CollectionBooking
    order_numbers: list
    qr_svg: str

    @property
    def point(self):
        return self.booking.occurrence.session.point


def collection_qr_svg(booking: CollectionBooking) -> str:
    """The collection code as an SVG QR code, for the host to read (no user input in it)."""
    return segno.make(f"ECHOPPE-RETRAIT:{booking.code}", error="m").svg_inline(scale=4, title=_("Collection code"))


def collections_of_orders(orders) -> list[CollectionSummary]:
    """One summary per booking among ``orders`` (one query)."""
    links = CollectionOrder.objects.filter(order__in=[order.pk for order in orders]).select_related(
        "booking__occurrence__session__point__commune", "order"
    ).order_by("booking_id", "order__number")
    summaries: dict[int, CollectionSummary] = {}
    for link in links:
        summary = summaries.get(link.booking_id)
        if summary is None:
            summary = summaries[link.booking_id] = CollectionSummary(link.booking, [], collection_qr_svg(link.booking))
        summary.order_numbers.append(link.order.number)
    return list(summaries.values())
