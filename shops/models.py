from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model
from phonenumber_field.modelfields import PhoneNumberField

from geography.distance import GeoPoint, annotate_distance
from geography.text import normalize
from themes.registry import DEFAULT_THEME, FONT_PAIRS, THEMES, font_pair_choices, theme_choices

from .richtext import RICH_TEXT_MAX_STORED_CHARACTERS, story_html
from .trades import Trade
from .validators import clean_identifier, validate_hex_colour, validate_siret

Partner = get_model("partner", "Partner")


class ShopStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class LegalForm(models.TextChoices):
    MICRO = "micro", _("Sole trader under the micro-enterprise scheme")
    EI = "ei", _("Sole trader (EI)")
    EURL = "eurl", _("EURL")
    SARL = "sarl", _("SARL")
    SASU = "sasu", _("SASU")
    SAS = "sas", _("SAS")
    SNC = "snc", _("SNC")
    SCOP = "scop", _("SCOP (cooperative)")
    OTHER = "other", _("Other")


class VatRegime(models.TextChoices):
    # Micro-entrepreneurs under the VAT threshold charge no VAT and must say so on every sale.
    FRANCHISE = "franchise", _("VAT exemption (franchise en base)")
    REGISTERED = "registered", _("Registered for VAT")


VAT_EXEMPTION_MENTION = "TVA non applicable, art. 293 B du CGI"


# The rule for "the public sees this shop", in one place for querysets and lookups through relations
# (``public_shop_q("partner__shop__")``).
def public_shop_q(prefix: str = "") -> models.Q:
    return models.Q(**{f"{prefix}status": ShopStatus.APPROVED, f"{prefix}listed_at__isnull": False})


PUBLIC_SHOP = public_shop_q()


class ShopQuerySet(models.QuerySet):
    def visible(self) -> ShopQuerySet:
        """Shops the public may see: approved by the chamber, not suspended, and listed once they
        could sell (shops.listing)."""
        return self.filter(PUBLIC_SHOP)

    def for_user(self, user) -> ShopQuerySet:
        """Shops this user runs (an artisan may run several)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(partner__users=user)

    def viewable_by(self, user) -> ShopQuerySet:
        """Visible shops, plus the shops this user runs (an artisan previews their own) and, for
        the chamber's staff, every shop."""
        if user.is_authenticated and (user.is_staff or user.has_perm("shops.review_shop")):
            return self.all()
        if not user.is_authenticated:
            return self.visible()
        runs_it = models.Exists(Partner.users.through.objects.filter(partner_id=models.OuterRef("pk"), user=user))
        return self.filter(PUBLIC_SHOP | runs_it)

    def with_card_details(self) -> ShopQuerySet:
        """Everything a shop card shows, fetched with the shops rather than per card."""
        return self.select_related("partner", "commune")

    def matching(self, text: str) -> ShopQuerySet:
        words = normalize(text).split()
        condition = models.Q()
        for word in words:
            condition &= models.Q(search_text__contains=word)
        return self.filter(condition)

    def near(self, point: GeoPoint, radius_km: float | None = None) -> ShopQuerySet:
        """Annotated with ``distance_km`` from ``point``, inside ``radius_km`` when given."""
        return annotate_distance(self, point, radius_km)


