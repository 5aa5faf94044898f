"""Each shop order's settlement with its artisan, and the ledger of every movement of its money.

A card payment is recorded the Oscar way (payment Source, Transaction, PaymentEvent) and as a
settlement: gross, the chamber's commission (the rule in force that day), the artisan's net, held
until the order is collected or delivered. Payments on site are recorded beside it: the artisan
already has the money; the ledger still shows the commission the chamber invoices.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .commission import CommissionRate, rate_for
from .methods import stripe_account_of
from .models import LedgerEntry, OrderSettlement, PaymentMethod, PayoutStatus

Source = get_model("payment", "Source")
SourceType = get_model("payment", "SourceType")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")

CARD_SOURCE_CODE = "stripe-card"
VOUCHER_SOURCE_CODE = "gift-voucher"
PAID_EVENT_CODE = "paid"
REFUNDED_EVENT_CODE = "refunded"


def source_type(code: str, name: str):
    found, _created = SourceType.objects.get_or_create(code=code, defaults={"name": name})
    return found


def event_type(code: str, name: str):
    found, _created = PaymentEventType.objects.get_or_create(code=code, defaults={"name": name})
    return found


def write_entry(order, kind: str, key: str, *, gross=Decimal("0.00"), commission=Decimal("0.00"), net=Decimal("0.00"),
                stripe_id: str = "", status: str = LedgerEntry.Status.SUCCEEDED, message: str = "", actor=None) -> LedgerEntry:
    """Write a movement once: a second call with the same key returns the first entry."""
    try:
        with transaction.atomic():
            return LedgerEntry.objects.create(
                order=order, kind=kind, idempotency_key=key, gross=gross, commission=commission, net=net,
                stripe_id=stripe_id, status=status, message=message[:300],
                actor=actor if actor is not None and actor.is_authenticated else None,
            )
    except IntegrityError:
        return LedgerEntry.objects.get(idempotency_key=key)


def shop_of(order):
    line = order.lines.select_related("partner__shop__stripe_account").first()
    return line.partner.shop


def record_card_payment(order, intent_id: str, charge_id: str) -> OrderSettlement:
    """The checkout's PaymentIntent succeeded: this order's share is paid by card (order locked)."""
    existing = OrderSettlement.objects.filter(order=order).first()
    if existing is not None:
        return existing
    shop = shop_of(order)
    account = stripe_account_of(shop)
    rate = rate_for(shop, timezone.localdate())
    # What a gift voucher paid of the order is not in the card charge (vouchers.spending).
    gross = order.total_incl_tax - voucher_paid(order)
    commission = rate.on(gross)
    settlement = OrderSettlement.objects.create(
        order=order, payment_method=PaymentMethod.CARD, destination_account=account.account_id if account else "",
        charge_id=charge_id, intent_id=intent_id, commission_percent=rate.percent, commission_fixed=rate.fixed,
        gross=gross, commission=commission, payout_status=PayoutStatus.HELD,
    )
    source = Source.objects.create(
        order=order, source_type=source_type(CARD_SOURCE_CODE, "Carte bancaire (Stripe)"), currency=order.currency,
        amount_allocated=gross, reference=intent_id,
    )
    source.debit(gross, reference=charge_id)
    PaymentEvent.objects.create(order=order, amount=gross, reference=intent_id, event_type=event_type(PAID_EVENT_CODE, "Payé"))
    write_entry(order, LedgerEntry.Kind.CARD_PAYMENT, f"order-{order.number}-card-payment",
                gross=gross, commission=commission, net=gross - commission, stripe_id=charge_id or intent_id)
    return settlement


def voucher_paid(order) -> Decimal:
    from vouchers.spending import paid_by_voucher

    return paid_by_voucher(order)


def record_voucher_payment(order, amount: Decimal, voucher) -> None:
    """A gift voucher paid ``amount`` of the order at checkout (inside the checkout's transaction): an
    Oscar payment source (so that what is due counts it as paid) and the artisan's ledger entry."""
    source, _created = Source.objects.get_or_create(
        order=order, source_type=source_type(VOUCHER_SOURCE_CODE, "Bon d'achat"),
        defaults={"currency": order.currency, "amount_allocated": amount, "reference": f"voucher-{voucher.pk}"},
    )
    source.debit(amount, reference=f"voucher-{voucher.pk}")
    PaymentEvent.objects.create(order=order, amount=amount, reference=f"voucher-{voucher.pk}", event_type=event_type(PAID_EVENT_CODE, "Payé"))
    write_entry(order, LedgerEntry.Kind.VOUCHER_PAYMENT, f"order-{order.number}-voucher-{voucher.pk}-payment",
                gross=amount, net=amount, message=voucher.programme.name)


def record_voucher_put_back(order, movement) -> None:
    """The order was cancelled: ``movement`` (a voucher refund) put its money back on the voucher."""
    source = order.sources.filter(source_type__code=VOUCHER_SOURCE_CODE).first()
    if source is not None:
        source.refund(movement.amount, reference=f"voucher-movement-{movement.pk}")
    PaymentEvent.objects.create(order=order, amount=movement.amount, reference=f"voucher-movement-{movement.pk}",
                                event_type=event_type(REFUNDED_EVENT_CODE, "Remboursé"))
    write_entry(order, LedgerEntry.Kind.VOUCHER_PAYMENT, f"order-{order.number}-voucher-movement-{movement.pk}-back",
                gross=-movement.amount, net=-movement.amount, message=_("Put back on the gift voucher"))


def record_on_site_settlement(order, amount: Decimal, means: str, key: str, actor=None) -> None:
    """The artisan received ``amount`` at pickup or delivery (order locked)."""
    settlement = OrderSettlement.objects.select_for_update().filter(order=order).first()
    if settlement is None:
        rate = rate_for(shop_of(order), timezone.localdate())
        settlement = OrderSettlement.objects.create(
            order=order, payment_method=PaymentMethod.ON_SITE, commission_percent=rate.percent, commission_fixed=rate.fixed,
            gross=Decimal("0.00"), commission=Decimal("0.00"), payout_status=PayoutStatus.ON_SITE,
        )
    rate = rate_of(settlement)
    gross = settlement.gross + amount
    commission = rate.on(gross)
    write_entry(order, LedgerEntry.Kind.ON_SITE_PAYMENT, key, gross=amount, commission=commission - settlement.commission,
                net=amount - (commission - settlement.commission), message=means, actor=actor)
    settlement.gross, settlement.commission = gross, commission
    settlement.save(update_fields=["gross", "commission", "updated_at"])


def rate_of(settlement: OrderSettlement) -> CommissionRate:
    """The commission rule the order was sold under: refunds recompute with it, not today's."""
    return CommissionRate(settlement.commission_percent, settlement.commission_fixed)
