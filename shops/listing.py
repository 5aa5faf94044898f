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

from django.db import models
from django.utils import timezone
from oscar.core.loading import get_model

from .models import ClickAndCollectOption, LocalDeliveryOption, OpeningPeriod, Shop, ShopStatus

StockRecord = get_model("partner", "StockRecord")

# The checklist's items (shops.checklist) that a shop cannot sell without.
ESSENTIAL_ITEMS = ("hours", "fulfilment", "payments", "first_product")


def _stripe_account_ready():
    from payments.models import StripeAccount

    return models.Exists(
        StripeAccount.objects.filter(shop=models.OuterRef("pk"), charges_enabled=True, payouts_enabled=True)
    )


def with_essentials(shops: models.QuerySet) -> models.QuerySet:
    """Annotates each shop with one boolean per essential, in the same query."""
    shop = models.OuterRef("pk")
    return shops.annotate(
        has_hours=models.Exists(OpeningPeriod.objects.filter(shop=shop)),
        has_fulfilment=models.Exists(ClickAndCollectOption.objects.filter(shop=shop, is_active=True))
        | models.Exists(LocalDeliveryOption.objects.filter(shop=shop, is_active=True)),
        has_payments=models.Q(accepts_payment_on_site=True) | _stripe_account_ready(),
        has_first_product=models.Exists(StockRecord.objects.filter(partner_id=shop, product__is_public=True)),
    )


def essentials_q() -> models.Q:
    """On a queryset annotated by ``with_essentials``: the shops that have them all."""
    return models.Q(has_hours=True, has_fulfilment=True, has_payments=True, has_first_product=True)


def list_shops_that_can_sell(shop_ids: Iterable[int]) -> list[int]:
    """Lists the approved, not yet listed shops among ``shop_ids`` that now have the essentials.

    Cheap for a listed shop (the first filter leaves nothing to annotate), so the receivers call it
    after every change that could complete a shop. Returns the ids listed now.
    """
    shop_ids = {int(shop_id) for shop_id in shop_ids if shop_id is not None}
    if not shop_ids:
        return []
    waiting = Shop.objects.filter(pk__in=shop_ids, status=ShopStatus.APPROVED, listed_at__isnull=True)
    ready = list(with_essentials(waiting).filter(essentials_q()).values_list("pk", flat=True))
    if ready:
        # update(): a conditional write, safe against a concurrent suspension, and no save() signal loop.
        Shop.objects.filter(pk__in=ready, status=ShopStatus.APPROVED, listed_at__isnull=True).update(listed_at=timezone.now())
        from search.indexing import schedule_shops

        schedule_shops(ready)
    return ready
