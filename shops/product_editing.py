"""The artisan's products: what a shop may list, create, change, copy, archive and put back online.

Rules (the same as Oscar's dashboard encoded for this marketplace, shops/dashboard/catalogue/):
- a shop's products are the standalone products it stocks and the parents of the variants it stocks
  (a parent has no stock record of its own; Oscar forbids it);
- prices are VAT included, between 0,01 € and 100 000 € (shops.partner.prices), stock within
  MAXIMUM_STOCK, a making time of a year at most;
- a variant is an Oscar child product: its own name, price and stock; what the law and the pricing
  strategy read on the product sold (VAT rate, made to order and making time, perishable, food
  information, public status) is copied from its parent, so the variant sold says what its parent says;
- pictures are checked by content when uploaded (catalogue.image_validation), their web sizes made by
  a task; a removed picture's files go once the transaction commits;
- writes go through ``save()`` (search documents and cached storefront grids follow the save
  signals) or, for bulk changes by ``update()``, announce the products with
  ``products_changed_in_bulk`` as the dashboard's bulk actions do;
- a copy is never public until its artisan has checked it and put it online.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Exists, F, IntegerField, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue.csv_import import DEFAULT_PRODUCT_CLASS

from .partner.prices import MAXIMUM_PERCENTAGE, MINIMUM_PERCENTAGE, adjusted_price_problem
from .signals import products_changed_in_bulk

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductClass = get_model("catalogue", "ProductClass")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

# What the variants of a product take from it: the product sold must say what its parent says.
INHERITED_FIELDS = (
    "description", "vat_rate", "is_perishable", "is_made_to_order", "lead_time_days", "ingredients",
    "allergens", "net_quantity", "storage_instructions", "is_public",
)
PRODUCT_FIELDS = (
    "title", "description", "vat_rate", "is_perishable", "is_made_to_order", "lead_time_days", "ingredients",
    "allergens", "net_quantity", "storage_instructions",
)
VARIANT_SEPARATOR = " – "
MAX_PICTURES = 10
MAX_VARIANTS = 30


class StockFilter:
    IN_STOCK = "in_stock"
    SOLD_OUT = "sold_out"
    MADE_TO_ORDER = "made_to_order"


class PriceChangeRefused(Exception):
    """A change of prices that would bring one of them out of bounds; the message says which (translated)."""


class UnknownVariant(Exception):
    """A variant id that is not one of this product's variants (another product's, another shop's)."""


# --- Reading ---------------------------------------------------------------------------------------

def _records_of_shop_for(shop, outer="pk"):
    """The shop's stock records of the product at ``outer`` or of its variants."""
    return StockRecord.objects.filter(partner_id=shop.pk).filter(
        Q(product_id=OuterRef(outer)) | Q(product__parent_id=OuterRef(outer))
    )


def shop_products(shop):
    """The products the shop sells, as its artisan sees them: standalone products and parents of
    variants, never a variant alone, each once."""
    stocked = StockRecord.objects.filter(partner_id=shop.pk)
    return Product.objects.exclude(structure=Product.CHILD).filter(
        Q(Exists(stocked.filter(product_id=OuterRef("pk")))) | Q(Exists(stocked.filter(product__parent_id=OuterRef("pk"))))
    )


def annotated_products(shop):
    """The shop's products with the list's figures: stock left (own or variants', reservations
    taken off), lowest price, number of variants."""
    records = _records_of_shop_for(shop).values("partner_id")
    stock = records.annotate(total=Sum(F("num_in_stock") - Coalesce("num_allocated", Value(0)))).values("total")
    price = records.annotate(lowest=Min("price")).values("lowest")
    variants = Product.objects.filter(parent_id=OuterRef("pk")).values("parent_id").annotate(
        count=Sum(Value(1, output_field=IntegerField()))).values("count")
    return shop_products(shop).annotate(
        stock_left=Coalesce(Subquery(stock, output_field=IntegerField()), Value(0)),
        lowest_price=Subquery(price),
        variant_count=Coalesce(Subquery(variants, output_field=IntegerField()), Value(0)),
    )


def filter_products(products, *, query="", category=None, stock="", archived=False):
    products = products.filter(is_public=not archived)
    if query:
        products = products.filter(title__icontains=query)
    if category is not None:
        products = products.filter(categories__path__startswith=category.path).distinct()
    if stock == StockFilter.MADE_TO_ORDER:
        products = products.filter(is_made_to_order=True)
    elif stock == StockFilter.IN_STOCK:
        products = products.filter(is_made_to_order=False, stock_left__gt=0)
    elif stock == StockFilter.SOLD_OUT:
        products = products.filter(is_made_to_order=False, stock_left__lte=0)
    return products


