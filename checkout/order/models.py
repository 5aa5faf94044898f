from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.order.abstract_models import AbstractLine, AbstractOrder

from payments.models import PaymentMethod

from .status_guard import StatusGuardedMixin, StatusGuardedQuerySet


class OrderStatus(models.TextChoices):
    """A shop order's statuses; settings.OSCAR_ORDER_STATUS_PIPELINE says which may follow which."""

    PENDING_PAYMENT = "pending_payment", _("Awaiting payment")
    NEW = "new", _("New")
    ACCEPTED = "accepted", _("Accepted")
    READY = "ready", _("Ready for pickup")
    OUT_FOR_DELIVERY = "out_for_delivery", _("Out for delivery")
    SHIPPED = "shipped", _("Shipped")
    COLLECTED = "collected", _("Collected")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


class LineStatus(models.TextChoices):
    """An order line's statuses: it is ordered, or cancelled (with its order, or refunded alone)."""

    NEW = "new", pgettext_lazy("order line", "Ordered")
    CANCELLED = "cancelled", pgettext_lazy("order line", "Cancelled")


def status_label(status: str, choices=OrderStatus) -> str:
    """The words for a status code (the code itself if unknown, rather than nothing)."""
    return str(choices(status).label) if status in choices.values else status


class Fulfilment(models.TextChoices):
    PICKUP = "pickup", _("Click-and-collect")
    DELIVERY = "delivery", _("Local delivery")
    SHIPPING = "shipping", _("Shipping")
    # Collected at a shared collection point (collection/), with other shops' orders.
    POINT = "point", _("Collection point")


class DeliveryWindow(models.TextChoices):
    MORNING = "morning", _("Morning (9:00–12:00)")
    AFTERNOON = "afternoon", _("Afternoon (14:00–18:00)")


class CheckoutStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting card payment")
    ABANDONED = "abandoned", _("Payment not completed")


class CheckoutGroup(models.Model):
    """One checkout of a basket: a single confirmation (and payment) over one order per shop."""

    number = models.CharField(_("checkout number"), max_length=32, unique=True)
    # One basket is placed once: a second submission of the same basket cannot create a second checkout.
    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.SET_NULL, null=True, blank=True, related_name="checkout_group", verbose_name=_("basket")
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="checkouts")
    email = models.EmailField(_("e-mail"))
    total_incl_tax = models.DecimalField(_("total incl. VAT"), max_digits=12, decimal_places=2)
    terms_accepted_at = models.DateTimeField(_("terms of sale accepted"))
    created_at = models.DateTimeField(_("placed"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=CheckoutStatus.choices, default=CheckoutStatus.CONFIRMED)
    # The part paid by card now, in one payment; the rest is paid to the artisans on site.
    amount_online = models.DecimalField(_("paid online"), max_digits=12, decimal_places=2, default=0)
    # Until then the stock and pickup slots stay held for the card payment.
    payment_deadline = models.DateTimeField(_("pay before"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    class Meta:
        verbose_name = _("checkout")
        verbose_name_plural = _("checkouts")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.number


class Order(StatusGuardedMixin, AbstractOrder):
    """Forked for the shop order's fulfilment and payment; its status changes only in checkout.lifecycle."""

    checkout_group = models.ForeignKey(
        CheckoutGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="orders", verbose_name=_("checkout")
    )
    fulfilment = models.CharField(_("fulfilment"), max_length=10, choices=Fulfilment.choices, blank=True)
    pickup_starts_at = models.DateTimeField(_("pickup slot start"), null=True, blank=True)
    pickup_ends_at = models.DateTimeField(_("pickup slot end"), null=True, blank=True)
    # Shown to the customer (with a QR code) and checked by the artisan at collection.
    pickup_code = models.CharField(_("pickup code"), max_length=8, blank=True, db_index=True)
    delivery_date = models.DateField(_("delivery date"), null=True, blank=True)
    delivery_window = models.CharField(_("delivery window"), max_length=10, choices=DeliveryWindow.choices, blank=True)
    cancellation_reason = models.TextField(_("cancellation reason"), blank=True)
    payment_method = models.CharField(_("payment"), max_length=10, choices=PaymentMethod.choices, default=PaymentMethod.ON_SITE)

    objects = StatusGuardedQuerySet.as_manager()

    class Meta(AbstractOrder.Meta):
        constraints = [
            models.CheckConstraint(condition=models.Q(status__in=OrderStatus.values), name="order_status_known"),
        ]

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class Line(StatusGuardedMixin, AbstractLine):
    """Forked only so that a line's status too changes only in checkout.lifecycle."""

    objects = StatusGuardedQuerySet.as_manager()

    class Meta(AbstractLine.Meta):
        constraints = [
            # Blank: a line made by Oscar's own order creation without OSCAR_INITIAL_LINE_STATUS.
            models.CheckConstraint(condition=models.Q(status__in=["", *LineStatus.values]), name="order_line_status_known"),
        ]

    @property
    def status_label(self) -> str:
        return status_label(self.status, LineStatus)


from oscar.apps.order.models import *  # noqa: E402,F401,F403
