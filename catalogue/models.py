from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct
from oscar.apps.catalogue.managers import ProductQuerySet

from shops.richtext import sanitize_story

from .food import (
    INGREDIENTS_MAX_LENGTH,
    NET_QUANTITY_MAX_LENGTH,
    STORAGE_MAX_LENGTH,
    validate_allergens,
)
from shops.slots import MAXIMUM_LEAD_DAYS


class VatRate(models.TextChoices):
    STANDARD = "0.200", _("20 % (standard rate)")
    INTERMEDIATE = "0.100", _("10 % (intermediate rate)")
    REDUCED = "0.055", _("5.5 % (food, books)")
    SUPER_REDUCED = "0.021", _("2.1 %")
    ZERO = "0.000", _("0 %")


class MarketplaceProductQuerySet(ProductQuerySet):
    def visible(self):
        """Products the public may see: public, and sold by a shop the chamber approved."""
        # EXISTS rather than a join: no duplicate rows, and PostgreSQL can walk an index on the
        # product table (newest first, say) and stop at the LIMIT.
        from shops.models import public_shop_q

        stock_of_approved_shop = apps.get_model("partner", "StockRecord").objects.filter(
            public_shop_q("partner__shop__"), product=models.OuterRef("pk")
        )
        return self.filter(models.Exists(stock_of_approved_shop), is_public=True, hidden_by_chamber=False)

    def with_option_flags(self):
        """Annotated as Oscar's ``base_queryset`` does, so that ``product.has_options`` (asked by
        every add-to-basket form) costs no query, without its prefetches of children and options."""
        Option = apps.get_model("catalogue", "Option")
        return self.annotate(
            has_product_class_options=models.Exists(Option.objects.filter(productclass=models.OuterRef("product_class"))),
            has_product_options=models.Exists(Option.objects.filter(product=models.OuterRef("pk"))),
        )

    def for_cards(self):
        """With what a product card reads (class, options, pictures, price, the shop selling it),
        fetched with the products in three queries rather than a few per card."""
        stockrecords = apps.get_model("partner", "StockRecord").objects.select_related("partner__shop__commune")
        return self.with_option_flags().select_related("product_class").prefetch_related(
            "images", models.Prefetch("stockrecords", queryset=stockrecords.order_by("pk"))
        )

    def browsable(self):
        """Oscar's product lists (recently viewed, offers, alerts): only what the public may see,
        with what their cards show."""
        return super().browsable().visible().for_cards()


