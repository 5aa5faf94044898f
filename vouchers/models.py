"""Territory gift vouchers (« bons d'achat »).

A **programme** is run by the chamber for a funder (a commune, an intercommunality, the chamber, a
works council) over a territory; the approved shops of that territory that opted in accept its
vouchers. A **voucher** is bought at a face value and may carry the funder's bonus; its balance is
the sum of its **movements**, an append-only ledger (purchase, bonus, redemption, refund, expiry,
withdrawal): nothing is ever edited in place, and spending locks the voucher's row.

VAT: these are multi-purpose vouchers (CGI art. 256 ter): no VAT when sold; the shop's order
carries the VAT when a voucher pays it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _

from . import codes

ZERO = Decimal("0.00")


class FunderKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    INTERCOMMUNALITY = "intercommunality", _("Intercommunality")
    CHAMBER = "chamber", _("Chamber of Trades")
    WORKS_COUNCIL = "works_council", _("Works council")
    OTHER = "other", _("Other funder")


class ProgrammeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")


class Programme(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    funder_name = models.CharField(_("funder"), max_length=160)
    funder_kind = models.CharField(_("kind of funder"), max_length=20, choices=FunderKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=ProgrammeStatus.choices, default=ProgrammeStatus.DRAFT)
    # The territory: these communes, and every commune of these departments.
    communes = models.ManyToManyField("geography.Commune", blank=True, related_name="+", verbose_name=_("communes"))
    department_codes = models.JSONField(_("departments"), default=list, blank=True)
    # Face values: the fixed ones offered, or any amount between the bounds when the list is empty.
    fixed_values = models.JSONField(_("fixed face values (€)"), default=list, blank=True)
    minimum_value = models.DecimalField(_("smallest amount (€)"), max_digits=8, decimal_places=2, default=Decimal("10.00"))
    maximum_value = models.DecimalField(_("largest amount (€)"), max_digits=8, decimal_places=2, default=Decimal("200.00"))
    # The funder's bonus: a percentage of the face value, capped per voucher, within a total budget.
    bonus_percent = models.DecimalField(
        _("bonus (%)"), max_digits=5, decimal_places=2, default=ZERO, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    bonus_cap = models.DecimalField(_("bonus cap per voucher (€)"), max_digits=8, decimal_places=2, null=True, blank=True)
    bonus_budget = models.DecimalField(_("bonus budget (€)"), max_digits=12, decimal_places=2, default=ZERO)
    # What the bonuses of vouchers sold (or being paid for) have taken from the budget; written only by
    # vouchers.selling under a lock of this row, and never beyond the budget (constraint below).
    bonus_committed = models.DecimalField(_("bonus committed (€)"), max_digits=12, decimal_places=2, default=ZERO, editable=False)
    sale_starts_on = models.DateField(_("on sale from"))
    sale_ends_on = models.DateField(_("on sale until (included)"))
    valid_until = models.DateField(_("spendable until (included)"))
    purchase_limit = models.DecimalField(
        _("purchase limit per person (€)"), max_digits=10, decimal_places=2, null=True, blank=True,
        help_text=_("The face values one customer may buy in this programme, in total. Empty: no limit."),
    )
    excluded_categories = models.ManyToManyField(
        "catalogue.Category", blank=True, related_name="+", verbose_name=_("categories it cannot pay for"),
        help_text=_("Such as alcohol. Their subcategories are excluded too."),
    )
    terms = models.TextField(_("terms shown before purchase"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("voucher programme")
        verbose_name_plural = _("voucher programmes")
        ordering = ["-sale_starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(bonus_committed__gte=0) & Q(bonus_committed__lte=models.F("bonus_budget")),
                                   name="programme_bonus_within_budget"),
            models.CheckConstraint(condition=Q(sale_ends_on__gte=models.F("sale_starts_on")), name="programme_sale_period_ordered"),
            models.CheckConstraint(condition=Q(valid_until__gte=models.F("sale_ends_on")), name="programme_valid_after_sale"),
            models.CheckConstraint(condition=Q(minimum_value__gt=0) & Q(maximum_value__gte=models.F("minimum_value")),
                                   name="programme_value_bounds"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def bonus_left(self) -> Decimal:
        return self.bonus_budget - self.bonus_committed


class CategoryLimit(models.Model):
    """At most ``max_amount`` of one basket's products of this category (or of its subcategories)
    paid by a voucher of the programme: wine up to 20 € per purchase, say, where the funder allows
    some but not a cellar."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="category_limits")
    category = models.ForeignKey("catalogue.Category", on_delete=models.CASCADE, related_name="+", verbose_name=_("category"))
    max_amount = models.DecimalField(_("at most per purchase (€)"), max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = _("limited category")
        verbose_name_plural = _("limited categories")
        ordering = ["category__path"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "category"], name="category_limit_once_per_programme"),
            models.CheckConstraint(condition=Q(max_amount__gt=0), name="category_limit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.category} ≤ {self.max_amount} €"


class Participation(models.Model):
    """A shop of the programme's territory that accepts its vouchers (it opted in), unless the
    chamber excluded it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="participations")
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="voucher_participations")
    opted_in_at = models.DateTimeField(_("opted in"), auto_now_add=True)
    excluded_by_chamber = models.BooleanField(_("excluded by the chamber"), default=False)
    exclusion_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("participating shop")
        verbose_name_plural = _("participating shops")
        constraints = [models.UniqueConstraint(fields=["programme", "shop"], name="participation_once_per_shop")]


class VoucherStatus(models.TextChoices):
    PENDING_PAYMENT = "pending_payment", _("Waiting for payment")
    ACTIVE = "active", _("Active")
    WITHDRAWN = "withdrawn", _("Withdrawn (refunded)")
    EXPIRED = "expired", _("Expired")
    CANCELLED = "cancelled", _("Payment failed")


class VoucherQuerySet(models.QuerySet):
    def for_user(self, user) -> VoucherQuerySet:
        """The vouchers a customer holds: bought for themselves, or offered to their e-mail address."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(holder=user) | Q(holder__isnull=True, buyer=user, recipient_email=""))

    def with_balance(self) -> VoucherQuerySet:
        return self.annotate(balance_now=models.functions.Coalesce(Sum("movements__amount"), ZERO))


class Voucher(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="vouchers")
    code = models.CharField(_("code"), max_length=codes.LENGTH, unique=True, default=codes.new_code, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=VoucherStatus.choices, default=VoucherStatus.PENDING_PAYMENT)
    face_value = models.DecimalField(_("amount paid (€)"), max_digits=8, decimal_places=2)
    bonus = models.DecimalField(_("funder's bonus (€)"), max_digits=8, decimal_places=2, default=ZERO)
    buyer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="vouchers_bought")
    # Who spends it: the buyer, or the person it is offered to once they open it with their account.
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="vouchers_held")
    recipient_name = models.CharField(_("offered to"), max_length=120, blank=True)
    recipient_email = models.EmailField(_("recipient's e-mail"), blank=True)
    message = models.TextField(_("message"), max_length=1000, blank=True)
    deliver_on = models.DateField(_("sent on"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("sent"), null=True, blank=True)
    expires_on = models.DateField(_("valid until (included)"))
    payment_intent_id = models.CharField(max_length=64, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    objects = VoucherQuerySet.as_manager()

    class Meta:
        verbose_name = _("gift voucher")
        verbose_name_plural = _("gift vouchers")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(face_value__gt=0) & Q(bonus__gte=0), name="voucher_amounts_positive"),
        ]

    def __str__(self) -> str:
        return codes.display(self.code)

    @property
    def display_code(self) -> str:
        return codes.display(self.code)

    def balance(self) -> Decimal:
        """The sum of the ledger: read again, never kept in a column."""
        # Rounded to the cent: SQLite sums decimals as floats.
        return (self.movements.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(Decimal("0.01"))


class MovementKind(models.TextChoices):
    PURCHASE = "purchase", _("Purchase")
    BONUS = "bonus", _("Funder's bonus")
    REDEMPTION = "redemption", _("Spent")
    REFUND = "refund", _("Put back")
    EXPIRY = "expiry", _("Expired")
    WITHDRAWAL = "withdrawal", _("Withdrawn and refunded")


# The sign each kind of movement must have (the database checks it too).
CREDITS = (MovementKind.PURCHASE, MovementKind.BONUS, MovementKind.REFUND)
DEBITS = (MovementKind.REDEMPTION, MovementKind.EXPIRY, MovementKind.WITHDRAWAL)


class Movement(models.Model):
    """One line of a voucher's ledger; never changed or deleted."""

    voucher = models.ForeignKey(Voucher, on_delete=models.PROTECT, related_name="movements")
    kind = models.CharField(_("movement"), max_length=12, choices=MovementKind.choices)
    # Signed: what the movement adds to the voucher's balance.
    amount = models.DecimalField(_("amount (€)"), max_digits=10, decimal_places=2)
    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, null=True, blank=True, related_name="voucher_movements")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # The same movement is written once, however many times the code that writes it runs.
    idempotency_key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("voucher movement")
        verbose_name_plural = _("voucher movements")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind__in=[kind.value for kind in CREDITS], amount__gt=0)
                           | Q(kind__in=[kind.value for kind in DEBITS], amount__lt=0)),
                name="movement_sign_follows_kind",
            ),
            # A redemption says where the money went: a shop, and an order when spent online.
            models.CheckConstraint(condition=~Q(kind=MovementKind.REDEMPTION) | Q(shop__isnull=False), name="redemption_names_its_shop"),
        ]
        indexes = [models.Index(fields=["voucher", "created_at"], name="movement_by_voucher")]

    def __str__(self) -> str:
        return f"{self.voucher} {self.kind} {self.amount}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A voucher movement is never changed: write another one.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A voucher movement is never deleted: write another one.")