class Shop(models.Model):
    """An artisan business: the storefront side of an Oscar partner.

    The shop shares its primary key with its partner, so a stock record's ``partner_id`` is also
    its shop's id, and the partner keeps the name and the users Oscar's dashboard already knows.
    """

    partner = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, primary_key=True, related_name="shop"
    )
    slug = models.SlugField(_("address on the site"), max_length=80, unique=True)
    trade = models.CharField(_("trade"), max_length=40, choices=Trade.choices, db_index=True)
    tagline = models.CharField(_("tagline"), max_length=160, blank=True)
    # Sanitised HTML (see shops.richtext): only an allow-list of tags survives, and a bounded length.
    story = models.TextField(_("story"), blank=True, validators=[MaxLengthValidator(RICH_TEXT_MAX_STORED_CHARACTERS)])

    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    legal_form = models.CharField(_("legal form"), max_length=10, choices=LegalForm.choices, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    trades_register_number = models.CharField(
        _("trades register number"),
        max_length=60,
        blank=True,
        help_text=_("Your registration at the Répertoire des métiers (RM) or the national register (RNE)."),
    )
    vat_regime = models.CharField(_("VAT"), max_length=12, choices=VatRegime.choices, default=VatRegime.FRANCHISE)
    vat_number = models.CharField(_("intra-EU VAT number"), max_length=13, blank=True)

    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = PhoneNumberField(_("phone"), blank=True)
    website = models.URLField(_("website"), blank=True)

    address_line = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    commune = models.ForeignKey(
        "geography.Commune", on_delete=models.PROTECT, related_name="shops", verbose_name=_("commune")
    )
    # Copied from the commune (or a more precise address later) so that distance queries on shops
    # need no join.
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    status = models.CharField(
        _("status"), max_length=20, choices=ShopStatus.choices, default=ShopStatus.DRAFT, db_index=True
    )
    logo = models.ImageField(_("logo"), upload_to="shops/logos/", blank=True)
    banner = models.ImageField(_("banner"), upload_to="shops/banners/", blank=True)

    theme = models.CharField(_("theme"), max_length=20, choices=theme_choices(), default=DEFAULT_THEME)
    primary_colour = models.CharField(
        _("main colour"), max_length=7, default=THEMES[DEFAULT_THEME].default_primary, validators=[validate_hex_colour]
    )
    accent_colour = models.CharField(
        _("accent colour"), max_length=7, default=THEMES[DEFAULT_THEME].default_accent, validators=[validate_hex_colour]
    )
    font_pair = models.CharField(
        _("fonts"), max_length=20, choices=font_pair_choices(), default=THEMES[DEFAULT_THEME].default_font_pair
    )
    # The appearance being tried out: previewed by the artisan, published when they choose.
    appearance_draft = models.JSONField(_("appearance draft"), null=True, blank=True)

    # Orders paid to the artisan at pickup or delivery; card payments need a ready Stripe account.
    accepts_payment_on_site = models.BooleanField(_("accepts payment on site"), default=False)
    on_vacation = models.BooleanField(_("on vacation"), default=False)
    vacation_message = models.CharField(_("vacation message"), max_length=300, blank=True)
    vacation_until = models.DateField(_("back on"), null=True, blank=True)

    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # Bumped after every committed change to what the storefront's product grid shows; the cached
    # grid is keyed by it (shops.product_grid). Written only by that module, never by save().
    catalogue_version = models.PositiveIntegerField(_("catalogue version"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # Approval is the chamber's decision; the storefront and the search listing follow once the shop
    # has what it needs to sell (shops.listing). Written only by that module, never by save().
    listed_at = models.DateTimeField(_("listed"), null=True, blank=True, editable=False)

    objects = ShopQuerySet.as_manager()

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["slug"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="shop_position")]
        permissions = [("review_shop", _("Can review shop applications"))]
        constraints = [
            # A story of 10 MB was accepted, stored and served with every storefront.
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("story"), RICH_TEXT_MAX_STORED_CHARACTERS), name="shop_story_bounded"
            ),
            # Only a shop the chamber approved (and may since have suspended) was ever listed.
            models.CheckConstraint(
                condition=models.Q(listed_at__isnull=True) | models.Q(status__in=["approved", "suspended"]),
                name="shop_listed_only_once_approved",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.partner.name

    @property
    def point(self) -> GeoPoint:
        return GeoPoint(self.latitude, self.longitude)

    def get_absolute_url(self) -> str:
        return reverse("shops:storefront", kwargs={"slug": self.slug})

    @property
    def siren(self) -> str:
        return self.siret[:9]

    @property
    def vat_mention(self) -> str:
        """What the law asks every sale to say about VAT."""
        if self.vat_regime == VatRegime.FRANCHISE:
            return VAT_EXEMPTION_MENTION
        return self.vat_number

    @property
    def is_public(self) -> bool:
        """The public sees the shop: the same rule as ``Shop.objects.visible()``."""
        return self.status == ShopStatus.APPROVED and self.listed_at is not None

    @property
    def accepts_orders(self) -> bool:
        return self.is_public and not self.on_vacation

    @property
    def theme_definition(self):
        return THEMES.get(self.theme, THEMES[DEFAULT_THEME])

    @property
    def font_pair_definition(self):
        return FONT_PAIRS.get(self.font_pair, FONT_PAIRS[self.theme_definition.default_font_pair])

    def place_in(self, commune) -> None:
        self.commune = commune
        self.latitude, self.longitude = commune.latitude, commune.longitude

    def build_search_text(self) -> str:
        """Accent-free text the home page's search matches words against, in every language."""
        trade_labels = []
        for language_code, _language_name in settings.LANGUAGES:
            with translation.override(language_code):
                trade_labels.append(str(self.get_trade_display()))
        parts = [self.partner.name, *trade_labels, self.tagline, self.commune.name]
        return normalize(" ".join(part for part in parts if part))

    def save(self, *args, **kwargs):
        self.siret = clean_identifier(self.siret)
        self.vat_number = clean_identifier(self.vat_number).upper()
        self.story = story_html(self.story)
        self.search_text = self.build_search_text()
        # A shop read before a product changed and saved after it would write its old catalogue
        # version back, and the grid cached under that version (now stale) would be served again.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name for field in self._meta.concrete_fields if not field.primary_key and field.name not in WRITTEN_ELSEWHERE
            ]
        super().save(*args, **kwargs)


# Columns a full save() leaves alone: their own modules write them, and a shop read before such a
# write and saved after it would put the old value back.
WRITTEN_ELSEWHERE = {"catalogue_version", "listed_at"}


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class OpeningPeriod(models.Model):
    """One opening of the week: a shop open 8:00–12:30 and 15:00–19:00 has two on that day."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="opening_periods")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))

    class Meta:
        verbose_name = _("opening period")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")), name="opening_period_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class ExceptionalClosure(models.Model):
    """Days the shop is closed although its weekly hours say open (holidays, a fair, works)."""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="closures")
    first_day = models.DateField(_("from"))
    last_day = models.DateField(_("to (included)"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("exceptional closure")
        verbose_name_plural = _("exceptional closures")
        ordering = ["first_day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")), name="closure_ends_after_it_starts"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_day:%d/%m/%Y}–{self.last_day:%d/%m/%Y}"


class ShopDecision(models.Model):
    """One step of a shop's life: submitted, approved, rejected, changes requested, suspended…"""

    shop = models.ForeignKey(Shop, on_delete=models.CASCADE, related_name="decisions")
    from_status = models.CharField(_("previous status"), max_length=20, choices=ShopStatus.choices)
    to_status = models.CharField(_("new status"), max_length=20, choices=ShopStatus.choices)
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by")
    )
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("shop decision")
        verbose_name_plural = _("shop decisions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.shop_id}: {self.from_status} → {self.to_status}"


# Fulfilment settings are models of this app, kept in their own module.
from .fulfilment import ClickAndCollectOption, LocalDeliveryOption, PickupSlotLoad  # noqa: E402,F401
# Which e-mails the artisan receives (the « Notifications » screen), in its own module too.
from .notification_settings import ShopNotificationSettings  # noqa: E402,F401
