"""Spending a voucher online, at checkout: what it may pay in each shop's order, shared out between
the shops (vouchers.allocation), debited per shop order inside the checkout's transaction (an order
and its voucher debit commit together or not at all), and put back when such an order is cancelled.

A voucher pays a participating shop's goods, except products filed under a category the programme
excludes (or under one of its subcategories), and at most a category's limit of the products of a
limited one; delivery fees are not paid by vouchers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import codes, ledger
from .allocation import CENT, allocate
from .models import ZERO, Movement, MovementKind, Voucher

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")


def _category_and_below(category) -> set[int]:
    return set(Category.objects.filter(path__startswith=category.path, depth__gte=category.depth).values_list("pk", flat=True))


def excluded_category_ids(programme) -> set[int]:
    """The programme's excluded categories and every category below them."""
    ids: set[int] = set()
    for category in programme.excluded_categories.all():
        ids.update(_category_and_below(category))
    return ids


@dataclass
class _Limit:
    category_ids: set[int]
    left: Decimal


def _limits(programme) -> list[_Limit]:
    return [_Limit(_category_and_below(limit.category), limit.max_amount)
            for limit in programme.category_limits.select_related("category")]


def _categories_by_product(lines) -> dict[int, set[int]]:
    """{product pk: its categories} for the basket's lines, in one query (a variant is filed under
    its parent's categories)."""
    owners = {line.product.pk: (line.product.parent_id if line.product.is_child and line.product.parent_id else line.product.pk)
              for line in lines}
    filed: dict[int, set[int]] = {}
    for product_id, category_id in Product.categories.through.objects.filter(product_id__in=set(owners.values())).values_list(
            "product_id", "category_id"):
        filed.setdefault(product_id, set()).add(category_id)
    return {product: filed.get(owner, set()) for product, owner in owners.items()}


def eligible_amounts(voucher: Voucher, plans) -> dict[int, Decimal]:
    """{shop pk: what the voucher may pay of that shop's part of the basket} (shops that take it only).

    Excluded categories pay nothing; a limited category pays at most its limit over the whole basket,
    counted shop after shop in the allocation's order (vouchers.allocation), so that what the voucher
    pays there can never exceed the limit."""
    programme = voucher.programme
    excluded = excluded_category_ids(programme)
    limits = _limits(programme)
    plans = sorted((plan for plan in plans if ledger.accepts(plan.shop, voucher)), key=lambda plan: plan.shop.pk)
    categories = _categories_by_product([line for plan in plans for line in plan.lines]) if (excluded or limits) else {}
    amounts = {}
    for plan in plans:
        amount = ZERO
        for line in plan.lines:
            price = line.line_price_incl_tax_incl_discounts or ZERO
            filed = categories.get(line.product.pk, set())
            if filed & excluded:
                continue
            binding = [limit for limit in limits if filed & limit.category_ids]
            if binding:
                price = min([price] + [limit.left for limit in binding])
                for limit in binding:
                    limit.left -= price
            amount += price
        if amount > 0:
            amounts[plan.shop.pk] = amount
    return amounts


def shares_for(voucher: Voucher | None, plans, today=None) -> dict[int, Decimal]:
    """{shop pk: what the voucher pays of that shop's order}; VoucherRefused when it cannot be spent."""
    if voucher is None:
        return {}
    refusal = ledger.spendable_refusal(voucher, today or timezone.localdate())
    if refusal:
        raise ledger.VoucherRefused(refusal)
    # Summed by the database (SQLite sums decimals as floats): back to cents first.
    shares = allocate(eligible_amounts(voucher, plans), voucher.balance().quantize(CENT))
    if not shares:
        raise ledger.VoucherRefused(_("This voucher cannot pay for anything in your basket: none of its shops or products takes it."))
    return shares


