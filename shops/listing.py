"""A shop goes public when it can sell.

Approval is the chamber's decision; an approved shop is listed (storefront open to all, shown in
search, on the home page and in the sitemaps) from the moment it has the essentials: opening hours,
a way to get the orders (click-and-collect or local delivery), a way to be paid, and a product on
sale. The logo and the story make a better shop but do not stop one from selling.

Listing is a latch (``Shop.listed_at``): once listed, a shop stays listed while approved, so that an
artisan rearranging their hours or catalogue does not make it blink in and out of the search. Only
the chamber's suspension takes it out; reinstated, it comes back as it was.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from .checklist import with_checklist
from .models import Shop, ShopStatus

# The checklist's items (shops.checklist) that a shop cannot sell without.
ESSENTIAL_ITEMS = ("hours", "fulfilment", "payments", "first_product")


def list_shops_that_can_sell(shop_ids: Iterable[int]) -> list[int]:
    """Lists the approved, not yet listed shops among ``shop_ids`` that now have the essentials.

    Cheap for a listed shop (the first filter leaves nothing to annotate), so the receivers call it
    after every change that could complete a shop. Returns the ids listed now.
    """
    shop_ids = {int(shop_id) for shop_id in shop_ids if shop_id is not None}
    if not shop_ids:
        return []
    waiting = Shop.objects.filter(pk__in=shop_ids, status=ShopStatus.APPROVED, listed_at__isnull=True)
    ready = list(with_checklist(waiting, ESSENTIAL_ITEMS).filter(checklist_complete=True).values_list("pk", flat=True))
    if ready:
        # update(): a conditional write, safe against a concurrent suspension, and no save() signal loop.
        Shop.objects.filter(pk__in=ready, status=ShopStatus.APPROVED, listed_at__isnull=True).update(listed_at=timezone.now())
        from search.indexing import schedule_shops

        schedule_shops(ready)
    return ready
