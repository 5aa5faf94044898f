"""What the chamber curates and records."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ActiveOnQuerySet(models.QuerySet):
    """Rows with a ``starts_on``/``ends_on`` period (ends_on included, blank = open-ended)."""

    def active_on(self, day: datetime.date | None = None) -> ActiveOnQuerySet:
        day = day or timezone.localdate()
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Feature(models.Model):
    """A shop (and optionally one of its products) the chamber puts forward for a period."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="features", verbose_name=_("shop"))
    product = models.ForeignKey("catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                verbose_name=_("product"), help_text=_("Optional: one product of this shop to show with it."))
    portrait = models.TextField(_("portrait"), max_length=600, help_text=_("A short editorial portrait, 600 characters at most."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (included)"), null=True, blank=True)
    # « Ordre », a place in a list: "order" alone is translated « commande » (a purchase).
    position = models.PositiveSmallIntegerField(pgettext_lazy("display position", "order"), default=0, help_text=_("Smaller first."))
    department_code = models.CharField(_("department"), max_length=3, blank=True,
                                       help_text=_("Only on this department's page; blank: the home page."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        verbose_name = _("featured producer")
        verbose_name_plural = _("featured producers")
        ordering = ["position", "starts_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="feature_period_in_order")]

    def __str__(self) -> str:
        return f"{self.shop} ({self.starts_on}–{self.ends_on or '…'})"


class Campaign(models.Model):
    """An editorial page grouping shops and products for a period ("Noël chez nos artisans")."""

    title = models.CharField(_("title"), max_length=120)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    text = models.TextField(_("text"), blank=True)
    image = models.ImageField(_("picture"), upload_to="campaigns/", blank=True)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until (included)"), null=True, blank=True)
    shops = models.ManyToManyField("shops.Shop", blank=True, related_name="campaigns", verbose_name=_("shops"))
    products = models.ManyToManyField("catalogue.Product", blank=True, related_name="campaigns", verbose_name=_("products"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ActiveOnQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-starts_on", "title"]
        constraints = [models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="campaign_period_in_order")]

    def __str__(self) -> str:
        return self.title


class AuditEntry(models.Model):
    """One action of the chamber's staff: who, when, what, on what, why."""

    class Action(models.TextChoices):
        APPLICATION_DECIDED = "application_decided", _("Application decided")
        SHOP_SUSPENDED = "shop_suspended", _("Shop suspended")
        SHOP_REINSTATED = "shop_reinstated", _("Shop reinstated")
        PRODUCT_HIDDEN = "product_hidden", _("Product hidden")
        PRODUCT_RESTORED = "product_restored", _("Product restored")
        LABEL_GRANTED = "label_granted", _("Label granted")
        LABEL_WITHDRAWN = "label_withdrawn", _("Label withdrawn")
        LABEL_CHANGED = "label_changed", _("Label created or changed")
        FEATURE_SAVED = "feature_saved", _("Featured producer saved")
        FEATURE_DELETED = "feature_deleted", _("Featured producer removed")
        CAMPAIGN_SAVED = "campaign_saved", _("Campaign saved")
        CAMPAIGN_DELETED = "campaign_deleted", _("Campaign deleted")
        NOTE_ADDED = "note_added", _("Note added")
        ORDER_REFUNDED = "order_refunded", _("Order cancelled or refunded")
        PROGRAMME_CREATED = "programme_created", _("Voucher programme created")
        PROGRAMME_SAVED = "programme_saved", _("Voucher programme changed")
        PROGRAMME_PUBLISHED = "programme_published", _("Voucher programme published")
        PROGRAMME_CLOSED = "programme_closed", _("Voucher programme closed")
        PROGRAMME_SHOP_EXCLUDED = "programme_shop_excluded", _("Shop excluded from a voucher programme")
        PROGRAMME_SHOP_INCLUDED = "programme_shop_included", _("Shop included again in a voucher programme")
        FUNDER_ACCESS_GRANTED = "funder_access_granted", _("Reports sent to a voucher programme's funder")
        FUNDER_ACCESS_REVOKED = "funder_access_revoked", _("Funder's access to reports revoked")
        COLLECTION_POINT_CHANGED = "collection_point_changed", _("Collection point created or changed")
        COLLECTION_HOST_CHANGED = "collection_host_changed", _("Collection point's host added or removed")

    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("who"))
    actor_name = models.CharField(_("who"), max_length=255, help_text=_("Kept if the account is deleted."))
    action = models.CharField(_("what"), max_length=30, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("on"), max_length=30)
    target_id = models.CharField(_("identifier"), max_length=40)
    target_label = models.CharField(_("on what"), max_length=255)
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("chamber action")
        verbose_name_plural = _("chamber actions")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_label}"


class ApplicationNote(models.Model):
    """The chamber's internal note on a shop (never shown to the artisan)."""

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="chamber_notes", verbose_name=_("shop"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("author"))
    text = models.TextField(_("note"), max_length=4000)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("chamber note")
        verbose_name_plural = _("chamber notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.text[:60]
