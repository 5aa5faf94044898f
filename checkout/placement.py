"""Placing a basket: one checkout, one Oscar order per shop, all or nothing.

Everything a customer chose is checked first (each shop takes orders, its fulfilment is offered, the
slot is still offered, the address is inside the zone, the minimum order is reached), and every
problem is reported at once, by shop. Then, in one transaction, the stock of every line and every
pickup slot are held under row locks (shops/reservations.py) and the orders are written; if anything
is refused meanwhile, nothing stays placed.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from oscar.apps.shipping.methods import FixedPrice, Free
from oscar.core import prices
from oscar.core.loading import get_class, get_model

from geography.distance import GeoPoint
from marketplace.notifications import queue_email
from payments.methods import accepted_methods
from payments.models import PaymentMethod
from shops.delivery import BelowMinimumOrder, check_address, delivery_fee
from shops.models import Shop
from shops.notification_settings import new_order_recipients
from shops.reservations import ReservationRefused, StockRequest, allocate_stock, book_pickup_slot
from shops.slots import pickup_slots

from .lifecycle import OrderStatus, confirm_payment, new_pickup_code
from .order.models import CheckoutGroup, CheckoutStatus, DeliveryWindow, Fulfilment

OrderCreator = get_class("order.utils", "OrderCreator")
ShippingAddress = get_model("order", "ShippingAddress")
Basket = get_model("basket", "Basket")
Country = get_model("address", "Country")

NUMBER_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class ShopChoice:
    fulfilment: str
    pickup_starts_at: datetime.datetime | None = None
    delivery_date: datetime.date | None = None
    delivery_window: str = ""
    payment: str = PaymentMethod.ON_SITE
    # Collected at a shared collection point: the window's key (« session id:date », collection.offers).
    collection_window: str = ""


@dataclass(frozen=True)
class DeliveryAddress:
    first_name: str
    last_name: str
    line1: str
    postcode: str
    commune: object  # geography.Commune, or None when the postcode is unknown
    phone: str = ""


class PlacementRefused(Exception):
    """Why the checkout cannot be placed, one message per problem, naming the shop or the item."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(" ".join(problems))


@dataclass
class ShopPlan:
    shop: Shop
    lines: list
    choice: ShopChoice
    subtotal: Decimal
    fee: Decimal = Decimal("0.00")
    pickup_ends_at: datetime.datetime | None = None
    collection_window: object = None  # collection.selection.BasketWindow, for a shop collected at a point

    @property
    def total(self) -> Decimal:
        return self.subtotal + self.fee


def plans_digest(plans: list[ShopPlan]) -> str:
    """A fingerprint of a summary: shops, choices, lines, prices, fees. Confirm checks it is unchanged."""
    summary = [
        [
            plan.shop.pk, plan.choice.fulfilment, str(plan.choice.pickup_starts_at), str(plan.choice.delivery_date),
            plan.choice.delivery_window, plan.choice.payment, plan.choice.collection_window, str(plan.fee), str(plan.total),
            [[line.pk, line.quantity, str(line.line_price_incl_tax_incl_discounts)] for line in plan.lines],
        ]
        for plan in sorted(plans, key=lambda plan: plan.shop.pk)
    ]
    return hashlib.sha256(json.dumps(summary).encode()).hexdigest()


def lines_by_shop(basket) -> dict[int, list]:
    grouped: dict[int, list] = defaultdict(list)
    for line in basket.all_lines():
        grouped[line.stockrecord.partner_id].append(line)
    return dict(grouped)


def lead_days_of(lines) -> int:
    return max((line.product.lead_time_days for line in lines if line.product.is_made_to_order), default=0)


