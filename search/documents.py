"""Building search documents (SearchEntry rows) from products and shops, in batches.

What may be found is decided here, once, for every engine: approved shops; public products of an
approved shop that can be bought (in stock, or not stock-tracked). Shops on vacation stay findable,
marked as such. A batch costs a fixed number of queries whatever its size.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from oscar.core.loading import get_model

from catalogue.renditions import renditions_by_source
from marketplace.models import Label, LabelGrant
from marketplace.teasers import teaser
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import Shop
from shops.trades import Trade

from .models import SearchEntry
from .query import DocumentKind
from .text import folded

Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

SUMMARY_LENGTH = 200
THUMBNAIL_WIDTH = 400


@dataclass(frozen=True)
class ShopFacts:
    """What a shop lends to its own document and to each of its products' documents."""

    shop: Shop
    label_slugs: tuple[str, ...]
    label_names: tuple[str, ...]
    pickup: bool
    delivery: bool
    trade_names: tuple[str, ...] = ()

    @property
    def searchable(self) -> bool:
        return self.shop.is_public

    @property
    def labels_field(self) -> str:
        return "".join(f"|{slug}" for slug in self.label_slugs) + ("|" if self.label_slugs else "")



def trade_names_in_every_language() -> dict[str, tuple[str, ...]]:
    # Both languages, so "baker" finds the boulangeries for an English-speaking visitor.
    names: dict[str, list[str]] = {}
    for language_code, _language_name in settings.LANGUAGES:
        with translation.override(language_code):
            for code, label in Trade.choices:
                names.setdefault(code, []).append(str(label))
    return {code: tuple(labels) for code, labels in names.items()}


def shop_facts(shop_ids: Iterable[int]) -> dict[int, ShopFacts]:
    shop_ids = set(shop_ids)
    shops = Shop.objects.filter(pk__in=shop_ids).select_related("partner", "commune")
    labels: dict[int, list[Label]] = {}
    for link in LabelGrant.objects.valid_on().filter(shop_id__in=shop_ids).select_related("label").order_by("label__name"):
        labels.setdefault(link.shop_id, []).append(link.label)
    pickup = set(ClickAndCollectOption.objects.filter(shop_id__in=shop_ids, is_active=True).values_list("shop_id", flat=True))
    delivery = set(LocalDeliveryOption.objects.filter(shop_id__in=shop_ids, is_active=True).values_list("shop_id", flat=True))
    trade_names = trade_names_in_every_language()
    return {
        shop.pk: ShopFacts(
            shop=shop,
            label_slugs=tuple(label.slug for label in labels.get(shop.pk, [])),
            label_names=tuple(label.name for label in labels.get(shop.pk, [])),
            pickup=shop.pk in pickup,
            delivery=shop.pk in delivery,
            trade_names=trade_names.get(shop.trade, (shop.trade,)),
        )
        for shop in shops
    }


def _common_fields(facts: ShopFacts) -> dict:
    shop = facts.shop
    return dict(
        shop_id=shop.pk,
        shop_name=shop.partner.name,
        shop_slug=shop.slug,
        trade=shop.trade,
        department_code=shop.commune.department_code,
        commune_name=shop.commune.name,
        postcode=shop.postcode or shop.commune.postcodes.split(" ")[0],
        latitude=shop.latitude,
        longitude=shop.longitude,
        pickup=facts.pickup,
        delivery=facts.delivery,
        on_vacation=shop.on_vacation,
        labels=facts.labels_field,
    )


def shop_entry(facts: ShopFacts) -> SearchEntry:
    shop = facts.shop
    keywords = " ".join([*facts.trade_names, *facts.label_names, shop.commune.name])
    story = strip_tags(shop.story or "")
    return SearchEntry(
        kind=DocumentKind.SHOP,
        object_id=shop.pk,
        title=shop.partner.name[:255],
        url=shop.get_absolute_url(),
        image_url=default_storage.url(shop.logo.name) if shop.logo else "",
        summary=teaser(shop.tagline or story, SUMMARY_LENGTH),
        body=f"{shop.tagline}\n{story}",
        keywords=keywords,
        search_text=folded(" ".join([shop.partner.name, keywords, shop.tagline, story])),
        title_text=folded(shop.partner.name)[:600],
        created_at=shop.approved_at or shop.created_at,
        **_common_fields(facts),
    )


def _thumbnail_url(image, renditions) -> str:
    if image is None:
        return ""
    jpegs = [rendition for rendition in renditions.get(image.original.name, []) if rendition.format == "jpg"]
    small = next((rendition for rendition in jpegs if rendition.width >= THUMBNAIL_WIDTH), jpegs[-1] if jpegs else None)
    return small.file.url if small else default_storage.url(image.original.name)


@dataclass
class ProductParts:
    """A batch's stock records, categories and pictures by product, three queries in all.

    (prefetch_related would build three querysets per product: a third of a rebuild's time.)"""

    stockrecords: dict[int, object]
    categories: dict[int, list]
    images: dict[int, list]

    @classmethod
    def of(cls, product_ids: list[int]) -> ProductParts:
        stockrecords: dict[int, object] = {}
        for record in StockRecord.objects.filter(product_id__in=product_ids).order_by("-pk"):
            stockrecords[record.product_id] = record  # the first one wins, as Oscar's strategy does
        categories: dict[int, list] = {}
        for link in ProductCategory.objects.filter(product_id__in=product_ids).select_related("category").order_by("pk"):
            categories.setdefault(link.product_id, []).append(link.category)
        images: dict[int, list] = {}
        for image in ProductImage.objects.filter(product_id__in=product_ids).order_by("display_order", "pk"):
            images.setdefault(image.product_id, []).append(image)
        return cls(stockrecords, categories, images)


