"""A shop's orders as a spreadsheet (the artisan's « Télécharger (CSV) »): one row per order, read in
one query whatever their number; names that would be formulas are neutralised by
marketplace.csv_export, which writes the file."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _


def header() -> list[str]:
    return [_("Order number"), _("Date of purchase"), _("Order status"), _("Customer email address"), _("Deliver to name"),
            _("Bill to name"), _("Collection or delivery"), _("When"), _("Order value")]


def _name(address) -> str:
    return address.name if address is not None else ""


def _when(order) -> str:
    if order.pickup_starts_at:
        return timezone.localtime(order.pickup_starts_at).strftime("%Y-%m-%d %H:%M")
    return order.delivery_date.isoformat() if order.delivery_date else ""


def rows(orders):
    for order in orders.select_related("shipping_address", "billing_address", "user").order_by("-date_placed", "-pk"):
        yield [
            order.number, timezone.localtime(order.date_placed).strftime("%Y-%m-%d %H:%M"), order.status_label, order.email,
            _name(order.shipping_address), _name(order.billing_address),
            order.get_fulfilment_display() if order.fulfilment else "", _when(order),
            order.total_incl_tax,
        ]
