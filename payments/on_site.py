"""Payment on pickup or on delivery ("paiement sur place"): the artisan records what they received.

Recorded the Oscar way, so that card payments later sit beside it: a payment Source of type
"Paiement sur place" for the order, debited by each payment received (the means in the
transaction's reference), and a "paid" PaymentEvent.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models, transaction
from django.db.models import Sum
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from checkout.order.notes import record_note

from .settlement import record_on_site_settlement

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

ON_SITE_SOURCE_CODE = "on-site"
PAID_EVENT_CODE = "paid"


class PaymentMeans(models.TextChoices):
    CASH = "cash", gettext_lazy("Cash")
    CARD = "card", gettext_lazy("Bank card")
    CHEQUE = "cheque", gettext_lazy("Cheque")


class PaymentRefused(Exception):
    """The payment cannot be recorded; the message says why."""


def amount_paid(order) -> Decimal:
    """What the order received (card, gift voucher, on site), less what was refunded of it."""
    sums = order.sources.aggregate(debited=Sum("amount_debited"), refunded=Sum("amount_refunded"))
    return ((sums["debited"] or Decimal("0.00")) - (sums["refunded"] or Decimal("0.00"))).quantize(Decimal("0.01"))


def amount_owed(order) -> Decimal:
    """What the order now costs: its total less its refunded (cancelled) lines."""
    cancelled = order.lines.filter(status="cancelled").aggregate(total=Sum("line_price_incl_tax"))["total"] or Decimal("0.00")
    return order.total_incl_tax - cancelled


def amount_due(order) -> Decimal:
    return max(amount_owed(order) - amount_paid(order), Decimal("0.00"))


def record_on_site_payment(order, amount: Decimal, means: str, actor=None) -> None:
    if means not in PaymentMeans.values:
        raise PaymentRefused(_("Choose how the customer paid."))
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status == "cancelled":
            raise PaymentRefused(_("This order is cancelled: no payment can be recorded."))
        due = amount_due(locked)
        if amount <= 0 or amount > due:
            raise PaymentRefused(
                _("The amount must be more than 0 and at most what is due (%(due)s €).") % {"due": number_format(due, 2)}
            )
        source_type, _created = SourceType.objects.get_or_create(code=ON_SITE_SOURCE_CODE, defaults={"name": "Paiement sur place"})
        source, _created = Source.objects.get_or_create(
            order=locked, source_type=source_type,
            defaults={"currency": locked.currency, "amount_allocated": locked.total_incl_tax},
        )
        source.debit(amount, reference=means)
        event_type, _created = PaymentEventType.objects.get_or_create(code=PAID_EVENT_CODE, defaults={"name": "Payé"})
        event = PaymentEvent.objects.create(order=locked, amount=amount, reference=means, event_type=event_type)
        record_on_site_settlement(locked, amount, str(PaymentMeans(means).label), key=f"order-{locked.number}-on-site-{event.pk}", actor=actor)
        record_note(
            locked, actor,
            _("Paid on site: %(amount)s € (%(means)s)") % {"amount": number_format(amount, 2), "means": PaymentMeans(means).label},
        )