def section_choices():
    """The catalogue's categories an artisan files a product under, as (category, label) in tree order."""
    return list(Category.objects.order_by("path"))


def variants_of(product) -> list:
    if not product.pk or not product.is_parent:
        return []
    return list(product.children.order_by("pk").prefetch_related("stockrecords"))


def variant_name(child, parent_title: str) -> str:
    """A variant's own words (« 500 g »): its title is « Parent – 500 g », what baskets and orders show."""
    prefix = f"{parent_title}{VARIANT_SEPARATOR}"
    return child.title[len(prefix):] if child.title.startswith(prefix) else child.title


def variant_title(parent_title: str, name: str) -> str:
    return f"{parent_title}{VARIANT_SEPARATOR}{name}"[:255]


def record_of(shop, product):
    return next((record for record in product.stockrecords.all() if record.partner_id == shop.pk), None)


# --- Writing ---------------------------------------------------------------------------------------

@dataclass
class VariantChange:
    pk: int | None
    name: str
    price: Decimal
    stock: int
    delete: bool = False


@dataclass
class PictureChange:
    """What becomes of a picture the product has: its new place, or its removal."""

    image_id: int
    order: int
    remove: bool = False
    # What the picture shows, for customers who do not see it (its alt text).
    description: str | None = None


@dataclass
class ProductChange:
    values: dict
    categories: list = field(default_factory=list)
    price: Decimal | None = None
    stock: int = 0
    reference: str = ""
    variants: list[VariantChange] = field(default_factory=list)
    pictures: list[PictureChange] = field(default_factory=list)
    new_pictures: list = field(default_factory=list)


def default_product_class():
    product_class, _created = ProductClass.objects.get_or_create(
        name=DEFAULT_PRODUCT_CLASS, defaults={"requires_shipping": True, "track_stock": True}
    )
    return product_class


def new_product():
    return Product(product_class=default_product_class(), structure=Product.STANDALONE, is_public=True)


def default_category(shop):
    # The catalogue's categories are named in the site's language, whoever saves the product.
    with translation.override(settings.LANGUAGE_CODE):
        return create_from_breadcrumbs(str(shop.get_trade_display()))


def reference_taken(shop, reference: str, exclude_product=None) -> bool:
    records = StockRecord.objects.filter(partner_id=shop.pk, partner_sku=reference)
    if exclude_product is not None and exclude_product.pk:
        records = records.exclude(product_id=exclude_product.pk)
    return records.exists()


def _free_reference(shop, base: str) -> str:
    base = base[:120] or "P"
    candidate, number = base, 1
    while StockRecord.objects.filter(partner_id=shop.pk, partner_sku=candidate).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate


@transaction.atomic
def save_product(shop, product, change: ProductChange):
    """Create (``product`` None) or update one of the shop's products with its stock, variants,
    sections and pictures; returns the product. Raises UnknownVariant for a variant id the product
    does not have (the caller answers 404)."""
    if product is None:
        product = new_product()
    else:
        product = Product.objects.select_for_update().get(pk=product.pk)
    old_title = product.title
    children = {child.pk: child for child in variants_of(product)}
    for variant in change.variants:
        if variant.pk is not None and variant.pk not in children:
            raise UnknownVariant(variant.pk)
    kept_variants = [variant for variant in change.variants if not variant.delete]

    for name in PRODUCT_FIELDS:
        if name in change.values:
            setattr(product, name, change.values[name])
    if not change.values.get("is_made_to_order"):
        product.lead_time_days = 0
    product.slug = slugify(product.title)[:255] or "produit"
    own_record = StockRecord.objects.filter(product_id=product.pk, partner_id=shop.pk).first() if product.pk else None

    if kept_variants:
        product.structure = Product.PARENT
        product.save()
        if own_record is not None:
            own_record.delete()  # a parent has no stock record of its own: its variants do
        _save_variants(shop, product, old_title, children, change.variants)
    else:
        for child in children.values():
            child.delete()
        product.structure = Product.STANDALONE
        product.save()
        record = own_record or StockRecord(product=product, partner_id=shop.pk, price_currency="EUR")
        reference = change.reference or record.partner_sku or _free_reference(shop, f"P{product.pk}")
        record.partner_sku = reference
        record.price = change.price
        record.num_in_stock = change.stock
        record.save()

    _save_categories(shop, product, change.categories)
    _save_pictures(product, change.pictures, change.new_pictures)
    return product


