"""The cluster engine: the search documents copied to Elasticsearch or OpenSearch.

Mappings and queries are built with ``elasticsearch.dsl`` (the DSL shipped inside the
``elasticsearch`` package) and sent as plain JSON through the client of the cluster's flavour
(settings.SEARCH_CLUSTER_FLAVOUR): the Elasticsearch client (8.x speaks to Elasticsearch 8 and 9)
refuses any other server, so OpenSearch goes through opensearch-py. Both clients hide behind a tiny
adapter (``ClusterClient``) whose errors all become ``ClusterError``; the engine turns those into
EngineUnavailable so the service answers from the database instead.

Searches and writes go through the alias ``settings.SEARCH_INDEX_PREFIX``. A rebuild fills a new
``{prefix}-{UTC timestamp}`` index, then moves the alias to it in one atomic call and deletes the
older indices, so searches keep answering from the old index until the switch.
"""

from __future__ import annotations

import datetime
import functools
import itertools
import logging
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from elasticsearch.dsl import A, Index, Mapping, Q, Search, analyzer, char_filter, field, normalizer, token_filter
from elasticsearch.dsl.query import Query

from geography.distance import GeoPoint, haversine_km

from ..query import PRICE_BUCKETS, DocumentKind, EngineAnswer, EngineUnavailable, SearchHit, SearchQuery, ShopSets, Sort
from ..text import MAX_QUERY_WORDS
from .base import SearchEngine

logger = logging.getLogger(__name__)

BULK_CHUNK_SIZE = 500
# Rebuild chunks may take longer than a search may wait.
BULK_TIMEOUT_SECONDS = 60.0
# More values than any facet shows (trades, departments, categories, labels).
FACET_SIZE = 500
SUGGESTION_CANDIDATES_PER_TITLE = 4
# Typos tolerated in analysed terms of at least 5 letters (one) and 8 letters (two); shorter
# words must be exact, or "pain" would also find "main" and "paix". The first letter must be right.
FUZZINESS = "AUTO:5,8"
FUZZY_PREFIX_LENGTH = 1
TEXT_FIELDS = ("title^3", "keywords^2", "shop_name^1.5", "body")

# --- Analysis ---------------------------------------------------------------------------------------
#
# Each searched text field uses the built-in ``french`` analyzer (elision, French stop words, light
# stemming: "pains" finds "pain", "creme" finds "Crème"). Its light stemmer (Lucene's
# FrenchLightStemmer) folds only some accents (à á â é è ê ô ù û î ç) and only in words of more than
# four letters, so "pate" would miss "Pâte", "noel" miss "Noël" and "oeuf" miss "Œuf": a ``folded``
# sub-field adds ASCII folding before the (Snowball) French stemmer, and a word matches if either
# form matches.
# Apostrophes are turned into spaces by a char filter rather than an ``elision`` token filter: the
# effect on "l'épicerie" is the same, and it also works on servers without ``elision`` (osmem).

APOSTROPHES = char_filter("echoppe_apostrophes", "pattern_replace", pattern="['’`]", replacement=" ")
FRENCH_STOP = token_filter("echoppe_french_stop", "stop", stopwords="_french_")
FRENCH_STEMMER = token_filter("echoppe_french_stemmer", "stemmer", language="french")
WORD_STARTS = token_filter("echoppe_word_start_grams", "edge_ngram", min_gram=1, max_gram=20)

# The same stop words as ``french``, removed before folding since the list is accented: a stop word
# then neither has to be found nor weighs in the score, whichever form matches.
FOLDED_FRENCH = analyzer(
    "echoppe_folded_french", tokenizer="standard", char_filter=[APOSTROPHES],
    filter=["lowercase", FRENCH_STOP, "asciifolding", FRENCH_STEMMER],
)
# Every beginning of every word, folded: "cre" finds "Crème", for typing ahead.
WORD_STARTS_INDEX = analyzer(
    "echoppe_word_starts", tokenizer="standard", char_filter=[APOSTROPHES],
    filter=["lowercase", "asciifolding", WORD_STARTS],
)
WORD_STARTS_SEARCH = analyzer(
    "echoppe_word_starts_search", tokenizer="standard", char_filter=[APOSTROPHES], filter=["lowercase", "asciifolding"],
)
FOLDED_KEYWORD = normalizer("echoppe_folded_keyword", filter=["lowercase", "asciifolding"])


