"""What a price may be: the bounds every screen checks, and the database enforces on stock records.

A price is at least one cent (a product given away or sold at a loss is no sale the marketplace
takes part in) and at most 100,000 € (beyond, it is a typing error: an artisan's piece does not
cost more, and the order total must stay within its columns).
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

MINIMUM_PRICE = Decimal("0.01")
MAXIMUM_PRICE = Decimal("100000.00")

# A bulk change of prices by percentage: from −99 % (a price divided by 100) to +1,000 %.
MINIMUM_PERCENTAGE = Decimal("-99")
MAXIMUM_PERCENTAGE = Decimal("1000")


def euros(amount: Decimal) -> str:
    """« 11,20 € » in French, "11.20 €" in English."""
    return f"{number_format(amount, 2, use_l10n=True, force_grouping=True)}\u00a0€"


def price_problem(price: Decimal | None) -> str | None:
    """Why this price cannot be asked (translated), or None when it can. No price is not a problem:
    the product is then simply not for sale."""
    if price is None:
        return None
    if price < MINIMUM_PRICE:
        return _("A price is at least %(minimum)s.") % {"minimum": euros(MINIMUM_PRICE)}
    if price > MAXIMUM_PRICE:
        return _("A price is at most %(maximum)s.") % {"maximum": euros(MAXIMUM_PRICE)}
    return None


def validate_price(price: Decimal | None) -> None:
    """A form field's validator: the price bounds, said in the user's language."""
    problem = price_problem(price)
    if problem:
        raise ValidationError(problem, code="price_bounds")


def adjusted_price_problem(lowest: Decimal | None, highest: Decimal | None, *, amount: Decimal | None = None,
                           percentage: Decimal | None = None) -> str | None:
    """Why adding ``amount`` or ``percentage`` to prices between ``lowest`` and ``highest`` cannot
    be done, or None. The change is monotonic, so the two ends tell for every price between them.
    Unrounded results are judged: a price a rounding would bring back to one cent is refused too."""
    if lowest is None or highest is None:
        return None
    if percentage is not None:
        multiplier = 1 + percentage / 100
        new_lowest, new_highest = lowest * multiplier, highest * multiplier
    elif amount is not None:
        new_lowest, new_highest = lowest + amount, highest + amount
    else:
        return None
    if new_lowest < MINIMUM_PRICE:
        return _("This change would bring the price %(price)s to %(new_price)s: a price is at least %(minimum)s.") % {
            "price": euros(lowest), "new_price": euros(new_lowest), "minimum": euros(MINIMUM_PRICE),
        }
    if new_highest > MAXIMUM_PRICE:
        return _("This change would bring the price %(price)s to %(new_price)s: a price is at most %(maximum)s.") % {
            "price": euros(highest), "new_price": euros(new_highest), "maximum": euros(MAXIMUM_PRICE),
        }
    return None