def _save_variants(shop, parent, old_title, children, variants):
    for variant in variants:
        child = children.get(variant.pk) if variant.pk is not None else None
        if variant.delete:
            if child is not None:
                child.delete()
            continue
        if child is None:
            child = Product(parent=parent, structure=Product.CHILD, product_class=None)
        child.title = variant_title(parent.title, variant.name)
        for name in INHERITED_FIELDS:
            setattr(child, name, getattr(parent, name))
        child.slug = slugify(child.title)[:255] or "variante"
        child.save()
        record = record_of(shop, child) if variant.pk is not None else None  # prefetched with the variants
        if record is None:
            record = StockRecord(product=child, partner_id=shop.pk, price_currency="EUR",
                                 partner_sku=_free_reference(shop, f"V{child.pk}"))
        record.price = variant.price
        record.num_in_stock = variant.stock
        record.save()
    # Variants not named in the form keep their name and stock, and follow the parent's changes.
    named = {variant.pk for variant in variants if variant.pk is not None}
    for pk, child in children.items():
        if pk in named:
            continue
        child.title = variant_title(parent.title, variant_name(child, old_title))
        for name in INHERITED_FIELDS:
            setattr(child, name, getattr(parent, name))
        child.save()


def _save_categories(shop, product, categories):
    # None chosen: the shop's trade's category, as a CSV import does (a product is always found somewhere).
    wanted = {category.pk for category in categories} or {default_category(shop).pk}
    current = set(ProductCategory.objects.filter(product=product).values_list("category_id", flat=True))
    for link in ProductCategory.objects.filter(product=product, category_id__in=current - wanted):
        link.delete()  # one by one: the delete signal reindexes
    for category_id in sorted(wanted - current):
        ProductCategory.objects.create(product=product, category_id=category_id)


def _save_pictures(product, pictures, new_pictures):
    from catalogue.tasks import make_renditions
    from marketplace.outbox import enqueue_on_commit

    removing = {picture.image_id for picture in pictures if picture.remove}
    removed = []
    for image in ProductImage.objects.filter(product=product, pk__in=removing):
        removed.append(image.original.name)
        image.delete()
    orders = {picture.image_id: picture.order for picture in pictures}
    descriptions = {picture.image_id: picture.description for picture in pictures if picture.description is not None}
    ordered = sorted(ProductImage.objects.filter(product=product),
                     key=lambda image: (orders.get(image.pk, image.display_order), image.display_order, image.pk))
    for position, image in enumerate(ordered):
        changed = []
        if image.display_order != position:
            image.display_order = position
            changed.append("display_order")
        if image.pk in descriptions and descriptions[image.pk] != image.caption:
            image.caption = descriptions[image.pk]
            changed.append("caption")
        if changed:
            image.save(update_fields=changed)
    position = len(ordered)
    for upload in new_pictures:
        image = ProductImage.objects.create(product=product, original=upload, display_order=position)
        position += 1
        enqueue_on_commit(make_renditions, image.original.name)
    for name in removed:
        if not ProductImage.objects.filter(original=name).exists():
            transaction.on_commit(lambda name=name: _delete_picture(name), robust=True)


def _delete_picture(name):
    from catalogue.renditions import delete_image_and_renditions

    delete_image_and_renditions(name)