def _french_text(**kwargs: Any) -> field.Text:
    sub_fields = {"folded": field.Text(analyzer=FOLDED_FRENCH), **kwargs.pop("fields", {})}
    return field.Text(analyzer="french", fields=sub_fields, **kwargs)


def _stored_only() -> field.Keyword:
    # Returned with the hits, never searched: no index, no doc values.
    return field.Keyword(index=False, doc_values=False)


def document_mapping() -> Mapping:
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    properties: dict[str, field.Field] = {
        "kind": field.Keyword(),
        "object_id": field.Long(),
        "shop_id": field.Long(),
        "title": _french_text(fields={
            "starts": field.Text(analyzer=WORD_STARTS_INDEX, search_analyzer=WORD_STARTS_SEARCH),
            "sort": field.Keyword(normalizer=FOLDED_KEYWORD, ignore_above=256),
        }),
        "shop_name": _french_text(),
        "keywords": _french_text(),
        "body": _french_text(),
        "trade": field.Keyword(),
        "department_code": field.Keyword(),
        "labels": field.Keyword(),
        "category_id": field.Long(),
        "category_name": field.Text(analyzer="french"),
        "commune_name": field.Text(analyzer="french"),
        "postcode": field.Keyword(),
        "location": field.GeoPoint(),
        # A double, not a scaled_float: a scaled_float range rounds its bounds to cents after a
        # float multiplication, so "price <= 19.90" could miss a price of 19.90.
        "price": field.Double(),
        "in_stock": field.Boolean(),
        "pickup": field.Boolean(),
        "delivery": field.Boolean(),
        "on_vacation": field.Boolean(),
        "created_at": field.Date(),
        "shop_slug": _stored_only(),
        "url": _stored_only(),
        "image_url": _stored_only(),
        "summary": _stored_only(),
    }
    for name, definition in properties.items():
        mapping.field(name, definition)
    return mapping


def index_definition(name: str, alias: str | None = None) -> dict:
    """The body that creates index ``name`` (settings, analysis, mappings), optionally with the alias."""
    index = Index(name)
    # The documents of a region fit one shard, and one shard keeps scores consistent.
    index.settings(number_of_shards=1)
    index.mapping(document_mapping())
    if alias:
        index.aliases(**{alias: {}})
    return index.to_dict()


# --- Documents --------------------------------------------------------------------------------------

SOURCE_FIELDS = [
    "kind", "object_id", "shop_id", "title", "shop_name", "shop_slug", "url", "image_url", "summary", "price",
    "trade", "commune_name", "postcode", "location", "on_vacation", "labels",
]


def document_id(kind: str, object_id: int) -> str:
    return f"{kind}-{object_id}"


def document_of(entry) -> dict:
    """The cluster document of a SearchEntry (saved or not: only its attributes are read)."""
    return {
        "kind": str(entry.kind),
        "object_id": entry.object_id,
        "shop_id": entry.shop_id,
        "title": entry.title,
        "shop_name": entry.shop_name,
        "shop_slug": entry.shop_slug,
        "url": entry.url,
        "image_url": entry.image_url,
        "summary": entry.summary,
        "body": entry.body,
        "keywords": entry.keywords,
        "trade": entry.trade,
        "department_code": entry.department_code,
        "labels": list(entry.label_slugs),
        "category_id": entry.category_id,
        "category_name": entry.category_name,
        "commune_name": entry.commune_name,
        "postcode": entry.postcode,
        "location": {"lat": entry.latitude, "lon": entry.longitude},
        "price": None if entry.price is None else float(entry.price),
        "in_stock": entry.in_stock,
        "pickup": entry.pickup,
        "delivery": entry.delivery,
        "on_vacation": entry.on_vacation,
        "created_at": entry.created_at.isoformat(),
    }


