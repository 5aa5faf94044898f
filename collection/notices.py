"""The collection points' e-mails, each sent once (an idempotency key per recipient and window, and
the window's sent-at marks): the customer's reminder the day before their session, each artisan's
drop-off list once orders are closed, and the host's list the evening before.

``send_due_notices`` is run every hour by Celery beat (collection.tasks); it only queues e-mails
(marketplace.notifications, sent after commit).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from checkout.order.models import OrderStatus
from marketplace.notifications import queue_email

from .hosting import artisan_addresses
from .models import CollectionOrder, SessionOccurrence
from .offers import occurrence_on, paris
from .words import window_words

REMINDER_AHEAD = datetime.timedelta(hours=24)
HOST_LIST_HOUR = 18  # the evening before, from this hour (Paris)
GONE = (OrderStatus.CANCELLED, OrderStatus.PENDING_PAYMENT)


def _live_links(occurrence):
    return (CollectionOrder.objects.filter(booking__occurrence=occurrence, booking__released_at__isnull=True)
            .exclude(order__status__in=GONE).select_related("order", "shop__partner", "booking__customer").order_by("order__number"))


def _customer_name(booking) -> str:
    return booking.customer.get_full_name() or booking.customer.email


def send_due_notices(now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    counts = {"reminders": 0, "dropoff_lists": 0, "host_lists": 0}
    upcoming = SessionOccurrence.objects.filter(starts_at__gt=now, starts_at__lte=now + datetime.timedelta(days=8)).select_related("session__point")
    for occurrence in upcoming:
        with transaction.atomic():
            row = SessionOccurrence.objects.select_for_update().get(pk=occurrence.pk)
            deadlines = occurrence_on(row.session, row.date)
            point = row.session.point
            context = {"point": point.name, "address": point.full_address, "when": window_words(row), "instructions": point.instructions}
            links = list(_live_links(row))
            if row.reminders_sent_at is None and now >= row.starts_at - REMINDER_AHEAD:
                counts["reminders"] += _send_reminders(row, links, context)
                row.reminders_sent_at = now
            if row.dropoff_lists_sent_at is None and now >= deadlines.cutoff_at:
                counts["dropoff_lists"] += _send_dropoff_lists(row, links, context, deadlines)
                row.dropoff_lists_sent_at = now
            evening = datetime.datetime.combine(row.date - datetime.timedelta(days=1), datetime.time(HOST_LIST_HOUR), tzinfo=paris())
            if row.host_list_sent_at is None and now >= evening:
                counts["host_lists"] += _send_host_lists(row, links, context)
                row.host_list_sent_at = now
            row.save(update_fields=["reminders_sent_at", "dropoff_lists_sent_at", "host_list_sent_at"])
    return counts


def _send_reminders(occurrence, links, context) -> int:
    by_booking: dict = {}
    for link in links:
        by_booking.setdefault(link.booking_id, (link.booking, []))[1].append(link.shop.name)
    for booking, shops in by_booking.values():
        queue_email(
            recipient=booking.customer.email, template="collection_reminder",
            context={**context, "code": booking.code, "shops": sorted(set(shops))},
            idempotency_key=f"collection-reminder-{booking.pk}",
        )
    return len(by_booking)


def _send_dropoff_lists(occurrence, links, context, deadlines) -> int:
    by_shop: dict = {}
    for link in links:
        by_shop.setdefault(link.shop_id, (link.shop, []))[1].append(
            {"number": link.order.number, "customer": _customer_name(link.booking)}
        )
    sent = 0
    dropoff = timezone.localtime(deadlines.dropoff_at)
    for shop, orders in by_shop.values():
        for recipient in artisan_addresses(shop):
            queue_email(
                recipient=recipient, template="collection_dropoff_list",
                context={**context, "orders": orders, "dropoff": f"{dropoff:%d/%m %H:%M}"},
                idempotency_key=f"collection-dropoff-{occurrence.pk}-{shop.pk}-{recipient}",
            )
            sent += 1
    return sent


def _send_host_lists(occurrence, links, context) -> int:
    customers: dict = {}
    for link in links:
        customers.setdefault(link.booking_id, {"name": _customer_name(link.booking), "orders": []})["orders"].append(
            f"{link.shop.name} ({link.order.number})"
        )
    sent = 0
    for host in occurrence.session.point.hosts.select_related("user"):
        if not host.user.email:
            continue
        queue_email(
            recipient=host.user.email, template="collection_host_list",
            context={**context, "customers": list(customers.values())},
            idempotency_key=f"collection-host-list-{occurrence.pk}-{host.user_id}",
        )
        sent += 1
    return sent
