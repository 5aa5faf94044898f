from decimal import Decimal

from django.apps import apps
from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.utils.functional import cached_property
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


def _can_be_bought(product, stockrecord) -> bool:
    """What a card can tell from the stock record alone (the shop's state and the product class are
    the strategy's): made to order, no stock counted, or some stock left."""
    return product.is_made_to_order or stockrecord.num_in_stock is None or stockrecord.net_stock_level > 0


class MarketplaceProductQuerySet(ProductQuerySet):
    def visible(self):
        """Products the public may see: public, not hidden by the chamber, and sold by a shop the
        chamber approved: through its own stock record (a standalone product, a variant), or, for a
        parent (which Oscar gives no stock record), through one of its variants'."""
        # EXISTS rather than a join: no duplicate rows, and PostgreSQL can walk an index on the
        # product table (newest first, say) and stop at the LIMIT. One filter of two EXISTS, no
        # join: the variants' one matters for parents only (both probe indexed foreign keys).
        from shops.models import public_shop_q

        StockRecord = apps.get_model("partner", "StockRecord")
        own_stock = StockRecord.objects.filter(public_shop_q("partner__shop__"), product=models.OuterRef("pk"))
        variant_stock = StockRecord.objects.filter(public_shop_q("partner__shop__"), product__parent=models.OuterRef("pk"))
        return self.filter(
            models.Q(models.Exists(own_stock)) | models.Q(structure=self.model.PARENT) & models.Q(models.Exists(variant_stock)),
            is_public=True,
            hidden_by_chamber=False,
        )

    _variant_stockrecords = None  # set by with_public_variants: how the parents' variants' stock records are fetched

    def with_public_variants(self, stockrecords=None):
        """Each parent's public variants with their stock records (and the shop behind them), where
        Oscar's strategy and the cards read them (``get_public_children``): a parent's card shows its
        cheapest variant's price. Two queries for the whole list once it holds a parent, and none
        for a list of standalone products only (a plain prefetch would query for every list)."""
        if stockrecords is None:
            stockrecords = apps.get_model("partner", "StockRecord").objects.select_related("partner__shop__commune")
        clone = self._chain()
        clone._variant_stockrecords = stockrecords
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._variant_stockrecords = self._variant_stockrecords
        return clone

    def _fetch_all(self):
        fetched = self._result_cache is not None
        super()._fetch_all()
        if fetched or self._variant_stockrecords is None:
            return
        parents = [product for product in self._result_cache if isinstance(product, AbstractProduct) and product.is_parent]
        if parents:
            children = self.model.objects.filter(is_public=True).prefetch_related(
                models.Prefetch("stockrecords", queryset=self._variant_stockrecords.order_by("pk"))
            ).order_by("pk")
            models.prefetch_related_objects(
                parents, models.Prefetch("children", queryset=children, to_attr="_prefetched_public_children")
            )

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
        ).with_public_variants(stockrecords)

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

    def variant_offers(self) -> list:
        """A parent's public variants, each with its stock record (the first, as Oscar's strategy
        takes it), in the variants' order; read from ``with_public_variants`` when prefetched."""
        offers = []
        for child in self.get_public_children():
            record = next(iter(child.stockrecords.all()), None)
            if record is not None:
                offers.append((child, record))
        return offers

    @cached_property
    def card_stockrecord(self):
        """The stock record a product card shows: the product's own, or for a parent its cheapest
        variant's among those that can be bought (the cheapest of all when none can: the card then
        says it is sold out, as a standalone product's does)."""
        if not self.is_parent:
            return next(iter(self.stockrecords.all()), None)
        priced = [(child, record) for child, record in self.variant_offers() if record.price is not None]
        if not priced:
            return None
        buyable = [(child, record) for child, record in priced if _can_be_bought(child, record)]
        return min(buyable or priced, key=lambda offer: (offer[1].price, offer[1].pk))[1]

    @property
    def card_price_varies(self) -> bool:
        """A parent whose variants' prices differ: its card says « à partir de »."""
        return self.is_parent and len({record.price for _child, record in self.variant_offers() if record.price is not None}) > 1

    @property
    def sorted_recommended_products(self):
        """What the product page recommends: only products the public may see, sold by this
        product's own shop (a recommendation saved before the dashboard checked its shop, or one
        hidden or archived since, is not shown)."""
        own_shops = apps.get_model("partner", "StockRecord").objects.filter(
            models.Q(product=self) | models.Q(product__parent=self)
        ).values("partner_id")
        visible_of_same_shop = Product.objects.visible().filter(
            models.Q(stockrecords__partner_id__in=own_shops) | models.Q(children__stockrecords__partner_id__in=own_shops)
        ).values("pk")
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
