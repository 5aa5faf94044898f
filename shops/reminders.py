"""The artisan's daily reminder e-mail: orders still waiting to be accepted, and the day's pickups and
deliveries. Sent at the hour the shop chose on its « Notifications » screen (shops.notification_settings),
once a day at most, and only when there is something to say."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from checkout.order.access import orders_of_shop
from checkout.order.models import OrderStatus
from marketplace.notifications import queue_email

from .models import Shop, ShopStatus
from .notification_settings import ShopNotificationSettings, reminder_recipients

Order = get_model("order", "Order")
PARIS = ZoneInfo("Europe/Paris")
# Orders of the day still to hand over (a collected, delivered or cancelled one needs nothing more).
STILL_TO_HAND_OVER = (OrderStatus.NEW, OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.OUT_FOR_DELIVERY)


@dataclass(frozen=True)
class Reminder:
    waiting: list[str]  # order numbers still to accept
    today: list[str]  # order numbers to hand over today

    @property
    def is_empty(self) -> bool:
        return not (self.waiting or self.today)


def reminder_for(shop, day: datetime.date) -> Reminder:
    orders = orders_of_shop(Order.objects.all(), shop)
    start = datetime.datetime.combine(day, datetime.time(0), tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    # Two queries, whatever the number of orders.
    waiting = list(orders.filter(status=OrderStatus.NEW).order_by("date_placed").values_list("number", flat=True))
    today = list(
        orders.filter(status__in=STILL_TO_HAND_OVER)
        .filter(Q(pickup_starts_at__gte=start, pickup_starts_at__lt=end) | Q(delivery_date=day))
        .order_by("pickup_starts_at", "number").values_list("number", flat=True)
    )
    return Reminder(waiting, today)


def shops_due(now: datetime.datetime):
    """Shops selling now whose reminder is on at this hour (Paris time)."""
    hour = timezone.localtime(now, PARIS).hour
    return (
        Shop.objects.filter(status=ShopStatus.APPROVED, notification_settings__reminder_email=True, notification_settings__reminder_hour=hour)
        .select_related("partner", "notification_settings")
    )


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Queue the reminders due at ``now``'s hour; the number of e-mails queued. The same day's
    reminder is never sent twice to an address, however often this runs."""
    now = now or timezone.now()
    day = timezone.localtime(now, PARIS).date()
    sent = 0
    for shop in shops_due(now):
        reminder = reminder_for(shop, day)
        if reminder.is_empty:
            continue
        for recipient in reminder_recipients(shop):
            queue_email(
                recipient=recipient, template="shop_daily_reminder",
                context={
                    "shop_name": shop.name, "waiting": reminder.waiting, "today": reminder.today,
                    "orders_url": f"{settings.SITE_URL}{reverse('artisan:orders')}",
                    "settings_url": f"{settings.SITE_URL}{reverse('artisan:notifications')}",
                },
                idempotency_key=f"shop-{shop.pk}-reminder-{day.isoformat()}-{hashlib.sha256(recipient.encode()).hexdigest()[:24]}",
            )
            sent += 1
    return sent


__all__ = ["Reminder", "ShopNotificationSettings", "reminder_for", "send_reminders", "shops_due"]
