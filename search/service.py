"""Running a search: facts from the database, the configured engine, the fallback, labelled facets."""

from __future__ import annotations

import datetime
import logging
import math
import time
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from geography.models import Commune
from marketplace.models import Label
from shops.delivery import shop_ids_delivering_to
from shops.hours import shop_ids_open_at
from shops.trades import Trade

from .engines import configured_engine, database_engine
from .query import PRICE_BUCKETS, EngineAnswer, price_bucket_bounds, EngineUnavailable, SearchHit, SearchQuery, ShopSets

logger = logging.getLogger(__name__)
Category = get_model("catalogue", "Category")


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class FlagFacet:
    name: str
    label: str
    count: int
    selected: bool


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[SearchHit]
    total: int
    facets: list[Facet] = field(default_factory=list)
    flags: list[FlagFacet] = field(default_factory=list)
    engine: str = "database"
    fell_back: bool = False
    notices: list[str] = field(default_factory=list)

    @property
    def is_past_the_end(self) -> bool:
        return self.query.page > 1 and not self.hits

    @property
    def page_count(self) -> int:
        return max(1, math.ceil(self.total / self.query.page_size))

    @property
    def has_next(self) -> bool:
        return self.query.page < self.page_count

    @property
    def has_previous(self) -> bool:
        return self.query.page > 1


def shop_sets_for(query: SearchQuery, now: datetime.datetime | None = None) -> ShopSets:
    delivering = None
    if query.place is not None and query.place.insee_code:
        commune = Commune.objects.filter(insee_code=query.place.insee_code).first()
        delivering = shop_ids_delivering_to(commune, query.place.postcode) if commune else frozenset()
    collecting_at = None
    if query.collection_point:
        from collection.models import ShopSession

        collecting_at = frozenset(ShopSession.objects.filter(
            session__point__slug=query.collection_point, session__point__is_active=True, session__is_active=True
        ).values_list("shop_id", flat=True))
    return ShopSets(delivering_here=delivering, open_now=shop_ids_open_at(now or timezone.now()), collecting_at=collecting_at)


class ClusterBreaker:
    """After a cluster failure, go straight to the database for a while: a cluster that does not
    answer must not cost every search (and every keystroke's suggestions) its timeout."""

    PAUSE_SECONDS = 30.0

    def __init__(self):
        self.down_until = 0.0

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self) -> None:
        self.down_until = time.monotonic() + self.PAUSE_SECONDS

    def reset(self) -> None:
        self.down_until = 0.0


breaker = ClusterBreaker()


def _engine_for_searching():
    engine = configured_engine()
    if engine.name != "database" and breaker.is_open():
        return database_engine(), True
    return engine, False


def run_search(query: SearchQuery, now: datetime.datetime | None = None) -> SearchResults:
    shops = shop_sets_for(query, now)
    engine, fell_back = _engine_for_searching()
    try:
        answer = engine.search(query, shops)
    except EngineUnavailable as failure:
        if engine.name == "database":
            raise
        logger.warning("Search engine %s unavailable (%s): answering from the database for %d s.", engine.name, failure, ClusterBreaker.PAUSE_SECONDS)
        breaker.trip()
        engine, fell_back = database_engine(), True
        answer = engine.search(query, shops)
    return SearchResults(
        query=query, hits=answer.hits, total=answer.total, facets=labelled_facets(query, answer),
        flags=labelled_flags(query, answer), engine=engine.name, fell_back=fell_back,
    )


def suggest(text: str, limit: int = 8) -> list[str]:
    engine, _fell_back = _engine_for_searching()
    try:
        return engine.suggest(text, limit)
    except EngineUnavailable as failure:
        logger.warning("Search suggestions from the database (%s).", failure)
        breaker.trip()
        return database_engine().suggest(text, limit)


def price_bucket_label(key: str) -> str:
    _key, low, high = next(bucket for bucket in PRICE_BUCKETS if bucket[0] == key)
    if low is None:
        return _("Under %(price)s €") % {"price": number_format(high, 0)}
    if high is None:
        return _("%(price)s € and more") % {"price": number_format(low, 0)}
    return _("%(low)s to %(high)s €") % {"low": number_format(low, 0), "high": number_format(high, 0)}


def labelled_facets(query: SearchQuery, answer: EngineAnswer) -> list[Facet]:
    counts = answer.value_counts
    trade_names = dict(Trade.choices)
    category_ids = [int(value) for value in counts.get("category", {}) if value.isdigit()] + list(query.category_ids)
    category_names = {str(pk): name for pk, name in Category.objects.filter(pk__in=category_ids).values_list("pk", "name")}
    department_names = dict(
        Commune.objects.filter(department_code__in=[*counts.get("department", {}), *query.department_codes]).values_list("department_code", "department_name").distinct()
    )
    label_names = dict(Label.objects.filter(slug__in=[*counts.get("labels", {}), *query.label_slugs]).values_list("slug", "name"))
    selected_prices = {key for key, _low, _high in PRICE_BUCKETS if (query.price_min, query.price_max) == price_bucket_bounds(key)}

    def facet(name: str, label: str, names: dict, selected) -> Facet:
        counted = counts.get(name, {})
        # A ticked value stays shown (count 0 if need be), so it can always be unticked.
        values = [
            FacetValue(value, str(names.get(value, value)), counted.get(value, 0), value in selected)
            for value in {*(value for value, count in counted.items() if count), *selected}
        ]
        values.sort(key=lambda item: (not item.selected, -item.count, item.label))
        return Facet(name, label, values)

    facets = [
        facet("trade", _("Trade"), trade_names, set(query.trades)),
        facet("category", _("Category"), category_names, {str(pk) for pk in query.category_ids}),
        facet("department", _("Department"), {code: f"{name} ({code})" for code, name in department_names.items()}, set(query.department_codes)),
        facet("labels", _("Labels"), label_names, set(query.label_slugs)),
    ]
    prices = Facet("price", _("Price"), [
        FacetValue(key, price_bucket_label(key), counts.get("price", {}).get(key, 0), key in selected_prices)
        for key, _low, _high in PRICE_BUCKETS if counts.get("price", {}).get(key) or key in selected_prices
    ])
    return [item for item in [*facets, prices] if item.values]


def labelled_flags(query: SearchQuery, answer: EngineAnswer) -> list[FlagFacet]:
    names = {
        "pickup": (_("Click-and-collect"), query.pickup),
        "delivers_here": (_("Delivers to my address"), query.delivers_here),
        "open_now": (_("Open now"), query.open_now),
        "in_stock": (_("Available now"), query.in_stock),
    }
    return [FlagFacet(name, str(label), answer.flag_counts[name], selected) for name, (label, selected) in names.items() if name in answer.flag_counts]
