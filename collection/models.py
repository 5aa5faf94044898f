"""Shared collection points: one place and one time window to collect orders from several shops.

The chamber manages the points (a host: market stall, café, tourist office, its own office, lockers)
and their recurring sessions; shops choose which sessions they serve; a customer books one window
(an occurrence of a session on a date) and gets one collection code covering all their orders there;
the host checks in each shop's drop-off and hands everything over at once.

Rules that matter are database constraints too: a window never holds more customers than its
capacity, one booking (one code) per customer per window, one host account for one point, an order
handed over only once dropped off.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from shops.models import Weekday


class HostKind(models.TextChoices):
    MARKET_STALL = "market_stall", _("Market stall")
    CAFE = "cafe", _("Café")
    TOURIST_OFFICE = "tourist_office", _("Tourist office")
    CHAMBER_OFFICE = "chamber_office", _("Chamber office")
    LOCKERS = "lockers", _("Lockers")


class CollectionPointQuerySet(models.QuerySet):
    def active(self) -> CollectionPointQuerySet:
        return self.filter(is_active=True)

    def hosted_by(self, user) -> CollectionPointQuerySet:
        """The point this user hosts (none for anybody else): every host screen starts here."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(hosts__user=user)


class CollectionPoint(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    host_kind = models.CharField(_("kind of host"), max_length=20, choices=HostKind.choices)
    host_name = models.CharField(_("host"), max_length=120, help_text=_("Who keeps the orders: the café, the stallholder…"))
    address_line = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=5)
    commune = models.ForeignKey("geography.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    latitude = models.FloatField(_("latitude"), validators=[MinValueValidator(-90), MaxValueValidator(90)])
    longitude = models.FloatField(_("longitude"), validators=[MinValueValidator(-180), MaxValueValidator(180)])
    capacity_per_window = models.PositiveSmallIntegerField(
        _("customers per window"), default=30, validators=[MinValueValidator(1), MaxValueValidator(500)],
        help_text=_("How many customers can collect during one session."),
    )
    has_cold_storage = models.BooleanField(_("cold storage"), default=False, help_text=_("Perishable goods only go to points that keep them cold."))
    instructions = models.TextField(_("instructions for customers"), max_length=2000, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("open to orders"), default=True)

    objects = CollectionPointQuerySet.as_manager()

    class Meta:
        verbose_name = _("collection point")
        verbose_name_plural = _("collection points")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity_per_window__gte=1, capacity_per_window__lte=500), name="collection_point_capacity_bounded"),
            models.CheckConstraint(condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180), name="collection_point_on_earth"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def full_address(self) -> str:
        return f"{self.address_line}, {self.postcode} {self.commune.name}"


class PointOpeningPeriod(models.Model):
    """When the host is there: a session must fit inside one of these."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_at__gt=models.F("opens_at")), name="point_period_closes_after_opening"),
            models.CheckConstraint(condition=models.Q(weekday__gte=0, weekday__lte=6), name="point_period_weekday_known"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class PointClosure(models.Model):
    """Days the point is closed (a market cancelled, holidays): no session then."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to (included)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exceptional closure")
        verbose_name_plural = _("exceptional closures")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_day__gte=models.F("first_day")), name="point_closure_ends_after_it_starts"),
        ]