class ProductAddress:
    """Oscar's product address (catalogue:detail) reversed once, then filled per product: a
    reverse() per product was a sixth of a rebuild's time."""

    SLUG, PK = "echoppe-slug-placeholder", 987654321987

    def __init__(self):
        self.template = reverse("catalogue:detail", kwargs={"product_slug": self.SLUG, "pk": self.PK})

    def of(self, product) -> str:
        return self.template.replace(self.SLUG, product.slug).replace(str(self.PK), str(product.pk))


def product_entry(product, stockrecord, facts: ShopFacts, renditions, categories=(), images=(), address: ProductAddress | None = None) -> SearchEntry | None:
    """The product's document, or None when the public cannot buy it."""
    if not (product.is_public and facts.searchable) or product.hidden_by_chamber or stockrecord is None or stockrecord.price is None:
        return None
    # A product made to order is made for each order: orderable without stock (shops/partner/strategy.py).
    tracked = product.get_product_class().track_stock and not product.is_made_to_order
    if tracked and stockrecord.net_stock_level <= 0:
        return None
    category = categories[0] if categories else None
    description = strip_tags(product.description or "")
    keywords = " ".join([*(str(item.name) for item in categories), *facts.trade_names, *facts.label_names, facts.shop.partner.name])
    return SearchEntry(
        kind=DocumentKind.PRODUCT,
        object_id=product.pk,
        title=product.title[:255],
        url=address.of(product) if address else product.get_absolute_url(),
        image_url=_thumbnail_url(images[0] if images else None, renditions),
        summary=teaser(description, SUMMARY_LENGTH),
        body=description,
        keywords=keywords,
        search_text=folded(" ".join([product.title, keywords, description])),
        title_text=folded(product.title)[:600],
        category_id=category.pk if category else None,
        category_name=category.name if category else "",
        price=stockrecord.price,
        in_stock=product.lead_time_days == 0,
        created_at=product.date_created,
        **_common_fields(facts),
    )


def products_with_classes(product_ids: Iterable[int]):
    return Product.objects.filter(pk__in=list(product_ids)).select_related("product_class", "parent__product_class")


def _buyable(product, stockrecord) -> bool:
    # A product made to order is made for each order: orderable without stock (shops/partner/strategy.py).
    tracked = product.get_product_class().track_stock and not product.is_made_to_order
    return stockrecord is not None and stockrecord.price is not None and not (tracked and stockrecord.net_stock_level <= 0)


def cheapest_variant(parent, variants: list, stockrecords: dict):
    """The variant a parent's document stands for: the cheapest of its public variants that can be
    bought, with its stock record; (None, None) when none can (the parent is then not findable,
    as a sold-out standalone product is not)."""
    offers = [
        (child, stockrecords.get(child.pk)) for child in variants
        if child.is_public and _buyable(child, stockrecords.get(child.pk))
    ]
    if not offers:
        return None, None
    return min(offers, key=lambda offer: (offer[1].price, offer[1].pk))


def product_entries(product_ids: Iterable[int], facts_by_shop: dict[int, ShopFacts] | None = None) -> tuple[list[SearchEntry], set[int]]:
    """The documents of these products that may be found, and the ids of those that may not.

    One document per standalone product and per parent; a variant is found through its parent's
    (the parent's title, description, categories and first picture, its cheapest buyable variant's
    price and shop): a variant's id asks for its parent's document, and never has one itself."""
    product_ids = list(product_ids)
    products = list(products_with_classes(product_ids))
    parent_ids = {product.parent_id for product in products if product.parent_id} | {
        product.pk for product in products if product.is_parent
    }
    known = {product.pk for product in products}
    # The parents asked through a variant only, then every parent's variants: two queries.
    products += list(products_with_classes(parent_ids - known)) if parent_ids - known else []
    variants: dict[int, list] = {}
    if parent_ids:
        for child in Product.objects.filter(parent_id__in=parent_ids).select_related("parent__product_class").order_by("pk"):
            variants.setdefault(child.parent_id, []).append(child)
    documented = [product for product in products if not product.is_child]
    variant_ids = [child.pk for children in variants.values() for child in children]
    parts = ProductParts.of([product.pk for product in documented] + variant_ids)
    stockrecords = {}
    for product in documented:
        if product.is_parent:
            child, record = cheapest_variant(product, variants.get(product.pk, []), parts.stockrecords)
            stockrecords[product.pk] = record
        else:
            stockrecords[product.pk] = parts.stockrecords.get(product.pk)
    shop_ids = {record.partner_id for record in stockrecords.values() if record is not None}
    if facts_by_shop is None or not shop_ids <= facts_by_shop.keys():
        facts_by_shop = {**(facts_by_shop or {}), **shop_facts(shop_ids - (facts_by_shop or {}).keys())}
    sources = [images[0].original.name for images in parts.images.values() if images]
    renditions = renditions_by_source(sources)
    entries, address = [], ProductAddress()
    hidden = set(product_ids) | {product.pk for product in documented}
    for product in documented:
        record = stockrecords[product.pk]
        facts = facts_by_shop.get(record.partner_id) if record else None
        entry = product_entry(product, record, facts, renditions, parts.categories.get(product.pk, ()), parts.images.get(product.pk, ()), address) if facts else None
        if entry is not None:
            entries.append(entry)
            hidden.discard(product.pk)
    return entries, hidden


def shop_entries(shop_ids: Iterable[int]) -> tuple[list[SearchEntry], set[int]]:
    shop_ids = list(shop_ids)
    facts_by_shop = shop_facts(shop_ids)
    entries = [shop_entry(facts) for facts in facts_by_shop.values() if facts.searchable]
    return entries, set(shop_ids) - {entry.object_id for entry in entries}


def chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]