def plan_checkout(basket, choices: dict[int, ShopChoice], address: DeliveryAddress | None, now: datetime.datetime) -> list[ShopPlan]:
    """Check every shop's part of the basket; PlacementRefused lists all that is wrong."""
    grouped = lines_by_shop(basket)
    if not grouped:
        raise PlacementRefused([_("Your basket is empty.")])
    if basket.vouchers.exists():
        # Vouchers are not shared out between shops yet: refuse rather than charge the wrong amounts.
        raise PlacementRefused([_("Vouchers are not accepted yet: remove it from your basket to order.")])
    shops = Shop.objects.select_related("partner", "click_and_collect", "local_delivery", "stripe_account").prefetch_related(
        "opening_periods", "closures"
    ).in_bulk(grouped)
    problems, plans = [], []
    windows = None  # the collection windows the basket's shops can bring their part to, read once if needed
    for shop_id, lines in grouped.items():
        shop = shops[shop_id]
        subtotal = sum((line.line_price_incl_tax_incl_discounts for line in lines), Decimal("0.00"))
        choice = choices.get(shop_id)
        if not shop.accepts_orders:
            problems.append(_("%(shop)s takes no order at the moment: remove its items to order the rest.") % {"shop": shop.name})
            continue
        unbuyable = [line for line in lines if not line.purchase_info.availability.is_available_to_buy or line.unit_price_incl_tax is None]
        if unbuyable:
            problems += [
                _("%(shop)s: “%(product)s” cannot be bought now (%(reason)s); remove it from your basket.")
                % {"shop": shop.name, "product": line.product.get_title(), "reason": line.purchase_info.availability.message}
                for line in unbuyable
            ]
            continue
        if choice is None:
            problems.append(_("%(shop)s: choose click-and-collect or delivery.") % {"shop": shop.name})
            continue
        plan = ShopPlan(shop, lines, choice, subtotal)
        if choice.fulfilment == Fulfilment.POINT and windows is None:
            from collection.selection import basket_windows

            windows = basket_windows([(shops[pk], shop_lines) for pk, shop_lines in grouped.items()], now, keep_unserved=True)
        problem = _check_payment(plan) or (
            _check_pickup(plan, now) if choice.fulfilment == Fulfilment.PICKUP
            else _check_point(plan, windows) if choice.fulfilment == Fulfilment.POINT
            else _check_delivery(plan, address, now)
        )
        if problem:
            problems.append(_("%(shop)s: %(problem)s") % {"shop": shop.name, "problem": problem})
        else:
            plans.append(plan)
    if problems:
        raise PlacementRefused(problems)
    return plans


def _check_payment(plan: ShopPlan) -> str:
    methods = accepted_methods(plan.shop)
    if not methods:
        return _("this shop cannot take payments yet: remove its items to order the rest.")
    if plan.choice.payment not in methods:
        return _("this shop does not accept this means of payment: choose another one.")
    return ""


def _check_pickup(plan: ShopPlan, now) -> str:
    option = getattr(plan.shop, "click_and_collect", None)
    if option is None or not option.is_active:
        return _("this shop does not offer click-and-collect.")
    offered = pickup_slots(
        list(plan.shop.opening_periods.all()), list(plan.shop.closures.all()), option.slot_rules(lead_days_of(plan.lines)), now
    )
    slot = next((slot for slot in offered if slot.starts_at == plan.choice.pickup_starts_at), None)
    if slot is None:
        return _("this pickup slot is no longer offered: choose another one.")
    plan.pickup_ends_at = slot.ends_at
    return ""


def _check_point(plan: ShopPlan, windows) -> str:
    """The shop still brings its part to the chosen collection window (collection.offers' rules)."""
    from collection.selection import find_window

    window = find_window(windows or [], plan.choice.collection_window)
    if window is not None and plan.shop.pk in window.refusals and window.refusals[plan.shop.pk] != "closed":
        return window.refusals[plan.shop.pk]
    if window is None or not window.serves(plan.shop.pk):
        return _("this collection session is not offered for this shop: choose another way to get its items.")
    plan.collection_window = window
    return ""


def _check_delivery(plan: ShopPlan, address: DeliveryAddress | None, now) -> str:
    option = getattr(plan.shop, "local_delivery", None)
    if option is None or not option.is_active:
        return _("this shop does not deliver.")
    if address is None:
        return _("give your delivery address.")
    eligibility = check_address(option.zone(), GeoPoint(plan.shop.latitude, plan.shop.longitude), address.commune, address.postcode)
    if not eligibility.is_eligible:
        return eligibility.reason
    offered_days = option.delivery_dates(now, count=14, lead_days=lead_days_of(plan.lines), closures=list(plan.shop.closures.all()))
    if plan.choice.delivery_date not in offered_days:
        return _("this delivery day is not offered: choose another one.")
    if plan.choice.delivery_window not in {
        value for value, offered in ((DeliveryWindow.MORNING, option.morning_window), (DeliveryWindow.AFTERNOON, option.afternoon_window)) if offered
    }:
        return _("this half-day is not offered: choose another one.")
    try:
        plan.fee = delivery_fee(option.pricing(), eligibility.distance_km, plan.subtotal)
    except BelowMinimumOrder as below:
        return str(below)
    return ""