@transaction.atomic
def duplicate_product(shop, product):
    """A copy of one of the shop's products, with its variants, sections and pictures, not public:
    its artisan checks it, then puts it online."""
    from catalogue.tasks import make_renditions
    from marketplace.outbox import enqueue_on_commit

    source = Product.objects.get(pk=product.pk)
    children = variants_of(source)
    copy_title = (_("%(title)s (copy)") % {"title": source.title})[:255]
    copy = Product(
        product_class=source.product_class, structure=source.structure, title=copy_title,
        slug=slugify(copy_title)[:255] or "produit", is_public=False, is_discountable=source.is_discountable,
        **{name: getattr(source, name) for name in PRODUCT_FIELDS if name != "title"},
    )
    copy.save()
    if not children:
        record = record_of(shop, source) or StockRecord(price=None, num_in_stock=0)
        StockRecord.objects.create(
            product=copy, partner_id=shop.pk, price_currency="EUR", price=record.price, num_in_stock=record.num_in_stock or 0,
            partner_sku=_free_reference(shop, f"{record.partner_sku or 'P'}-copie"[:120]),
        )
    for child in children:
        record = record_of(shop, child)
        child_copy = Product(parent=copy, structure=Product.CHILD, title=variant_title(copy_title, variant_name(child, source.title)),
                             **{name: getattr(copy, name) for name in INHERITED_FIELDS})
        child_copy.slug = slugify(child_copy.title)[:255] or "variante"
        child_copy.save()
        StockRecord.objects.create(
            product=child_copy, partner_id=shop.pk, price_currency="EUR",
            price=record.price if record else None, num_in_stock=(record.num_in_stock or 0) if record else 0,
            partner_sku=_free_reference(shop, f"V{child_copy.pk}"),
        )
    for category_id in ProductCategory.objects.filter(product=source).values_list("category_id", flat=True):
        ProductCategory.objects.create(product=copy, category_id=category_id)
    for image in source.images.order_by("display_order", "pk"):
        with image.original.open("rb") as handle:
            data = handle.read()
        name = image.original.name.rsplit("/", 1)[-1]
        new_image = ProductImage(product=copy, caption=image.caption, display_order=image.display_order)
        new_image.original.save(name, ContentFile(data), save=False)
        new_image.save()
        enqueue_on_commit(make_renditions, new_image.original.name)
    return copy


# --- Bulk actions ----------------------------------------------------------------------------------

class BulkAction:
    ARCHIVE = "archive"
    RESTORE = "restore"
    SOLD_OUT = "sold_out"
    PRICES = "prices"


@transaction.atomic
def set_public(shop, products, public: bool) -> int:
    """Archive (take out of the shop; orders keep them) or put back online; variants follow their
    parent. Returns how many of the shop's products changed."""
    ids = list(shop_products(shop).filter(pk__in=[product.pk for product in products]).values_list("pk", flat=True))
    changed = list(Product.objects.filter(Q(pk__in=ids) | Q(parent_id__in=ids)).values_list("pk", flat=True))
    Product.objects.filter(pk__in=changed).update(is_public=public)
    products_changed_in_bulk.send(sender=set_public, product_ids=changed)
    return len(ids)


@transaction.atomic
def mark_sold_out(shop, products) -> int:
    """Stock to nought for products sold from stock (made-to-order products have no stock to sell out)."""
    ids = list(shop_products(shop).filter(pk__in=[product.pk for product in products], is_made_to_order=False).values_list("pk", flat=True))
    records = StockRecord.objects.filter(partner_id=shop.pk).filter(Q(product_id__in=ids) | Q(product__parent_id__in=ids))
    product_ids = list(records.values_list("product_id", flat=True))
    # Reserved items stay reserved: the stock left is what customers can no longer order.
    records.update(num_in_stock=Coalesce("num_allocated", Value(0)))
    products_changed_in_bulk.send(sender=mark_sold_out, product_ids=product_ids)
    return len(ids)


@transaction.atomic
def change_prices(shop, products, percentage: Decimal) -> int:
    """Raise (or, negative, lower) by ``percentage`` the prices of these products and of their
    variants, rounded to the cent: all or none, each price staying between 0,01 € and 100 000 €
    (PriceChangeRefused otherwise), as the dashboard's bulk change of prices. Returns how many
    prices changed."""
    if not MINIMUM_PERCENTAGE <= percentage <= MAXIMUM_PERCENTAGE:
        raise PriceChangeRefused(_("Give a percentage between -99 and 1000."))
    ids = list(shop_products(shop).filter(pk__in=[product.pk for product in products]).values_list("pk", flat=True))
    records = list(
        StockRecord.objects.filter(partner_id=shop.pk, price__isnull=False)
        .filter(Q(product_id__in=ids) | Q(product__parent_id__in=ids))
        .select_for_update(of=("self",)).only("pk", "price", "product_id", "partner_id")
    )
    prices = [record.price for record in records]
    problem = adjusted_price_problem(min(prices, default=None), max(prices, default=None), percentage=percentage)
    if problem:
        raise PriceChangeRefused(problem)
    multiplier = 1 + percentage / 100
    for record in records:
        record.price = (record.price * multiplier).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    StockRecord.objects.bulk_update(records, ["price"])
    products_changed_in_bulk.send(sender=change_prices, product_ids=[record.product_id for record in records])
    return len(records)