def hit_of(source: dict, place_point: GeoPoint | None) -> SearchHit:
    location = source["location"]
    latitude, longitude = float(location["lat"]), float(location["lon"])
    price = source.get("price")
    return SearchHit(
        kind=source["kind"],
        object_id=int(source["object_id"]),
        title=source["title"],
        shop_id=int(source["shop_id"]),
        shop_name=source["shop_name"],
        shop_slug=source["shop_slug"],
        url=source["url"],
        image_url=source.get("image_url") or "",
        summary=source.get("summary") or "",
        # The shortest repr of the float is the decimal that was sent (prices have two decimals).
        price=None if price is None else Decimal(str(price)).quantize(Decimal("0.01")),
        trade=source.get("trade") or "",
        commune_name=source.get("commune_name") or "",
        postcode=source.get("postcode") or "",
        latitude=latitude,
        longitude=longitude,
        on_vacation=bool(source.get("on_vacation")),
        labels=tuple(source.get("labels") or ()),
        distance_km=None if place_point is None else haversine_km(place_point, GeoPoint(latitude, longitude)),
    )


# --- Queries ----------------------------------------------------------------------------------------


def text_query(text: str) -> Query | None:
    """Every word must match a word of the title, keywords, body or shop name (any one of them)."""
    words = list(dict.fromkeys(text.split()))[:MAX_QUERY_WORDS]
    if not words:
        return None
    return Q("bool", must=[word_query(word, is_last=index == len(words) - 1) for index, word in enumerate(words)])


def word_query(word: str, is_last: bool) -> Query:
    fields = [*TEXT_FIELDS, *(_folded(name) for name in TEXT_FIELDS)]
    # One word may analyse into several terms ("crème-fraîche"): all must be in the same field. A
    # stop word analyses into none and then matches everything ("pain au seigle" finds "Pain de
    # seigle"), as PostgreSQL's French full-text search does.
    matches = Q(
        "multi_match", query=word, fields=fields, operator="and", fuzziness=FUZZINESS,
        prefix_length=FUZZY_PREFIX_LENGTH, zero_terms_query="all",
    )
    if not is_last:
        return matches
    # The last word may still be being typed: a title word starting with it also counts.
    return Q("bool", should=[matches, Q("match", **{"title.starts": {"query": word, "operator": "and"}})], minimum_should_match=1)


def _folded(weighted_field: str) -> str:
    name, _sep, boost = weighted_field.partition("^")
    return f"{name}.folded^{boost}" if boost else f"{name}.folded"


def facet_filters(query: SearchQuery, shops: ShopSets) -> dict[str, Query]:
    """The active filters by facet dimension (each facet is counted without its own filter)."""
    filters: dict[str, Query] = {}
    if query.trades:
        filters["trade"] = Q("terms", trade=list(query.trades))
    if query.category_ids:
        filters["category"] = Q("terms", category_id=list(query.category_ids))
    if query.department_codes:
        filters["department"] = Q("terms", department_code=list(query.department_codes))
    if query.label_slugs:
        filters["labels"] = Q("terms", labels=list(query.label_slugs))
    if query.price_min is not None or query.price_max is not None:
        bounds = {}
        if query.price_min is not None:
            bounds["gte"] = float(query.price_min)
        if query.price_max is not None:
            bounds["lte"] = float(query.price_max)
        filters["price"] = Q("range", price=bounds)
    if query.pickup:
        filters["pickup"] = Q("term", pickup=True)
    if query.in_stock:
        filters["in_stock"] = Q("term", in_stock=True)
    if query.delivers_here and shops.delivering_here is not None:
        filters["delivers_here"] = _shops_in(shops.delivering_here)
    if query.open_now:
        filters["open_now"] = _shops_in(shops.open_now)
    if query.collection_point and shops.collecting_at is not None:
        filters["collection_point"] = _shops_in(shops.collecting_at)
    return filters


def _shops_in(shop_ids: frozenset[int]) -> Query:
    # An empty set matches nothing, as it must ("open now" when no shop is open).
    return Q("terms", shop_id=sorted(shop_ids))


def _all_of(filters: Iterable[Query]) -> Query:
    return Q("bool", filter=list(filters))


def value_aggregations(query: SearchQuery) -> dict[str, A]:
    aggregations = {
        "trade": A("terms", field="trade", size=FACET_SIZE),
        "department": A("terms", field="department_code", size=FACET_SIZE),
        "labels": A("terms", field="labels", size=FACET_SIZE),
    }
    if query.kind == DocumentKind.PRODUCT:
        aggregations["category"] = A("terms", field="category_id", size=FACET_SIZE)
        # PRICE_BUCKETS and range aggregations agree: lowest included, highest excluded.
        ranges = [_price_range(key, low, high) for key, low, high in PRICE_BUCKETS]
        aggregations["price"] = A("range", field="price", ranges=ranges)
    return aggregations