def place_checkout(basket, user, email: str, choices, address: DeliveryAddress | None, terms_accepted: bool,
                   now: datetime.datetime | None = None, voucher=None) -> CheckoutGroup:
    """Place one order per shop for ``basket``, or none.

    Without a card payment the checkout is confirmed at once (the basket submitted, the e-mails sent).
    With one, the orders wait for it ("pending_payment"), holding their stock and slots until the
    payment deadline, and the basket is frozen: payments.card confirms them, or gives everything back.
    """
    now = now or timezone.now()
    if not terms_accepted:
        raise PlacementRefused([_("Accept the terms of sale to confirm your order.")])
    plans = plan_checkout(basket, choices, address, now)
    # A gift voucher pays part of some shops' orders (vouchers.spending); the card or the shop the rest.
    from vouchers.ledger import VoucherRefused
    from vouchers.spending import redeem_for_orders, shares_for

    try:
        shares = shares_for(voucher, plans, timezone.localdate(now))
    except VoucherRefused as refused:
        raise PlacementRefused([str(refused)]) from refused
    try:
        with transaction.atomic():
            # Two submissions of one basket (a double click, two tabs) queue here; the second finds it
            # submitted and stops.
            if Basket.objects.select_for_update().filter(pk=basket.pk, status=Basket.OPEN).first() is None:
                raise PlacementRefused([_("This basket has already been ordered.")])
            allocate_stock([StockRequest(line.stockrecord_id, line.quantity) for plan in plans for line in plan.lines])
            # A fixed order (time, then shop) so that concurrent checkouts lock slots alike and never deadlock.
            pickups = (p for p in plans if p.choice.fulfilment == Fulfilment.PICKUP)
            for plan in sorted(pickups, key=lambda p: (p.choice.pickup_starts_at, p.shop.pk)):
                book_pickup_slot(plan.shop.pk, plan.choice.pickup_starts_at, plan.shop.click_and_collect.capacity_per_slot)
            # Then the collection windows, by key: one place per customer per window, whatever the shops.
            bookings = _book_collection_windows(plans, user)
            online = sum((plan.total - shares.get(plan.shop.pk, Decimal("0.00")) for plan in plans if plan.choice.payment == PaymentMethod.CARD), Decimal("0.00"))
            group = CheckoutGroup.objects.create(
                number=f"{timezone.localdate(now):%y%m%d}-{get_random_string(6, NUMBER_ALPHABET)}",
                user=user if user and user.is_authenticated else None,
                email=email,
                total_incl_tax=sum((plan.total for plan in plans), Decimal("0.00")),
                terms_accepted_at=now,
                basket=basket,
                amount_online=online,
                status=CheckoutStatus.AWAITING_PAYMENT if online else CheckoutStatus.CONFIRMED,
                payment_deadline=now + datetime.timedelta(minutes=settings.PAYMENT_TIMEOUT_MINUTES) if online else None,
                confirmed_at=None if online else now,
            )
            status = OrderStatus.PENDING_PAYMENT if online else settings.OSCAR_INITIAL_ORDER_STATUS
            orders = [_create_shop_order(group, index, plan, basket, user, address, status) for index, plan in enumerate(plans, start=1)]
            if bookings:
                from collection.booking import attach_order

                for plan, order in zip(plans, orders):
                    if plan.collection_window is not None:
                        attach_order(bookings[plan.collection_window.key], order, plan.shop)
            if shares:
                # Inside the transaction: an order and its voucher debit commit together or not at all.
                redeem_for_orders(voucher, shares, {plan.shop.pk: (plan.shop, order) for plan, order in zip(plans, orders)}, user)
            if online:
                # Out of the customer's way while they pay; thawed again if the payment never comes.
                basket.freeze()
            else:
                basket.submit()
                transaction.on_commit(lambda: _queue_confirmation_emails(group, orders), robust=True)
    except (ReservationRefused, VoucherRefused) as refused:
        raise PlacementRefused([str(refused)]) from refused
    return group


def _book_collection_windows(plans: list[ShopPlan], user) -> dict:
    """The customer's booking of each collection window chosen (inside the placement's transaction)."""
    windows = {plan.collection_window.key: plan.collection_window for plan in plans if plan.collection_window is not None}
    if not windows:
        return {}
    if not (user and user.is_authenticated):
        raise ReservationRefused(_("Log in to collect at a collection point."))
    from collection.booking import book_window

    return {key: book_window(windows[key].occurrence, user) for key in sorted(windows)}


def confirm_paid_checkout(group: CheckoutGroup, now: datetime.datetime) -> list:
    """The card payment of ``group`` succeeded (group locked by the caller): its orders become new,
    the basket is submitted, the confirmations leave after commit. Returns the orders."""
    orders = list(group.orders.select_for_update().order_by("number"))
    for order in orders:
        confirm_payment(order)
    group.status, group.confirmed_at = CheckoutStatus.CONFIRMED, now
    group.save(update_fields=["status", "confirmed_at"])
    if group.basket_id:
        Basket.objects.filter(pk=group.basket_id).update(status=Basket.SUBMITTED, date_submitted=now)
    transaction.on_commit(lambda: _queue_confirmation_emails(group, orders), robust=True)
    return orders


