"""Browsing the catalogue (/catalogue/ and a category's page): which products, filtered and sorted,
and the counts that guide the visitor (sub-categories, trades, availability, price ranges).

What the public may see is not decided here: the list starts from ``Product.objects.browsable()``
(catalogue/models.py: public, canonical, sold by a shop the chamber approved and has not suspended,
not hidden by the chamber), the rule the product page, the storefronts and the home page apply, and
the search index too (which, besides, leaves out what is sold out: a sold-out product is listed
here, as on its shop's storefront, and its page says so).
A page costs a fixed number of queries whatever its size: one aggregate for the total, the price
ranges and the availability, one grouped count for the trades, one for the sub-categories, and the
page of cards (ProductQuerySet.for_cards).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce, Substr
from django.http import QueryDict
from django.utils.translation import gettext as _, gettext_lazy
from oscar.core.loading import get_model

from search.explain import result_count
from search.query import PRICE_BUCKETS, ResultType
from search.service import price_bucket_label
from shops.trades import Trade

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
StockRecord = get_model("partner", "StockRecord")

PAGE_SIZE = 24


class Availability:
    NOW = "now"
    MADE_TO_ORDER = "made-to-order"
    CHOICES = ((NOW, gettext_lazy("Available now")), (MADE_TO_ORDER, gettext_lazy("Made to order")))


class BrowseSort:
    NEWEST = "newest"
    PRICE = "price"
    PRICE_DESC = "price-desc"
    CHOICES = (
        (NEWEST, gettext_lazy("Newest")),
        (PRICE, gettext_lazy("Price, lowest first")),
        (PRICE_DESC, gettext_lazy("Price, highest first")),
    )


TRADE_NAMES = dict(Trade.choices)
PRICE_KEYS = {key for key, _low, _high in PRICE_BUCKETS}


def product_count(count: int) -> str:
    """« aucun produit », « 1 produit », « 1 234 produits »."""
    return result_count(count, ResultType.PRODUCTS)


@dataclass(frozen=True)
class BrowseFilters:
    """What the visitor asked for, every value checked: an unknown one is dropped, and said."""

    trades: tuple[str, ...] = ()
    availability: str = ""
    price_range: str = ""
    sort: str = BrowseSort.NEWEST
    page: int = 1
    ignored: tuple[str, ...] = ()  # the parameters whose value was not understood
    bad_page: bool = False

    @property
    def active_count(self) -> int:
        return len(self.trades) + bool(self.availability) + bool(self.price_range)

    @classmethod
    def from_query(cls, parameters: QueryDict) -> BrowseFilters:
        ignored = []
        trades = []
        for value in parameters.getlist("trade"):
            if value in TRADE_NAMES:
                if value not in trades:
                    trades.append(value)
            elif value:
                ignored.append("trade")

        def one_of(name: str, allowed, default: str = "") -> str:
            value = parameters.get(name, "")
            if value in allowed:
                return value
            if value:
                ignored.append(name)
            return default

        availability = one_of("availability", {code for code, _label in Availability.CHOICES})
        price_range = one_of("price_range", PRICE_KEYS)
        sort = one_of("sort", {code for code, _label in BrowseSort.CHOICES}, BrowseSort.NEWEST)
        page, bad_page = 1, False
        raw_page = parameters.get("page", "")
        if raw_page:
            if raw_page.isascii() and raw_page.isdigit() and len(raw_page) <= 6 and int(raw_page) >= 1:
                page = int(raw_page)
            else:
                bad_page = True
        return cls(tuple(trades), availability, price_range, sort, page, tuple(dict.fromkeys(ignored)), bad_page)


@dataclass
class FacetChoice:
    value: str
    label: str
    count: int
    selected: bool = False

    @property
    def count_words(self) -> str:
        return product_count(self.count)


@dataclass
class SubCategory:
    category: object
    url: str
    count: int

    @property
    def count_words(self) -> str:
        return product_count(self.count)


@dataclass
class Facets:
    sub_categories: list[SubCategory] = field(default_factory=list)
    trades: list[FacetChoice] = field(default_factory=list)
    availability: list[FacetChoice] = field(default_factory=list)
    prices: list[FacetChoice] = field(default_factory=list)


# --- The products ----------------------------------------------------------------------------------

def _ids(products):
    return products.order_by().values("pk")


def _first_stockrecord():
    # The stock record a card shows (for_cards orders them by pk): its price and its shop's trade.
    return StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")


def in_category(products, category):
    """``products`` filed in ``category`` or any of its descendants (EXISTS: one row per product)."""
    if category is None:
        return products
    filed = ProductCategory.objects.filter(product=OuterRef("pk"), category__path__startswith=category.path)
    return products.filter(Exists(filed))


def _made_to_order() -> Q:
    # As the product page says it: made to order with a making time (catalogue/product_page.py).
    return Q(is_made_to_order=True, lead_time_days__gt=0)


def _availability_q(code: str) -> Q:
    if code == Availability.NOW:
        return ~_made_to_order()
    if code == Availability.MADE_TO_ORDER:
        return _made_to_order()
    return Q()


def _price_q(key: str) -> Q:
    for bucket_key, low, high in PRICE_BUCKETS:
        if bucket_key == key:
            condition = Q()
            if low is not None:
                condition &= Q(card_price__gte=low)
            if high is not None:
                condition &= Q(card_price__lt=high)
            return condition
    return Q()


def _cheapest_variant_stockrecord():
    # A parent's card shows its cheapest variant that can be bought, else its cheapest
    # (Product.card_stockrecord): its price and its shop, for the filters and the sort too.
    can_be_bought = Q(product__is_made_to_order=True) | Q(num_in_stock__isnull=True) | Q(
        num_in_stock__gt=Coalesce(F("num_allocated"), 0)
    )
    return StockRecord.objects.filter(product__parent=OuterRef("pk"), product__is_public=True, price__isnull=False).order_by(
        Case(When(can_be_bought, then=0), default=1), "price", "pk"
    )


def _card_fact(field_name: str):
    # COALESCE evaluates the variants' subquery only for a product without a stock record of its own.
    return Coalesce(
        Subquery(_first_stockrecord().values(field_name)[:1]),
        Subquery(_cheapest_variant_stockrecord().values(field_name)[:1]),
    )


def _with_card_facts(products):
    return products.annotate(card_price=_card_fact("price"), card_trade=_card_fact("partner__shop__trade"))


def browsable_products(category=None):
    """What the public may browse, in ``category``'s tree, with each card's price and trade."""
    return _with_card_facts(in_category(Product.objects.browsable(), category))


def countable_products(category=None):
    """The same products for counting, without what only cards read (for_cards' annotations)."""
    return _with_card_facts(Product.objects.filter(pk__in=_ids(in_category(Product.objects.browsable(), category))))


def filtered(products, filters: BrowseFilters, *, without: str = ""):
    """``products`` narrowed by every filter but ``without`` (a facet is counted without its own)."""
    if filters.trades and without != "trade":
        products = products.filter(card_trade__in=filters.trades)
    if filters.availability and without != "availability":
        products = products.filter(_availability_q(filters.availability))
    if filters.price_range and without != "price":
        products = products.filter(_price_q(filters.price_range))
    return products


def sorted_products(products, sort: str):
    if sort == BrowseSort.PRICE:
        return products.order_by(F("card_price").asc(nulls_last=True), "-date_created", "-pk")
    if sort == BrowseSort.PRICE_DESC:
        return products.order_by(F("card_price").desc(nulls_last=True), "-date_created", "-pk")
    return products.order_by("-date_created", "-pk")


# --- The counts ------------------------------------------------------------------------------------

def counts_by_price_and_availability(products, filters: BrowseFilters) -> tuple[int, dict[str, int], dict[str, int]]:
    """The total, and the counts per price range and per availability, in one aggregate: each
    counted with the other filters applied but not its own."""
    base = filtered(products, filters, without="price")  # trades applied; price and availability below
    own_availability = _availability_q(filters.availability)
    own_price = _price_q(filters.price_range)
    aggregates = {"total": Count("pk", filter=own_availability & own_price)}
    for key, _low, _high in PRICE_BUCKETS:
        aggregates[f"price_{key}"] = Count("pk", filter=_price_q(key) & own_availability)
    for code, _label in Availability.CHOICES:
        aggregates[f"availability_{code}"] = Count("pk", filter=_availability_q(code) & own_price)
    row = base.order_by().aggregate(**aggregates)
    prices = {key: row[f"price_{key}"] for key, _low, _high in PRICE_BUCKETS}
    availability = {code: row[f"availability_{code}"] for code, _label in Availability.CHOICES}
    return row["total"], prices, availability


def counts_by_trade(products, filters: BrowseFilters) -> dict[str, int]:
    rows = filtered(products, filters, without="trade").order_by().values("card_trade").annotate(count=Count("pk"))
    return {row["card_trade"]: row["count"] for row in rows if row["card_trade"]}


def sub_categories(category, products) -> list[SubCategory]:
    """The public categories one level below ``category`` (the top ones for the whole catalogue),
    each with the number of ``products`` in its tree: two queries."""
    depth = category.depth if category is not None else 0
    prefix = category.path if category is not None else ""
    children = list(Category.objects.browsable().filter(depth=depth + 1, path__startswith=prefix).order_by("path"))
    if not children:
        return []
    branch_length = Category.steplen * (depth + 1)
    rows = (
        ProductCategory.objects.filter(product__in=_ids(products), category__path__startswith=prefix, category__depth__gt=depth)
        .annotate(branch=Substr("category__path", 1, branch_length))
        .values("branch")
        .annotate(count=Count("product_id", distinct=True))
        .order_by()
    )
    counts = {row["branch"]: row["count"] for row in rows}
    # Addresses from the parent's slug: no query per child for its ancestors.
    parent_slug = category.full_slug if category is not None else None
    return [
        SubCategory(child, child._get_absolute_url(parent_slug=parent_slug), counts.get(child.path, 0))
        for child in children
    ]


# --- The page --------------------------------------------------------------------------------------

@dataclass
class Browse:
    filters: BrowseFilters
    total: int
    facets: Facets
    products: object  # the sorted, filtered queryset, to paginate
    notices: list[str] = field(default_factory=list)

    @property
    def count_words(self) -> str:
        return product_count(self.total)

    def page(self, page_size: int = PAGE_SIZE):
        """The page asked for; the first one, said so, for a page that is not a number or does
        not exist. The count is the facets' total: no COUNT query of its own."""
        paginator = Paginator(self.products, page_size)
        paginator.count = self.total  # cached_property: set once, never queried
        number = self.filters.page
        if self.filters.bad_page or number > paginator.num_pages:
            self.notices.append(_("This page of results does not exist: here is the first one."))
            number = 1
        return paginator.page(number)


def browse(category, filters: BrowseFilters) -> Browse:
    """The catalogue (or ``category``'s part of it) as ``filters`` ask, with its facets."""
    countable = countable_products(category)
    total, price_counts, availability_counts = counts_by_price_and_availability(countable, filters)
    trade_counts = counts_by_trade(countable, filters)
    facets = Facets(
        sub_categories=sub_categories(category, filtered(countable, filters)),
        trades=sorted(
            (
                FacetChoice(code, str(TRADE_NAMES[code]), trade_counts.get(code, 0), code in filters.trades)
                for code in TRADE_NAMES
                if trade_counts.get(code) or code in filters.trades
            ),
            key=lambda choice: (-choice.count, choice.label),
        ),
        availability=[
            FacetChoice(code, str(label), availability_counts[code], code == filters.availability)
            for code, label in Availability.CHOICES
        ],
        prices=[
            FacetChoice(key, price_bucket_label(key), price_counts[key], key == filters.price_range)
            for key, _low, _high in PRICE_BUCKETS
            if price_counts[key] or key == filters.price_range
        ],
    )
    notices = []
    if filters.ignored:
        notices.append(_("Some filters were not understood and are ignored."))
    listed = sorted_products(filtered(browsable_products(category), filters), filters.sort)
    return Browse(filters, total, facets, listed, notices)