def _price_range(key: str, low: Decimal | None, high: Decimal | None) -> dict:
    bucket: dict[str, Any] = {"key": key}
    if low is not None:
        bucket["from"] = float(low)
    if high is not None:
        bucket["to"] = float(high)
    return bucket


def flag_conditions(query: SearchQuery, shops: ShopSets) -> dict[str, Query]:
    conditions = {"pickup": Q("term", pickup=True), "open_now": _shops_in(shops.open_now)}
    if query.kind == DocumentKind.PRODUCT:
        conditions["in_stock"] = Q("term", in_stock=True)
    if shops.delivering_here is not None:
        conditions["delivers_here"] = _shops_in(shops.delivering_here)
    return conditions


def sort_keys(query: SearchQuery) -> list:
    sort = query.effective_sort
    # Ties broken by object id, so that pages never overlap.
    tie_break = {"object_id": {"order": "asc"}}
    if sort == Sort.DISTANCE:
        point = query.place.point
        by_distance = {"location": {"lat": point.latitude, "lon": point.longitude}, "order": "asc", "unit": "km", "distance_type": "arc"}
        return [{"_geo_distance": by_distance}, tie_break]
    if sort == Sort.PRICE:
        return [{"price": {"order": "asc", "missing": "_last"}}, tie_break]
    if sort == Sort.NEWEST or not query.text:
        return [{"created_at": {"order": "desc"}}, tie_break]
    return [{"_score": {"order": "desc"}}, tie_break]


def search_request(query: SearchQuery, shops: ShopSets) -> Search:
    """The whole request: matching query, post-filter, facet aggregations, sort and page."""
    scope = [Q("term", kind=str(query.kind))]
    if query.place is not None and query.radius_km is not None:
        point = query.place.point
        scope.append(Q(
            "geo_distance", distance=f"{query.radius_km}km", distance_type="arc",
            location={"lat": point.latitude, "lon": point.longitude},
        ))
    matching = text_query(query.text)
    search = Search().query(Q("bool", must=[matching] if matching else [], filter=scope))
    filters = facet_filters(query, shops)
    if filters:
        # After the aggregations: each facet below applies every filter but its own.
        search = search.post_filter(_all_of(filters.values()))
    for dimension, aggregation in value_aggregations(query).items():
        others = [condition for name, condition in filters.items() if name != dimension]
        search.aggs.bucket(f"value_{dimension}", "filter", filter=_all_of(others)).bucket("values", aggregation)
    for flag, condition in flag_conditions(query, shops).items():
        others = [existing for name, existing in filters.items() if name != flag]
        search.aggs.bucket(f"flag_{flag}", "filter", filter=_all_of([*others, condition]))
    return search.sort(*sort_keys(query)).source(SOURCE_FIELDS).extra(
        from_=query.offset, size=query.page_size, track_total_hits=True,
    )


def answer_of(response: dict, query: SearchQuery) -> EngineAnswer:
    place_point = query.place.point if query.place is not None else None
    hits = [hit_of(hit["_source"], place_point) for hit in response["hits"]["hits"]]
    aggregations = response.get("aggregations", {})
    value_counts: dict[str, dict[str, int]] = {}
    flag_counts: dict[str, int] = {}
    for name, result in aggregations.items():
        kind, _sep, dimension = name.partition("_")
        if kind == "value":
            value_counts[dimension] = _bucket_counts(result["values"]["buckets"])
        elif kind == "flag":
            flag_counts[dimension] = int(result["doc_count"])
    total = response["hits"]["total"]
    return EngineAnswer(
        hits=hits, total=int(total["value"] if isinstance(total, dict) else total),
        value_counts=value_counts, flag_counts=flag_counts,
    )


def _bucket_counts(buckets: list[dict]) -> dict[str, int]:
    # Keys as strings (category ids are longs); empty buckets (price ranges) left out like terms do.
    return {str(bucket["key"]): int(bucket["doc_count"]) for bucket in buckets if bucket["doc_count"]}


