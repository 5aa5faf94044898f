"""Which orders an artisan may see: those whose every line is theirs.

The checkout places one order per shop, so this is all of a shop's orders; an order mixing shops
(placed some other way) is hidden from every artisan rather than shown in part.
"""

from django.db.models import Exists, OuterRef, Q
from oscar.core.loading import get_model

Line = get_model("order", "Line")


def orders_wholly_of(orders, partner_condition: Q):
    """``orders`` narrowed to those with a line matching ``partner_condition`` and none that does not."""
    theirs = Line.objects.filter(partner_condition, order=OuterRef("pk"))
    someone_elses = Line.objects.filter(order=OuterRef("pk")).exclude(partner_condition)
    return orders.filter(Exists(theirs)).exclude(Exists(someone_elses))


# An order waiting for its card payment is not the artisan's to prepare yet: it may never be paid.
UNCONFIRMED = "pending_payment"


def orders_of_shop(orders, shop):
    return orders_wholly_of(orders, Q(partner_id=shop.pk)).exclude(status=UNCONFIRMED)


def orders_of_user(orders, user):
    return orders if user.is_staff else orders_wholly_of(orders, Q(partner__users=user)).exclude(status=UNCONFIRMED)