class PointHost(models.Model):
    """A user who runs a point's back-office. One point per host account: a host sees only theirs."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="hosts", verbose_name=_("collection point"))
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collection_host", verbose_name=_("user"))

    class Meta:
        verbose_name = _("host")
        verbose_name_plural = _("hosts")

    def __str__(self) -> str:
        return f"{self.user} @ {self.point}"


class CollectionSession(models.Model):
    """A recurring window at a point (every Saturday 9:00–12:00), read on the wall clock of Paris."""

    point = models.ForeignKey(CollectionPoint, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("collection point"))
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    # Orders close this many days before the session's day, at this time.
    cutoff_days_before = models.PositiveSmallIntegerField(_("orders close (days before)"), default=1, validators=[MaxValueValidator(14)])
    cutoff_time = models.TimeField(_("orders close at"))
    # Artisans bring their orders this many days before the session's day, by this time.
    dropoff_days_before = models.PositiveSmallIntegerField(_("drop-off (days before)"), default=0, validators=[MaxValueValidator(7)])
    dropoff_time = models.TimeField(_("drop-off by"))
    is_active = models.BooleanField(_("offered"), default=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["point", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_it_starts"),
            models.CheckConstraint(condition=models.Q(weekday__gte=0, weekday__lte=6), name="session_weekday_known"),
            models.CheckConstraint(condition=models.Q(cutoff_days_before__lte=14, dropoff_days_before__lte=7), name="session_deadlines_bounded"),
            # The same day, the drop-off is before the session starts, and orders close before the drop-off.
            models.CheckConstraint(
                condition=models.Q(dropoff_days_before__gt=0) | models.Q(dropoff_time__lte=models.F("starts_at")),
                name="session_dropoff_before_start",
            ),
            models.CheckConstraint(
                condition=models.Q(cutoff_days_before__gt=models.F("dropoff_days_before"))
                | models.Q(cutoff_days_before=models.F("dropoff_days_before"), cutoff_time__lte=models.F("dropoff_time")),
                name="session_cutoff_before_dropoff",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.point} — {self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class ShopSessionQuerySet(models.QuerySet):
    def for_user(self, user) -> ShopSessionQuerySet:
        if not user.is_authenticated:
            return self.none()
        return self.filter(shop__partner__users=user)


class ShopSession(models.Model):
    """A shop serves a session: its customers may collect there."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="collection_sessions")
    session = models.ForeignKey(CollectionSession, on_delete=models.CASCADE, related_name="shop_services")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ShopSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session served")
        verbose_name_plural = _("sessions served")
        constraints = [models.UniqueConstraint(fields=["shop", "session"], name="shop_serves_session_once")]


class SessionOccurrence(models.Model):
    """A session on one date: its window and how many customers booked it. Created at the first
    booking and locked for each one."""

    session = models.ForeignKey(CollectionSession, on_delete=models.PROTECT, related_name="occurrences")
    date = models.DateField(_("date"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    booked = models.PositiveSmallIntegerField(_("customers booked"), default=0)
    # The artisans were sent their drop-off list, the host the evening list (kept so each leaves once).
    dropoff_lists_sent_at = models.DateTimeField(null=True, blank=True)
    host_list_sent_at = models.DateTimeField(null=True, blank=True)
    reminders_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("session date")
        verbose_name_plural = _("session dates")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["session", "date"], name="session_occurrence_unique"),
            # Whatever the code path, a window never holds more customers than its capacity.
            models.CheckConstraint(condition=models.Q(booked__lte=models.F("capacity")), name="session_occurrence_within_capacity"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_occurrence_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.session} {self.date:%Y-%m-%d} {self.booked}/{self.capacity}"


class CollectionBookingQuerySet(models.QuerySet):
    def at_point_of(self, user) -> CollectionBookingQuerySet:
        """Bookings at the point this user hosts."""
        return self.filter(occurrence__session__point__in=CollectionPoint.objects.hosted_by(user))


class CollectionBooking(models.Model):
    """A customer's place in a window, with the one code that collects all their orders there."""

    occurrence = models.ForeignKey(SessionOccurrence, on_delete=models.PROTECT, related_name="bookings")
    customer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="collection_bookings")
    code = models.CharField(_("collection code"), max_length=8, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Every order of the booking cancelled: the place went back to the window.
    released_at = models.DateTimeField(null=True, blank=True)

    objects = CollectionBookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        constraints = [
            # One code per customer per window, whatever the number of checkouts.
            models.UniqueConstraint(fields=["occurrence", "customer"], name="one_booking_per_customer_per_window"),
        ]

    def __str__(self) -> str:
        return f"{self.code} ({self.occurrence})"


class CollectionOrder(models.Model):
    """A shop order collected at a point: its booking, its drop-off by the artisan and its hand-over."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="collection", verbose_name=_("order"))
    booking = models.ForeignKey(CollectionBooking, on_delete=models.PROTECT, related_name="orders")
    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="collection_orders")
    dropped_off_at = models.DateTimeField(_("dropped off"), null=True, blank=True)
    dropped_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    handed_over_at = models.DateTimeField(_("handed over"), null=True, blank=True)
    handed_over_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("order at a collection point")
        verbose_name_plural = _("orders at collection points")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handed_over_at__isnull=True) | models.Q(dropped_off_at__isnull=False),
                name="collection_order_handed_over_after_dropoff",
            ),
        ]


class ArtisanMessage(models.Model):
    """What the host tells the artisans of a session (« stall moved to the fountain »), e-mailed once."""

    occurrence = models.ForeignKey(SessionOccurrence, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    text = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message to the artisans")
        verbose_name_plural = _("messages to the artisans")
        ordering = ["-created_at"]