class Product(AbstractProduct):
    # French consumer law (art. L221-28 of the Code de la consommation) removes the 14-day
    # withdrawal right for these two kinds of goods; checkout states it per line.
    is_perishable = models.BooleanField(
        _("perishable"),
        default=False,
        help_text=_("Goods that deteriorate or expire quickly (bread, cheese, meat…)."),
    )
    is_made_to_order = models.BooleanField(
        _("made to order"),
        default=False,
        help_text=_("Made to the customer's specifications or clearly personalised."),
    )

    # Bounded (a year at most) so that pickup and delivery days can be planned from it.
    lead_time_days = models.PositiveSmallIntegerField(
        _("making time (days)"),
        default=0,
        validators=[MaxValueValidator(MAXIMUM_LEAD_DAYS)],
        help_text=_("For products made to order: the days you need before it can be collected or delivered (365 at most)."),
    )
    # Prices are entered VAT included; this rate tells the VAT inside (nil for exempt shops).
    vat_rate = models.DecimalField(
        _("VAT rate"), max_digits=4, decimal_places=3, choices=[(Decimal(value), label) for value, label in VatRate.choices],
        default=Decimal(VatRate.STANDARD),
    )

    # Food information a distance sale must give before the purchase (EU regulation 1169/2011,
    # art. 9, 14 and 44; catalogue/food.py). The producer is the shop selling the product.
    ingredients = models.TextField(
        _("ingredients"), blank=True, validators=[MaxLengthValidator(INGREDIENTS_MAX_LENGTH)],
        help_text=_("For food: the ingredients in decreasing order of weight, as on the label."),
    )
    allergens = models.JSONField(
        _("allergens"), default=list, blank=True, validators=[validate_allergens],
        help_text=_("For food: the allergens among the 14 the law lists that the product contains."),
    )
    net_quantity = models.CharField(
        _("net quantity"), max_length=NET_QUANTITY_MAX_LENGTH, blank=True,
        help_text=_("For food: weight or volume, such as 500 g or 75 cl."),
    )
    storage_instructions = models.TextField(
        _("storage and use-by"), blank=True, validators=[MaxLengthValidator(STORAGE_MAX_LENGTH)],
        help_text=_("For food: how to keep it and how long, such as “Keep refrigerated, eat within 3 days”."),
    )

    # Moderation: the chamber hides a product (the artisan cannot publish it again) and says why.
    hidden_by_chamber = models.BooleanField(_("hidden by the chamber"), default=False)
    moderation_reason = models.TextField(_("reason for hiding"), blank=True)

    objects = MarketplaceProductQuerySet.as_manager()

    @property
    def has_food_information(self) -> bool:
        """Whether the product page owes its « Composition et conservation » section: a perishable
        product (food, in this marketplace) or one whose food information was given."""
        return bool(self.is_perishable or self.ingredients or self.allergens or self.net_quantity or self.storage_instructions)

    @property
    def sorted_recommended_products(self):
        """What the product page recommends: only products the public may see, sold by this
        product's own shop (a recommendation saved before the dashboard checked its shop, or one
        hidden or archived since, is not shown)."""
        own_shops = apps.get_model("partner", "StockRecord").objects.filter(product=self).values("partner_id")
        visible_of_same_shop = (
            Product.objects.visible().filter(stockrecords__partner_id__in=own_shops).values("pk")
        )
        return [
            recommendation.recommendation
            for recommendation in self.primary_recommendations.filter(recommendation__in=visible_of_same_shop)
            .select_related("recommendation")
        ]

    class Meta(AbstractProduct.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(lead_time_days__lte=MAXIMUM_LEAD_DAYS), name="product_lead_time_within_a_year"
            ),
        ]

    def save(self, *args, **kwargs):
        # Oscar shows the description unescaped: keep only harmless HTML, whoever wrote it.
        self.description = sanitize_story(self.description or "")
        super().save(*args, **kwargs)


class ImageRendition(models.Model):
    """One web size of an uploaded picture (product photo, shop logo or banner), made by a task."""

    source = models.CharField(_("original"), max_length=255, db_index=True)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    format = models.CharField(_("format"), max_length=4)
    file = models.ImageField(_("file"), max_length=255, upload_to="renditions/")

    class Meta:
        verbose_name = _("picture size")
        verbose_name_plural = _("picture sizes")
        constraints = [
            models.UniqueConstraint(fields=["source", "width", "format"], name="rendition_unique_size"),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.width}px {self.format}"


class ProductImport(models.Model):
    """A CSV import of products into one shop: its checked rows, then the progress of the writing."""

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Checked, waiting for confirmation")
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")

    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="product_imports")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    file_name = models.CharField(_("file"), max_length=200)
    rows = models.JSONField(_("checked rows"), default=list)
    # The columns the file has: a re-import updates only those, and leaves the rest as it was.
    columns = models.JSONField(_("columns"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEW)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows written"), default=0)
    created_count = models.PositiveIntegerField(_("products created"), default=0)
    updated_count = models.PositiveIntegerField(_("products updated"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("product import")
        verbose_name_plural = _("product imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def progress_percent(self) -> int:
        return round(100 * self.processed_rows / self.valid_rows) if self.valid_rows else 100

    @property
    def invalid_rows(self) -> int:
        return self.total_rows - self.valid_rows


from oscar.apps.catalogue.models import *  # noqa: E402,F401,F403
