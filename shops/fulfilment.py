"""How an artisan's customers get their orders: click-and-collect and local delivery settings.

The rules themselves live in slots.py (pickup slots) and delivery.py (zone and fees); these models
hold each shop's settings and turn them into those rules.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .delivery import DeliveryPricing, DeliveryZone
from .hours import closure_on
from .slots import SlotRules, plannable

SLOT_LENGTH_CHOICES = [(15, _("15 minutes")), (30, _("30 minutes")), (60, _("1 hour")), (120, _("2 hours"))]
MORNING = (datetime.time(9, 0), datetime.time(12, 0))
AFTERNOON = (datetime.time(14, 0), datetime.time(18, 0))


class ClickAndCollectOption(models.Model):
    shop = models.OneToOneField("shops.Shop", on_delete=models.CASCADE, primary_key=True, related_name="click_and_collect")
    is_active = models.BooleanField(_("offer click-and-collect"), default=True)
    pickup_address = models.CharField(
        _("pickup address"), max_length=200, blank=True, help_text=_("Leave empty to use the shop's address.")
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length"), choices=SLOT_LENGTH_CHOICES, default=30)
    preparation_hours = models.PositiveSmallIntegerField(
        _("preparation time (hours)"), default=2, validators=[MaxValueValidator(72)],
        help_text=_("The earliest pickup comes this long after the order."),
    )
    same_day_cutoff = models.TimeField(
        _("same-day orders until"), null=True, blank=True,
        help_text=_("After this time, orders are for the next opening days. Empty: no limit."),
    )
    capacity_per_slot = models.PositiveSmallIntegerField(
        _("orders per slot"), default=5, validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    horizon_days = models.PositiveSmallIntegerField(
        _("days offered ahead"), default=14, validators=[MinValueValidator(1), MaxValueValidator(60)]
    )

    class Meta:
        verbose_name = _("click-and-collect")
        verbose_name_plural = _("click-and-collect")

    def __str__(self) -> str:
        return f"{self.shop_id} click-and-collect"

    def slot_rules(self, lead_days: int = 0) -> SlotRules:
        return SlotRules(
            slot_minutes=self.slot_minutes,
            preparation_hours=self.preparation_hours,
            lead_days=lead_days,
            same_day_cutoff=self.same_day_cutoff,
            horizon_days=self.horizon_days,
        )


def default_delivery_days() -> list[int]:
    return [1, 2, 3, 4, 5]  # Tuesday to Saturday


class LocalDeliveryOption(models.Model):
    shop = models.OneToOneField("shops.Shop", on_delete=models.CASCADE, primary_key=True, related_name="local_delivery")
    is_active = models.BooleanField(_("offer local delivery"), default=False)
    radius_km = models.DecimalField(
        _("radius (km)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("100"))],
        help_text=_("Around the shop. You can give postcodes instead, or as well."),
    )
    postcodes = models.JSONField(_("postcodes delivered"), default=list, blank=True)
    flat_fee = models.DecimalField(_("delivery fee (€)"), max_digits=7, decimal_places=2, default=Decimal("0.00"),
                                   validators=[MinValueValidator(Decimal("0"))])
    # [[up to km, fee], …] in increasing distance; beyond the last band the flat fee applies.
    distance_bands = models.JSONField(_("fees by distance"), default=list, blank=True)
    free_above = models.DecimalField(_("free delivery from (€)"), max_digits=8, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(Decimal("0.01"))])
    minimum_order = models.DecimalField(_("minimum order (€)"), max_digits=8, decimal_places=2, null=True, blank=True,
                                        validators=[MinValueValidator(Decimal("0.01"))])
    delivery_days = models.JSONField(_("delivery days"), default=default_delivery_days)
    cutoff_time = models.TimeField(
        _("orders for the next day until"), default=datetime.time(18, 0),
        help_text=_("An order placed later is delivered one day later."),
    )
    morning_window = models.BooleanField(_("morning (9:00–12:00)"), default=True)
    afternoon_window = models.BooleanField(_("afternoon (14:00–18:00)"), default=True)

    class Meta:
        verbose_name = _("local delivery")
        verbose_name_plural = _("local delivery")

    def __str__(self) -> str:
        return f"{self.shop_id} local delivery"

    def zone(self) -> DeliveryZone:
        return DeliveryZone(radius_km=self.radius_km, postcodes=frozenset(self.postcodes))

    def pricing(self) -> DeliveryPricing:
        return DeliveryPricing(
            flat_fee=self.flat_fee,
            distance_bands=tuple((Decimal(up_to), Decimal(fee)) for up_to, fee in self.distance_bands),
            free_above=self.free_above,
            minimum_order=self.minimum_order,
        )

    def windows(self) -> list[tuple[datetime.time, datetime.time]]:
        return [window for window, offered in ((MORNING, self.morning_window), (AFTERNOON, self.afternoon_window)) if offered]

    def delivery_dates(self, now: datetime.datetime, count: int = 7, lead_days: int = 0, closures=()) -> list[datetime.date]:
        """The next days a delivery can be chosen for: never the same day, one more past the cut-off,
        and none while the shop is closed (nor for a making time beyond the bounds)."""
        if not plannable(lead_days):
            return []
        local_now = now.astimezone(ZoneInfo(settings.TIME_ZONE))
        first = local_now.date() + datetime.timedelta(days=1 + (local_now.time() >= self.cutoff_time) + lead_days)
        dates, day = [], first
        while len(dates) < count and day <= first + datetime.timedelta(days=62):
            if day.weekday() in self.delivery_days and not closure_on(closures, day):
                dates.append(day)
            day += datetime.timedelta(days=1)
        return dates


class PickupSlotLoad(models.Model):
    """How many orders a shop's pickup slot holds; the row is locked to book it."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="pickup_slot_loads")
    starts_at = models.DateTimeField(_("slot start"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("orders booked"), default=0)

    class Meta:
        verbose_name = _("pickup slot")
        verbose_name_plural = _("pickup slots")
        constraints = [
            models.UniqueConstraint(fields=["shop", "starts_at"], name="pickup_slot_unique"),
            # Whatever the code path, a slot never holds more orders than its capacity.
            models.CheckConstraint(condition=models.Q(booked__lte=models.F("capacity")), name="pickup_slot_within_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.starts_at:%Y-%m-%d %H:%M} {self.booked}/{self.capacity}"