def suggestion_request(text: str, limit: int) -> Search:
    """Titles with a word starting with each typed word; titles starting with the text first."""
    starts = Q("match", **{"title.starts": {"query": text, "operator": "and"}})
    starts_title = Q("prefix", **{"title.sort": {"value": _fold(text), "boost": 2.0}})
    return (
        Search()
        .query(Q("bool", must=[starts], should=[starts_title]))
        .sort({"_score": {"order": "desc"}}, {"title.sort": {"order": "asc"}}, {"object_id": {"order": "asc"}})
        .source(["title"])
        .extra(size=limit * SUGGESTION_CANDIDATES_PER_TITLE)
    )


def _fold(text: str) -> str:
    # As the ``echoppe_folded_keyword`` normalizer does for French text: lower case, no accents.
    decomposed = unicodedata.normalize("NFKD", text.strip().lower().replace("œ", "oe").replace("æ", "ae"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# --- The clients ------------------------------------------------------------------------------------


class ClusterError(Exception):
    """Any failure of the cluster or of the way to it; ``status`` is the HTTP status if there was one."""

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status

    @property
    def is_not_found(self) -> bool:
        return self.status == 404


class ClusterClient(Protocol):
    """The few calls the engine makes, whatever the cluster's flavour; errors raise ClusterError."""

    def search(self, index: str, body: dict) -> dict: ...

    def bulk(self, operations: list[dict], refresh: str | None = None, timeout: float | None = None) -> dict: ...

    def create_index(self, name: str, body: dict) -> None: ...

    def delete_indices(self, names: list[str]) -> None: ...

    def update_aliases(self, actions: list[dict]) -> None: ...

    def get_aliases(self, index: str | None = None, name: str | None = None) -> dict[str, list[str]]:
        """Aliases by index name, for the indices matching ``index`` that hold alias ``name``; {} if none."""

    def refresh(self, index: str) -> None: ...


def _aliases_by_index(response: dict) -> dict[str, list[str]]:
    return {index: sorted(details.get("aliases", {})) for index, details in response.items()}


class ElasticsearchClient:
    def __init__(self, url: str, timeout: float):
        import elastic_transport
        from elasticsearch import ApiError, Elasticsearch

        # HTTP answers with an error status, then failures to get an answer (connection, timeout).
        self._api_error = ApiError
        self._errors = (ApiError, elastic_transport.TransportError)
        # No retries: a single node that failed once will fail again, and the database answers.
        self._client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)

    def _call(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except self._errors as error:
            status = error.meta.status if isinstance(error, self._api_error) else None
            raise ClusterError(f"{type(error).__name__}: {error}", status) from error

    def search(self, index: str, body: dict) -> dict:
        return self._call(lambda: self._client.search(index=index, body=body)).body

    def bulk(self, operations: list[dict], refresh: str | None = None, timeout: float | None = None) -> dict:
        client = self._client.options(request_timeout=timeout) if timeout else self._client
        return self._call(lambda: client.bulk(operations=operations, refresh=refresh)).body

    def create_index(self, name: str, body: dict) -> None:
        self._call(lambda: self._client.indices.create(index=name, **body))

    def delete_indices(self, names: list[str]) -> None:
        self._call(lambda: self._client.indices.delete(index=",".join(names)))

    def update_aliases(self, actions: list[dict]) -> None:
        self._call(lambda: self._client.indices.update_aliases(actions=actions))

    def get_aliases(self, index: str | None = None, name: str | None = None) -> dict[str, list[str]]:
        try:
            return _aliases_by_index(self._call(lambda: self._client.indices.get_alias(index=index, name=name)).body)
        except ClusterError as error:
            if error.is_not_found:
                return {}
            raise

    def refresh(self, index: str) -> None:
        self._call(lambda: self._client.indices.refresh(index=index))


class OpenSearchClient:
    def __init__(self, url: str, timeout: float):
        from opensearchpy import OpenSearch
        from opensearchpy.exceptions import ImproperlyConfigured, OpenSearchException

        # TransportError (HTTP errors, connection failures, timeouts) derives from OpenSearchException.
        self._errors = (OpenSearchException, ImproperlyConfigured)
        # No retries: a single node that failed once will fail again, and the database answers.
        self._client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)

    def _call(self, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except self._errors as error:
            # status_code is "N/A" when no answer came back.
            status = getattr(error, "status_code", None)
            raise ClusterError(f"{type(error).__name__}: {error}", status if isinstance(status, int) else None) from error

    def search(self, index: str, body: dict) -> dict:
        return self._call(lambda: self._client.search(index=index, body=body))

    def bulk(self, operations: list[dict], refresh: str | None = None, timeout: float | None = None) -> dict:
        params = {key: value for key, value in (("refresh", refresh), ("request_timeout", timeout)) if value}
        return self._call(lambda: self._client.bulk(body=operations, params=params))

    def create_index(self, name: str, body: dict) -> None:
        self._call(lambda: self._client.indices.create(index=name, body=body))

    def delete_indices(self, names: list[str]) -> None:
        self._call(lambda: self._client.indices.delete(index=",".join(names)))

    def update_aliases(self, actions: list[dict]) -> None:
        self._call(lambda: self._client.indices.update_aliases(body={"actions": actions}))

    def get_aliases(self, index: str | None = None, name: str | None = None) -> dict[str, list[str]]:
        try:
            return _aliases_by_index(self._call(lambda: self._client.indices.get_alias(index=index, name=name)))
        except ClusterError as error:
            if error.is_not_found:
                return {}
            raise

    def refresh(self, index: str) -> None:
        self._call(lambda: self._client.indices.refresh(index=index))


CLIENTS_BY_FLAVOUR: dict[str, type] = {"elasticsearch": ElasticsearchClient, "opensearch": OpenSearchClient}


def cluster_client(flavour: str, url: str, timeout: float) -> ClusterClient:
    try:
        client_class = CLIENTS_BY_FLAVOUR[flavour]
    except KeyError:
        raise ValueError(f"SEARCH_CLUSTER_FLAVOUR must be one of {sorted(CLIENTS_BY_FLAVOUR)}, not {flavour!r}") from None
    return client_class(url, timeout)


# --- The engine -------------------------------------------------------------------------------------


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class ClusterEngine(SearchEngine):
    name = "elasticsearch"

    def __init__(self, client: ClusterClient, alias: str):
        self.client = client
        self.alias = alias
        # The indices rebuilds create, and only those: "echoppe-staging-…" is not ours to delete.
        self._own_index_name = re.compile(rf"^{re.escape(alias)}-\d{{20}}$")

    # -- searching -----------------------------------------------------------------------------

    def search(self, query: SearchQuery, shops: ShopSets) -> EngineAnswer:
        body = search_request(query, shops).to_dict()
        response = self._cluster("search", lambda: self.client.search(self.alias, body))
        return answer_of(response, query)

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        if not text.strip() or limit <= 0:
            return []
        body = suggestion_request(text, limit).to_dict()
        response = self._cluster("suggest", lambda: self.client.search(self.alias, body))
        titles: dict[str, str] = {}
        for hit in response["hits"]["hits"]:
            title = hit["_source"]["title"]
            # A product and a shop, or two shops' products, often share a title: show it once.
            titles.setdefault(_fold(" ".join(title.split())), title)
        return list(titles.values())[:limit]

    # -- writing -------------------------------------------------------------------------------

    def index(self, entries: Iterable) -> None:
        chunks = _chunks(entries, BULK_CHUNK_SIZE)
        first = next(chunks, None)
        if first is None:
            return
        if not self._alias_exists():
            self._create_first_index()
        for chunk in itertools.chain([first], chunks):
            # require_alias: never let a write auto-create a concrete index named like the alias.
            operations = self._index_operations(chunk, self.alias, require_alias=True)
            # wait_for: what was indexed is found by the next search (writes run in Celery tasks).
            self._bulk(operations, refresh="wait_for")

    def remove(self, keys: Iterable[tuple[str, int]]) -> None:
        keys = list(keys)
        if not keys or not self._alias_exists():
            return  # No index: nothing to remove.
        for chunk in _chunks(keys, BULK_CHUNK_SIZE):
            operations = [{"delete": {"_index": self.alias, "_id": document_id(kind, object_id)}} for kind, object_id in chunk]
            self._bulk(operations, refresh="wait_for")

    def rebuild(self, entries: Iterable, total: int, progress: Callable[[int], None]) -> int:
        """Fill a new index, then move the alias to it atomically and delete the older indices."""
        new_index = self._new_index_name()
        self._create_index(new_index, with_alias=False)
        done = 0
        try:
            for chunk in _chunks(entries, BULK_CHUNK_SIZE):
                self._bulk(self._index_operations(chunk, new_index, require_alias=False), timeout=BULK_TIMEOUT_SECONDS)
                done += len(chunk)
                progress(done)
            self._cluster("refresh", lambda: self.client.refresh(new_index))
            self._switch_alias_to(new_index)
        except BaseException:
            self._delete_quietly([new_index])
            raise
        older = [name for name in self._own_indices() if name < new_index]
        if older:
            self._delete_quietly(older)
        logger.info("Search index %s rebuilt: %d of %d documents, alias %s switched.", new_index, done, total, self.alias)
        return done

    # -- helpers -------------------------------------------------------------------------------

    def _cluster(self, action: str, call: Callable[[], Any]) -> Any:
        try:
            return call()
        except ClusterError as error:
            logger.warning("Search cluster unavailable (%s on %s): %s", action, self.alias, error)
            raise EngineUnavailable(f"{action}: {error}") from error

    def _alias_exists(self) -> bool:
        return bool(self._cluster("get alias", lambda: self.client.get_aliases(name=self.alias)))

    def _own_indices(self) -> list[str]:
        indices = self._cluster("list indices", lambda: self.client.get_aliases(index=f"{self.alias}-*"))
        return sorted(name for name in indices if self._own_index_name.match(name))

    def _new_index_name(self) -> str:
        # Microseconds: two rebuilds in the same second still get distinct, ordered names.
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def _create_first_index(self) -> None:
        """The index a write makes when no rebuild ever ran. Its name is fixed, so that two tasks
        racing here create one index (the second is told it exists) rather than two behind one alias."""
        name = f"{self.alias}-{0:020d}"
        try:
            self.client.create_index(name, index_definition(name, self.alias))
        except ClusterError as error:
            if error.status != 400 or not self._alias_exists():
                logger.warning("Search cluster unavailable (create index on %s): %s", self.alias, error)
                raise EngineUnavailable(f"create index: {error}") from error

    def _create_index(self, name: str, with_alias: bool) -> None:
        body = index_definition(name, self.alias if with_alias else None)
        self._cluster("create index", lambda: self.client.create_index(name, body))

    def _switch_alias_to(self, new_index: str) -> None:
        current = self._cluster("get alias", lambda: self.client.get_aliases(name=self.alias))
        actions = [{"remove": {"index": index, "alias": self.alias}} for index in sorted(current)]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        # One call: searches see either the old index or the new one, never none.
        self._cluster("switch alias", lambda: self.client.update_aliases(actions))

    def _delete_quietly(self, names: list[str]) -> None:
        # Leftovers only cost disk space; the next rebuild deletes them.
        try:
            self.client.delete_indices(names)
        except ClusterError as error:
            logger.warning("Search indices %s not deleted: %s", ", ".join(names), error)

    @staticmethod
    def _index_operations(entries: list, index: str, require_alias: bool) -> list[dict]:
        operations: list[dict] = []
        for entry in entries:
            action: dict[str, Any] = {"_index": index, "_id": document_id(entry.kind, entry.object_id)}
            if require_alias:
                action["require_alias"] = True
            operations += [{"index": action}, document_of(entry)]
        return operations

    def _bulk(self, operations: list[dict], refresh: str | None = None, timeout: float | None = None) -> None:
        response = self._cluster("bulk", lambda: self.client.bulk(operations, refresh=refresh, timeout=timeout))
        if not response.get("errors"):
            return
        failures = [
            item_result["error"]
            for item in response["items"]
            for item_result in item.values()
            if "error" in item_result
        ]
        if failures:
            logger.warning("Search cluster refused %d documents, first: %s", len(failures), failures[0])
            raise EngineUnavailable(f"bulk: {len(failures)} documents refused, first: {failures[0]}")


@functools.lru_cache(maxsize=8)
def _engine(flavour: str, url: str, timeout: float, alias: str) -> ClusterEngine:
    # One engine, hence one connection pool, per configuration rather than per search.
    return ClusterEngine(cluster_client(flavour, url, timeout), alias)


def cluster_engine() -> ClusterEngine:
    """The engine for the cluster the settings name."""
    return _engine(
        settings.SEARCH_CLUSTER_FLAVOUR, settings.SEARCH_CLUSTER_URL,
        float(settings.SEARCH_CLUSTER_TIMEOUT_SECONDS), settings.SEARCH_INDEX_PREFIX,
    )
