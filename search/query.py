"""What a search asks and what it answers, whatever the engine.

The search page, the JSON API and every engine speak these dataclasses: the parameters are parsed
and checked once (search/forms.py), facts that only the database knows (which shops deliver to the
place, which are open now) are computed once by the service, and each engine only matches, filters,
counts and sorts documents.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from geography.distance import GeoPoint


class ResultType(models.TextChoices):
    PRODUCTS = "products", _("Products")
    SHOPS = "shops", _("Shops")


class DocumentKind(models.TextChoices):
    PRODUCT = "product", _("product")
    SHOP = "shop", _("shop")


KIND_OF_RESULT_TYPE = {ResultType.PRODUCTS: DocumentKind.PRODUCT, ResultType.SHOPS: DocumentKind.SHOP}


class Sort(models.TextChoices):
    RELEVANCE = "relevance", _("Relevance")
    DISTANCE = "distance", _("Distance")
    PRICE = "price", _("Price, lowest first")
    NEWEST = "newest", _("Newest")


# The radius choices every search box offers (header, home page, search page), and their default.
RADIUS_CHOICES_KM = (5, 10, 20, 50, 100)
DEFAULT_RADIUS_KM = 20
MAX_RADIUS_KM = 200
MAX_TEXT_LENGTH = 200
MAX_PAGE = 500
PAGE_SIZE = 20

# Price facet buckets: (key, lowest included, highest excluded).
PRICE_BUCKETS: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("0-10", None, Decimal("10")),
    ("10-20", Decimal("10"), Decimal("20")),
    ("20-50", Decimal("20"), Decimal("50")),
    ("50-100", Decimal("50"), Decimal("100")),
    ("100-", Decimal("100"), None),
)



def price_bucket_bounds(key: str) -> tuple[Decimal | None, Decimal | None]:
    """The bucket as the inclusive price filter: "10-20" is 10.00 to 19.99 €."""
    _key, low, high = next(bucket for bucket in PRICE_BUCKETS if bucket[0] == key)
    return low, (high - Decimal("0.01")) if high is not None else None


# Facets by dimension. Multi-valued ones count documents per value; flags count documents that
# have the flag. Each dimension is counted with every filter applied except its own, so ticking a
# trade still shows how many results the other trades would give.
VALUE_FACETS = ("trade", "category", "department", "labels", "price")
FLAG_FACETS = ("pickup", "delivers_here", "open_now", "in_stock")


@dataclass(frozen=True)
class Place:
    """Where the customer is: a commune (from a postcode, a name or an INSEE code) or a position."""

    point: GeoPoint
    label: str
    insee_code: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    place: Place | None = None
    radius_km: float | None = None
    result_type: str = ResultType.PRODUCTS
    sort: str = Sort.RELEVANCE
    trades: tuple[str, ...] = ()
    category_ids: tuple[int, ...] = ()
    department_codes: tuple[str, ...] = ()
    label_slugs: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    pickup: bool = False
    delivers_here: bool = False
    open_now: bool = False
    in_stock: bool = False
    # « Retrait à <point> »: the shops serving a shared collection point (its slug).
    collection_point: str = ""
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def kind(self) -> str:
        return KIND_OF_RESULT_TYPE[ResultType(self.result_type)]

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def effective_sort(self) -> str:
        """The sort that applies: distance needs a place, price needs products, relevance needs text."""
        if self.sort == Sort.DISTANCE and self.place is None:
            return Sort.RELEVANCE if self.text else Sort.NEWEST
        if self.sort == Sort.PRICE and self.kind == DocumentKind.SHOP:
            return Sort.RELEVANCE
        if self.sort == Sort.RELEVANCE and not self.text:
            # Browsing: nearest first around a place, else newest first.
            return Sort.DISTANCE if self.place is not None else Sort.NEWEST
        return self.sort


@dataclass(frozen=True)
class ShopSets:
    """Facts about shops the database computes for each search (they change by the minute):
    the shops whose delivery zone covers the place (None without a place), the shops open now."""

    delivering_here: frozenset[int] | None = None
    open_now: frozenset[int] = frozenset()
    # The shops serving the collection point asked for (None when none is asked).
    collecting_at: frozenset[int] | None = None


@dataclass
class SearchHit:
    kind: str
    object_id: int
    title: str
    shop_id: int
    shop_name: str
    shop_slug: str
    url: str
    image_url: str = ""
    summary: str = ""
    price: Decimal | None = None
    trade: str = ""
    commune_name: str = ""
    postcode: str = ""
    latitude: float = 0.0
    longitude: float = 0.0
    on_vacation: bool = False
    labels: tuple[str, ...] = ()
    distance_km: float | None = None


@dataclass
class EngineAnswer:
    """What an engine returns: one page of hits, the total, and raw counts per facet value."""

    hits: list[SearchHit]
    total: int
    value_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    flag_counts: dict[str, int] = field(default_factory=dict)


class EngineUnavailable(Exception):
    """The engine cannot answer now (cluster down, index missing): the service falls back."""
