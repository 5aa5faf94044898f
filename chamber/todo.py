"""The chamber's day: what waits for its staff on /chambre/, each list counted and its first rows fetched
in a handful of queries, whatever the number of shops.

- applications waiting for a decision, oldest first;
- products the chamber hid (there is no report from customers yet: a hidden product is the one
  moderation case that waits, for the artisan's fix and the chamber's second look);
- labels whose grant ends in the next ``LABEL_EXPIRY_DAYS`` days;
- approved shops whose checklist (shops.checklist.shop_checklist) is still incomplete
  ``STUCK_AFTER_DAYS`` days after their approval.

shop_checklist judges one shop with a query per item; ``shops.checklist.with_checklist`` says the
same items as SQL, so that every approved shop is judged in one query (tests/integration/
test_chamber_home.py checks that both agree, item by item).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.models import LabelGrant
from shops.checklist import with_checklist
from shops.models import Shop, ShopStatus

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

FIRST_ITEMS = 5
LABEL_EXPIRY_DAYS = 30
STUCK_AFTER_DAYS = 7

# What each checklist item is called on the chamber's page (shop_checklist speaks to the artisan).
CHECKLIST_LABELS = {
    "logo": _("logo"),
    "story": _("story"),
    "hours": _("opening hours"),
    "fulfilment": _("collection or delivery"),
    "payments": _("payment means"),
    "first_product": _("first product"),
}


def missing_items(shop) -> list[str]:
    """The codes of a shop annotated by ``with_checklist`` whose item is not done, in the checklist's order."""
    return [code for code in CHECKLIST_LABELS if not getattr(shop, f"done_{code}", True)]


def applications_waiting() -> QuerySet:
    return Shop.objects.filter(status=ShopStatus.SUBMITTED).with_card_details().order_by("submitted_at", "pk")


def products_hidden() -> QuerySet:
    """Products the chamber hid, the most recently changed first, with the shop that sells them."""
    record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    return (
        Product.objects.filter(hidden_by_chamber=True)
        .annotate(shop_id=Subquery(record.values("partner_id")[:1]), shop_name=Subquery(record.values("partner__name")[:1]))
        .only("pk", "title", "moderation_reason", "date_updated")
        .order_by("-date_updated", "-pk")
    )


def labels_expiring(today: datetime.date) -> QuerySet:
    """Grants ending between today and ``LABEL_EXPIRY_DAYS`` days later, the soonest first."""
    return (
        LabelGrant.objects.filter(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=LABEL_EXPIRY_DAYS))
        .select_related("label", "shop__partner", "shop__commune")
        .order_by("expires_on", "pk")
    )


def shops_stuck(now: datetime.datetime) -> QuerySet:
    """Approved shops still missing a checklist item ``STUCK_AFTER_DAYS`` days after approval, the
    longest approved first."""
    approved = Shop.objects.filter(status=ShopStatus.APPROVED, approved_at__lte=now - datetime.timedelta(days=STUCK_AFTER_DAYS))
    return with_checklist(approved).filter(checklist_complete=False).with_card_details().order_by("approved_at", "pk")


@dataclass
class TodoSection:
    count: int
    items: list = field(default_factory=list)

    @property
    def more(self) -> int:
        return max(self.count - len(self.items), 0)


@dataclass
class ChamberDay:
    applications: TodoSection
    hidden_products: TodoSection
    expiring_labels: TodoSection
    stuck_shops: TodoSection

    @property
    def total(self) -> int:
        return self.applications.count + self.hidden_products.count + self.expiring_labels.count + self.stuck_shops.count


def _section(queryset: QuerySet, limit: int) -> TodoSection:
    items = list(queryset[:limit])
    # One query for the first rows; the count only when they do not already say it.
    count = len(items) if len(items) < limit else queryset.count()
    return TodoSection(count, items)


def chamber_day(now: datetime.datetime | None = None, limit: int = FIRST_ITEMS) -> ChamberDay:
    now = now or timezone.now()
    today = timezone.localdate(now)
    stuck = _section(shops_stuck(now), limit)
    for shop in stuck.items:
        shop.missing_labels = [CHECKLIST_LABELS[code] for code in missing_items(shop)]
    return ChamberDay(
        applications=_section(applications_waiting(), limit),
        hidden_products=_section(products_hidden(), limit),
        expiring_labels=_section(labels_expiring(today), limit),
        stuck_shops=stuck,
    )