def voucher_for_checkout(user, typed: str = "", picked: str = "") -> Voucher | None:
    """The voucher the customer applies: one of theirs picked from the list, or a code typed (a gift
    voucher printed on paper is spent by whoever holds its code). None when neither is given;
    VoucherRefused when the code names no voucher."""
    if picked:
        voucher = Voucher.objects.for_user(user).select_related("programme").filter(pk=picked if str(picked).isdigit() else None).first()
        if voucher is None:
            raise ledger.VoucherRefused(_("Choose one of your vouchers."))
        return voucher
    if not (typed or "").strip():
        return None
    code = codes.normalise(typed)
    voucher = Voucher.objects.select_related("programme").filter(code=code).first() if code else None
    if voucher is None:
        raise ledger.VoucherRefused(_("No voucher has this code: check the 18 characters on your voucher."))
    return voucher


def spendable_vouchers(user):
    """The customer's vouchers with something left, to pick from at checkout."""
    return [voucher for voucher in Voucher.objects.for_user(user).filter(status="active").select_related("programme").with_balance()
            .order_by("expires_on", "pk") if voucher.balance_now > 0]


def redeem_for_orders(voucher: Voucher, shares: dict[int, Decimal], orders_by_shop: dict, actor=None) -> list:
    """Debit the voucher for each shop order (inside the checkout's transaction) and record the payment."""
    from payments.settlement import record_voucher_payment

    receipts = []
    for shop_pk in sorted(shares):
        shop, order = orders_by_shop[shop_pk]
        receipt = ledger.redeem(voucher, shares[shop_pk], shop, key=f"order-{order.number}-voucher-{voucher.pk}", order=order,
                                actor=actor if actor is not None and actor.is_authenticated else None)
        record_voucher_payment(order, shares[shop_pk], voucher)
        receipts.append(receipt)
    return receipts


def paid_by_voucher(order) -> Decimal:
    """What vouchers paid of ``order`` and still pay (redemptions less what was put back)."""
    total = Movement.objects.filter(order=order, kind__in=[MovementKind.REDEMPTION, MovementKind.REFUND]).aggregate(total=Sum("amount"))["total"]
    return -(total or ZERO).quantize(CENT)


def paid_by_voucher_of_orders(orders) -> dict:
    """{order pk: what vouchers still pay of it}, in one query, for the orders that have any."""
    rows = (Movement.objects.filter(order__in=[order.pk for order in orders], kind__in=[MovementKind.REDEMPTION, MovementKind.REFUND])
            .values("order").annotate(total=Sum("amount")))
    return {row["order"]: -row["total"].quantize(CENT) for row in rows if row["total"] and row["total"].quantize(CENT)}


def put_back_for_order(order, actor=None) -> list[Movement]:
    """The order is cancelled: what vouchers paid for it goes back on them (while they are valid)."""
    from payments.settlement import record_voucher_put_back

    back = []
    for redemption in Movement.objects.filter(order=order, kind=MovementKind.REDEMPTION).order_by("pk"):
        movement = ledger.put_back(redemption, -redemption.amount, key=f"order-{order.number}-voucher-back-{redemption.pk}",
                                   actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None)
        if movement is not None:
            record_voucher_put_back(order, movement)
            back.append(movement)
    return back


def put_back_part(order, amount: Decimal, *, key: str, actor=None) -> list[Movement]:
    """Some lines of the order are refunded: ``amount`` of what vouchers paid for it goes back on them."""
    from payments.settlement import record_voucher_put_back

    back = []
    left = amount
    for index, redemption in enumerate(Movement.objects.filter(order=order, kind=MovementKind.REDEMPTION).order_by("pk")):
        if left <= 0:
            break
        movement = ledger.put_back(redemption, left, key=f"{key}-{index}",
                                   actor=actor if actor is not None and getattr(actor, "is_authenticated", False) else None)
        if movement is not None:
            record_voucher_put_back(order, movement)
            left -= movement.amount
            back.append(movement)
    return back