class VoucherPayoutStatus(models.TextChoices):
    PENDING = "pending", _("Being transferred")
    TRANSFERRED = "transferred", _("Transferred")
    FAILED = "failed", _("Transfer failed, will be retried")


class VoucherPayout(models.Model):
    """One transfer to a shop's connected account of what vouchers paid there (vouchers.payouts): the
    redemptions it covers are listed; a failed one frees them for the next run."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.PROTECT, related_name="voucher_payouts", verbose_name=_("shop"))
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=2)
    movements = models.ManyToManyField(Movement, related_name="payouts", verbose_name=_("redemptions paid out"))
    status = models.CharField(_("status"), max_length=12, choices=VoucherPayoutStatus.choices, default=VoucherPayoutStatus.PENDING)
    transfer_id = models.CharField(_("transfer"), max_length=64, blank=True)
    failure_message = models.CharField(_("last failure"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    paid_out_at = models.DateTimeField(_("paid out"), null=True, blank=True)

    class Meta:
        verbose_name = _("voucher payout")
        verbose_name_plural = _("voucher payouts")
        ordering = ["-created_at", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="voucher_payout_amount_positive")]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.amount} {self.status}"


class FunderAccess(models.Model):
    """A funder's read-only access to their programme's reports: a link the chamber sends to one
    address (the mayor's office, the works council's treasurer, their accountant), valid until revoked."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="funder_accesses")
    email = models.EmailField(_("sent to"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("funder's access")
        verbose_name_plural = _("funders' accesses")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.programme_id} {self.email}"


def prefetch_restrictions(*programmes: Programme) -> None:
    """Load what the programmes' vouchers do not pay (vouchers/_restrictions.html) in two queries."""
    models.prefetch_related_objects(
        list(programmes), "excluded_categories",
        models.Prefetch("category_limits", queryset=CategoryLimit.objects.select_related("category")),
    )
