"""What the marketplace knows of money: connected accounts, commission rules, payment attempts,
each order's settlement with the artisan, the ledger of every movement, and Stripe's events."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Card, online")
    ON_SITE = "on_site", _("On site, at pickup or delivery")


class StripeAccount(models.Model):
    """A shop's Stripe Connect (Express) account, as Stripe last described it."""

    shop = models.OneToOneField("shops.Shop", on_delete=models.PROTECT, related_name="stripe_account", verbose_name=_("shop"))
    account_id = models.CharField(_("Stripe account"), max_length=64, unique=True)
    charges_enabled = models.BooleanField(_("charges enabled"), default=False)
    payouts_enabled = models.BooleanField(_("payouts enabled"), default=False)
    details_submitted = models.BooleanField(_("details submitted"), default=False)
    # Stripe's requirement codes (currently due and past due), e.g. "individual.id_number".
    requirements_due = models.JSONField(_("requirements due"), default=list, blank=True)
    disabled_reason = models.CharField(_("disabled reason"), max_length=100, blank=True)
    synced_at = models.DateTimeField(_("last synchronised"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe account")
        verbose_name_plural = _("Stripe accounts")

    def __str__(self) -> str:
        return self.account_id

    @property
    def is_ready(self) -> bool:
        return self.charges_enabled and self.payouts_enabled


class CommissionRule(models.Model):
    """A shop's own commission for a period, instead of the marketplace's (e.g. 0 % during a campaign)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="commission_rules", verbose_name=_("shop"))
    percent = models.DecimalField(
        _("percentage"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    fixed = models.DecimalField(_("fixed amount per order (€)"), max_digits=8, decimal_places=2, validators=[MinValueValidator(0)])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (included)"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("commission rule")
        verbose_name_plural = _("commission rules")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0, percent__lte=100), name="commission_percent_range"),
            models.CheckConstraint(condition=Q(fixed__gte=0), name="commission_fixed_positive"),
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="commission_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.shop} {self.percent} % + {self.fixed} €"


class PaymentAttempt(models.Model):
    """One try at paying a checkout's card part: one PaymentIntent on the platform account."""

    class Status(models.TextChoices):
        STARTED = "started", _("Started")
        REQUIRES_ACTION = "requires_action", _("Awaiting authentication")
        PROCESSING = "processing", _("Processing")
        SUCCEEDED = "succeeded", _("Succeeded")
        FAILED = "failed", _("Failed")
        CANCELED = "canceled", _("Cancelled")

    checkout = models.ForeignKey("order.CheckoutGroup", on_delete=models.PROTECT, related_name="payment_attempts", verbose_name=_("checkout"))
    intent_id = models.CharField(_("PaymentIntent"), max_length=64, unique=True, null=True, blank=True)
    charge_id = models.CharField(_("charge"), max_length=64, blank=True)
    amount_cents = models.PositiveIntegerField(_("amount (cents)"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.STARTED)
    failure_message = models.CharField(_("failure"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("payment attempt")
        verbose_name_plural = _("payment attempts")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # However many tries, a checkout is paid once.
            models.UniqueConstraint(fields=["checkout"], condition=Q(status="succeeded"), name="one_successful_payment_per_checkout"),
        ]

    def __str__(self) -> str:
        return self.intent_id or f"attempt {self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.STARTED, self.Status.REQUIRES_ACTION, self.Status.PROCESSING)


class PayoutStatus(models.TextChoices):
    HELD = "held", _("Held until fulfilment")
    SCHEDULED = "scheduled", _("Scheduled")
    TRANSFERRED = "transferred", _("Transferred")
    FAILED = "failed", _("Transfer failed, will be retried")
    NOTHING_DUE = "nothing_due", _("Nothing to transfer")
    ON_SITE = "on_site", _("Paid to the artisan on site")


class OrderSettlement(models.Model):
    """What a shop order brings the artisan: gross paid, refunds, commission, and its payout."""

    order = models.OneToOneField("order.Order", on_delete=models.PROTECT, related_name="settlement", verbose_name=_("order"))
    payment_method = models.CharField(_("payment method"), max_length=10, choices=PaymentMethod.choices)
    # Where the money goes is fixed when the order is paid: a later change of account cannot divert it.
    destination_account = models.CharField(_("destination account"), max_length=64, blank=True)
    charge_id = models.CharField(_("charge"), max_length=64, blank=True)
    intent_id = models.CharField(_("PaymentIntent"), max_length=64, blank=True)
    commission_percent = models.DecimalField(_("commission percentage"), max_digits=5, decimal_places=2)
    commission_fixed = models.DecimalField(_("commission fixed amount"), max_digits=8, decimal_places=2)
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2)
    refunded = models.DecimalField(_("refunded"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2)
    transferred = models.DecimalField(_("transferred"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    payout_status = models.CharField(_("payout"), max_length=20, choices=PayoutStatus.choices)
    release_after = models.DateTimeField(_("payout due"), null=True, blank=True)
    transfer_id = models.CharField(_("transfer"), max_length=64, blank=True)
    # Reversals that Stripe refused (insufficient balance): what the artisan still owes back.
    reversal_outstanding = models.DecimalField(_("reversal outstanding"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    failure_message = models.CharField(_("last failure"), max_length=300, blank=True)
    # Stripe keeps the answer of an idempotency key, refusals included: after a refusal, a retry needs
    # a new key. After a network failure it must keep the old one (the call may have gone through).
    refusals = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("order settlement")
        verbose_name_plural = _("order settlements")
        constraints = [
            models.CheckConstraint(condition=Q(refunded__gte=0) & Q(refunded__lte=models.F("gross")), name="settlement_refund_within_gross"),
            models.CheckConstraint(condition=Q(commission__gte=0), name="settlement_commission_positive"),
            models.CheckConstraint(condition=Q(transferred__gte=0), name="settlement_transferred_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.order} {self.payout_status}"

    @property
    def kept(self) -> Decimal:
        """What the customer finally paid for this order."""
        return self.gross - self.refunded

    @property
    def net(self) -> Decimal:
        """What the artisan receives for this order."""
        return self.kept - self.commission

    @property
    def holds_card_money(self) -> bool:
        """Card money is still kept for this order: cancelling it or its lines means refunding."""
        return self.payment_method == PaymentMethod.CARD and self.kept > 0


class LedgerEntry(models.Model):
    """One movement of money about a shop order; never changed afterwards."""

    class Kind(models.TextChoices):
        CARD_PAYMENT = "card_payment", _("Card payment")
        ON_SITE_PAYMENT = "on_site_payment", _("Payment on site")
        VOUCHER_PAYMENT = "voucher_payment", _("Paid by gift voucher")
        REFUND = "refund", _("Refund")
        TRANSFER = "transfer", _("Payout to the artisan")
        TRANSFER_REVERSAL = "transfer_reversal", _("Payout taken back")

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("Done")
        FAILED = "failed", _("Failed")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="ledger_entries", verbose_name=_("order"))
    kind = models.CharField(_("movement"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUCCEEDED)
    # Signed: what the movement adds to (or takes from) the order's gross, the chamber's commission and
    # the artisan's net.
    gross = models.DecimalField(_("gross"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    commission = models.DecimalField(_("commission"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    net = models.DecimalField(_("net"), max_digits=12, decimal_places=2, default=Decimal("0.00"))
    stripe_id = models.CharField(_("Stripe reference"), max_length=64, blank=True)
    message = models.CharField(_("detail"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The same movement is written once, however many times the code that writes it runs.
    idempotency_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order} {self.kind} {self.gross}"


class StripeEvent(models.Model):
    """A webhook event received from Stripe, stored once by its id, processed once."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100, blank=True, db_index=True)
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"
