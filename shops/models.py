from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_model
from django.utils.translation import gettext_lazy as _

from marketplace.geography.distance import GeoPoint, annotate_distance
from marketplace.geography.text import normalize

from .trades import Trade

Partner = get_model("partner", "Partner")


class ShopStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUSPENDED = "suspended", _("Suspended")


class ShopQuerySet(models.QuerySet):
    def visible(self) -> ShopQuerySet:
        """Shops the public may see: approved by the chamber and not suspended."""
        return self.filter(status=ShopStatus.APPROVED)

    def for_user(self, user) -> ShopQuerySet:
        """Shops this user runs (an artisan may run several)."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(partner__users=user)

    def viewable_by(self, user) -> ShopQuerySet:
        """Visible shops, plus the shops this user runs (an artisan previews their own) and, for
        the chamber's staff, every shop."""
        if user.is_authenticated and user.is_staff:
            return self.all()
        if not user.is_authenticated:
            return self.visible()
        runs_it = models.Exists(Partner.users.through.objects.filter(partner_id=models.OuterRef("pk"), user=user))
        return self.filter(models.Q(status=ShopStatus.APPROVED) | runs_it)

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
    description = models.TextField(_("description"), blank=True)
    address_line = models.CharField(_("address"), max_length=200, blank=True)
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
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    objects = ShopQuerySet.as_manager()

    class Meta:
        verbose_name = _("shop")
        verbose_name_plural = _("shops")
        ordering = ["slug"]
        indexes = [models.Index(fields=["latitude", "longitude"], name="shop_position")]

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
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)