def _create_shop_order(group: CheckoutGroup, index: int, plan: ShopPlan, basket, user, address: DeliveryAddress | None, status: str):
    creator = OrderCreator()
    incl_tax = plan.subtotal
    excl_tax = sum((line.line_price_excl_tax_incl_discounts for line in plan.lines), Decimal("0.00"))
    if plan.choice.fulfilment == Fulfilment.DELIVERY:
        # Delivery is taxed like the goods it carries: the goods' own ratio (1 for a VAT-exempt shop).
        fee_excl_tax = (plan.fee * excl_tax / incl_tax).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if incl_tax else plan.fee
        method = FixedPrice(charge_excl_tax=fee_excl_tax, charge_incl_tax=plan.fee)
        method.code, method.name = "local-delivery", str(Fulfilment.DELIVERY.label)
        shipping_address = ShippingAddress.objects.create(
            first_name=address.first_name, last_name=address.last_name, line1=address.line1,
            line4=address.commune.name, postcode=address.postcode, phone_number=address.phone or "",
            country=_france(),
        )
    elif plan.choice.fulfilment == Fulfilment.POINT:
        method = Free()
        method.code, method.name = "collection-point", str(Fulfilment.POINT.label)
        shipping_address = None
    else:
        method = Free()
        method.code, method.name = "click-and-collect", str(Fulfilment.PICKUP.label)
        shipping_address = None
    charge = method.calculate(basket)
    total = prices.Price(currency="EUR", excl_tax=excl_tax + charge.excl_tax, incl_tax=incl_tax + charge.incl_tax)
    order = creator.create_order_model(
        user, basket, shipping_address, method, charge, None, total, f"{group.number}-{index}",
        status,
        checkout_group=group,
        payment_method=plan.choice.payment,
        fulfilment=plan.choice.fulfilment,
        pickup_starts_at=(plan.choice.pickup_starts_at if plan.choice.fulfilment == Fulfilment.PICKUP
                          else plan.collection_window.occurrence.starts_at if plan.collection_window is not None else None),
        pickup_ends_at=plan.collection_window.occurrence.ends_at if plan.collection_window is not None else plan.pickup_ends_at,
        pickup_code=new_pickup_code(),
        delivery_date=plan.choice.delivery_date if plan.choice.fulfilment == Fulfilment.DELIVERY else None,
        delivery_window=plan.choice.delivery_window if plan.choice.fulfilment == Fulfilment.DELIVERY else "",
        guest_email="" if user and user.is_authenticated else group.email,
    )
    creator.create_shop_lines(order, plan.lines, plan.shop.partner)
    return order


def _france():
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="FR",
        defaults={"iso_3166_1_a3": "FRA", "iso_3166_1_numeric": "250", "printable_name": "France", "name": "France", "is_shipping_country": True},
    )
    return country


def _money(amount: Decimal) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return formats.number_format(amount, 2)


def _when(order) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if order.pickup_starts_at:
            from .offers import moment_words  # offers reads this module's lead times

            return moment_words(order.pickup_starts_at)
        if order.delivery_date:
            return f"{formats.date_format(order.delivery_date, 'l j F')}, {order.get_delivery_window_display()}"
    return ""


def _collection_words(order) -> dict:
    """For an order collected at a point: where, and the customer's collection code for all their orders there."""
    if order.fulfilment != Fulfilment.POINT:
        return {}
    link = getattr(order, "collection", None)
    if link is None:
        return {}
    point = link.booking.occurrence.session.point
    return {"collection_point": f"{point.name} — {point.address_line}, {point.postcode}", "collection_code": link.booking.code}


def _queue_confirmation_emails(group: CheckoutGroup, orders) -> None:
    summary = [
        {
            "number": order.number,
            "shop_name": order.lines.values_list("partner_name", flat=True).first(),
            "fulfilment": str(order.get_fulfilment_display()),
            "when": _when(order),
            "total": _money(order.total_incl_tax),
            "pickup_code": order.pickup_code if order.fulfilment == Fulfilment.PICKUP else "",
            **_collection_words(order),
        }
        for order in orders
    ]
    queue_email(
        recipient=group.email, template="checkout_confirmation",
        context={"checkout_number": group.number, "orders": summary, "total": _money(group.total_incl_tax)},
        idempotency_key=f"checkout-{group.number}-confirmation",
    )
    for order, line in ((order, order.lines.select_related("partner__shop__notification_settings").first()) for order in orders):
        # The shop's choice on its « Notifications » screen: on or off, the accounts' or another address.
        for recipient in new_order_recipients(line.partner.shop):
            queue_email(
                recipient=recipient, template="order_new_for_artisan",
                context={"order_number": order.number, "fulfilment": str(order.get_fulfilment_display()), "when": _when(order),
                         "total": _money(order.total_incl_tax)},
                idempotency_key=f"order-{order.number}-new-{recipient}",
            )
