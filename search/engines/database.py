"""The database engine: the SearchEntry table queried with the ORM.

PostgreSQL: French full-text search on the generated ``search_vector`` (accents folded, stems, the
last letters typed match as a prefix), OR trigram word similarity on ``title_text`` so a typo
("fromaje") still finds the word; ranked by ts_rank plus similarity. SQLite (the embedded default):
every folded query word must start a word of ``search_text`` (see search/text.py), ranked by the
words found in the title. Distances are the haversine formula in SQL behind a bounding box on the
indexed coordinates (geography/distance.py).
"""

from __future__ import annotations

from collections import Counter

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, ExpressionWrapper, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from geography.distance import annotate_distance

from ..models import SearchEntry
from ..query import PRICE_BUCKETS, DocumentKind, EngineAnswer, SearchHit, SearchQuery, ShopSets, Sort
from ..text import meaningful_plain_words, query_words
from .base import SearchEngine

# A word shorter than this is never matched by similarity: too many false friends.
TYPO_MIN_LENGTH = 4
# pg_trgm's word_similarity threshold for typos: one wrong letter in a 7-letter word scores about 0.5.
TYPO_SIMILARITY = 0.45


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class DatabaseEngine(SearchEngine):
    name = "database"

    def search(self, query: SearchQuery, shops: ShopSets) -> EngineAnswer:
        if not is_postgresql():
            return self._search(query, shops)
        with transaction.atomic():
            # SET LOCAL: only this transaction's trigram operator uses the typo threshold.
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)", [str(TYPO_SIMILARITY)])
            return self._search(query, shops)

    def _search(self, query: SearchQuery, shops: ShopSets) -> EngineAnswer:
        answer = self._search_with(query, shops, typos=False)
        if answer.total == 0 and query.text and is_postgresql():
            # Nothing for the words as typed: try again tolerating typos ("fromaje"). Only then:
            # similar-looking words are many, and would flood every ordinary search.
            answer = self._search_with(query, shops, typos=True)
        return answer

    def _search_with(self, query: SearchQuery, shops: ShopSets, typos: bool) -> EngineAnswer:
        scoped = self._scoped(query, typos)
        filters = self._filters(query, shops)
        results = scoped.filter(*filters.values())
        rows = list(results.order_by(*self._ordering(query))[query.offset:query.offset + query.page_size])
        if is_postgresql():
            total, value_counts, flag_counts = self._facets_in_one_scan(query, scoped, filters, shops)
        else:
            total = results.count()
            value_counts, flag_counts = self._facets(query, scoped, filters, shops)
        return EngineAnswer(hits=[entry_hit(row) for row in rows], total=total, value_counts=value_counts, flag_counts=flag_counts)

    # -- matching ------------------------------------------------------------------------------

    def _scoped(self, query: SearchQuery, typos: bool = False) -> QuerySet:
        """Documents of the right kind matching the text, around the place."""
        entries = SearchEntry.objects.filter(kind=query.kind)
        if query.text:
            entries = self._matching_postgresql(entries, query.text, typos) if is_postgresql() else self._matching_sqlite(entries, query.text)
        if query.place is not None:
            entries = annotate_distance(entries, query.place.point, query.radius_km)
        return entries

    @staticmethod
    def _matching_sqlite(entries: QuerySet, text: str) -> QuerySet:
        words = query_words(text)
        if not words:
            return entries.annotate(rank=Value(0, output_field=IntegerField()))
        for word in words:
            entries = entries.filter(search_text__contains=f" {word}")
        in_title = [When(title_text__contains=f" {word}", then=Value(1)) for word in words]
        return entries.annotate(rank=sum((Case(when, default=Value(0), output_field=IntegerField()) for when in in_title), Value(0)))

    @staticmethod
    def _matching_postgresql(entries: QuerySet, text: str, typos: bool) -> QuerySet:
        words = meaningful_plain_words(text)
        if not words:
            return entries.annotate(rank=Value(0.0, output_field=FloatField()))
        for word in words:
            # The typed word as a prefix of a stemmed lexeme ("fromag" finds "fromages"), or, for a
            # long enough word, a word of the title that looks like it (a typo). A word that
            # PostgreSQL's French list drops (and ours kept) gives an empty tsquery: it then
            # constrains nothing, as in the cluster's analyzer.
            condition = ("(numnode(to_tsquery('french_unaccent', %s)) = 0"
                         " OR search_vector @@ to_tsquery('french_unaccent', %s)")
            params = [f"{word}:*", f"{word}:*"]
            if typos and len(word) >= TYPO_MIN_LENGTH:
                condition += " OR title_text %%> %s"
                params.append(word)
            entries = entries.filter(RawSQL(condition + ")", params, output_field=BooleanField()))
        # Relevance from the title (short, stored inline) rather than ts_rank over whole texts: ranking
        # thousands of matches by their full vectors cost more than the search itself.
        rank = RawSQL("word_similarity(%s, title_text)", [" ".join(words)], output_field=FloatField())
        return entries.annotate(rank=rank)

    # -- filters, facets, order ----------------------------------------------------------------

    @staticmethod
    def _filters(query: SearchQuery, shops: ShopSets) -> dict[str, Q]:
        """The active filters by facet dimension (a facet is counted without its own filter)."""
        filters: dict[str, Q] = {}
        if query.trades:
            filters["trade"] = Q(trade__in=query.trades)
        if query.category_ids:
            filters["category"] = Q(category_id__in=query.category_ids)
        if query.department_codes:
            filters["department"] = Q(department_code__in=query.department_codes)
        if query.label_slugs:
            filters["labels"] = _any_of(Q(labels__contains=f"|{slug}|") for slug in query.label_slugs)
        if query.price_min is not None or query.price_max is not None:
            price = Q()
            if query.price_min is not None:
                price &= Q(price__gte=query.price_min)
            if query.price_max is not None:
                price &= Q(price__lte=query.price_max)
            filters["price"] = price
        if query.pickup:
            filters["pickup"] = Q(pickup=True)
        if query.in_stock:
            filters["in_stock"] = Q(in_stock=True)
        if query.delivers_here and shops.delivering_here is not None:
            filters["delivers_here"] = Q(shop_id__in=_shop_ids(shops.delivering_here))
        if query.open_now:
            filters["open_now"] = Q(shop_id__in=_shop_ids(shops.open_now))
        if query.collection_point and shops.collecting_at is not None:
            filters["collection_point"] = Q(shop_id__in=_shop_ids(shops.collecting_at))
        return filters

    @staticmethod
    def _ordering(query: SearchQuery) -> tuple[str, ...]:
        sort = query.effective_sort
        if sort == Sort.DISTANCE:
            return ("distance_km", "object_id")
        if sort == Sort.PRICE:
            return ("price", "object_id")
        if sort == Sort.NEWEST:
            return ("-created_at", "object_id")
        return ("-rank", "object_id") if query.text else ("-created_at", "object_id")

    def _facets(self, query: SearchQuery, scoped: QuerySet, filters: dict[str, Q], shops: ShopSets, only: set[str] | None = None):
        """Facet counts with one query per dimension (SQLite), or for the ``only`` dimensions."""
        def wanted(dimension: str) -> bool:
            return only is None or dimension in only

        def without(dimension: str) -> QuerySet:
            return scoped.filter(*(condition for name, condition in filters.items() if name != dimension)).order_by()

        is_product = query.kind == DocumentKind.PRODUCT
        value_counts: dict[str, dict[str, int]] = {}
        grouped = {"trade": "trade", "department": "department_code", **({"category": "category_id"} if is_product else {})}
        for dimension, field in grouped.items():
            if not wanted(dimension):
                continue
            rows = without(dimension).exclude(**{f"{field}__isnull": True}).values_list(field).annotate(count=Count("pk"))
            value_counts[dimension] = {str(value): count for value, count in rows}
        # Labels are stored together ("|a|b|"): count each combination, then each label.
        if wanted("labels"):
            labels: Counter[str] = Counter()
            for combination, count in without("labels").values_list("labels").annotate(count=Count("pk")):
                for slug in filter(None, combination.split("|")):
                    labels[slug] += count
            value_counts["labels"] = dict(labels)

        # Price buckets and flags: conditional counts, one query per distinct set of filters applied.
        counted: dict[str, Q] = {}
        if is_product:
            counted.update({f"price:{key}": _price_bucket(low, high) for key, low, high in PRICE_BUCKETS})
            counted["in_stock"] = Q(in_stock=True)
        counted["pickup"] = Q(pickup=True)
        counted["open_now"] = Q(shop_id__in=shops.open_now)
        if shops.delivering_here is not None:
            counted["delivers_here"] = Q(shop_id__in=shops.delivering_here)
        by_scope: dict[str | None, dict[str, Q]] = {}
        for name, condition in counted.items():
            dimension = name.split(":")[0]
            if not wanted(dimension):
                continue
            by_scope.setdefault(dimension if dimension in filters else None, {})[name] = condition
        totals: dict[str, int] = {}
        for dimension, conditions in by_scope.items():
            totals.update(without(dimension or "").aggregate(**{
                name.replace(":", "__").replace("-", "_"): Count("pk", filter=condition) for name, condition in conditions.items()
            }))
        if wanted("price"):
            value_counts["price"] = {key: totals[f"price__{key.replace('-', '_')}"] for key, _low, _high in PRICE_BUCKETS} if is_product else {}
        flag_counts = {name: totals[name] for name in ("pickup", "in_stock", "open_now", "delivers_here") if name in totals}
        return value_counts, flag_counts

    def _facets_in_one_scan(self, query: SearchQuery, scoped: QuerySet, filters: dict[str, Q], shops: ShopSets):
        """PostgreSQL: the total and every facet from one scan of the documents matching the text and
        place. Each active filter becomes a boolean column; each count then takes every filter but
        its own dimension's (FILTER clauses), and GROUPING SETS group the values of each dimension."""
        is_product = query.kind == DocumentKind.PRODUCT
        grouped = {"trade": "trade", "department": "department_code", **({"category": "category_id"} if is_product else {}), "labels": "labels"}
        active = {name: f"f_{index}" for index, name in enumerate(filters)}
        inner = scoped.order_by().annotate(**{
            column: ExpressionWrapper(filters[name], output_field=BooleanField()) for name, column in active.items()
        }).values("trade", "department_code", "category_id", "labels", "price", "in_stock", "pickup", "shop_id", *active.values())
        inner_sql, inner_params = inner.query.sql_with_params()

        def applied(except_dimension: str | None = None) -> str:
            return " AND ".join([f"m.{column}" for name, column in active.items() if name != except_dimension]) or "TRUE"

        counted: dict[str, tuple[str, str, list]] = {  # name: (dimension, condition, params)
            "pickup": ("pickup", "m.pickup", []),
            "open_now": ("open_now", "m.shop_id = ANY(%s)", [list(shops.open_now)]),
        }
        if is_product:
            counted["in_stock"] = ("in_stock", "m.in_stock", [])
            for key, low, high in PRICE_BUCKETS:
                bounds = ["m.price IS NOT NULL", *(["m.price >= %s"] if low is not None else []), *(["m.price < %s"] if high is not None else [])]
                counted[f"price:{key}"] = ("price", " AND ".join(bounds), [bound for bound in (low, high) if bound is not None])
        if shops.delivering_here is not None:
            counted["delivers_here"] = ("delivers_here", "m.shop_id = ANY(%s)", [list(shops.delivering_here)])

        columns = [f"m.{field}" for field in grouped.values()]
        select = [*columns, f"GROUPING({', '.join(columns)})", f"COUNT(*) FILTER (WHERE {applied()})"]
        select += [f"COUNT(*) FILTER (WHERE {applied(dimension)})" for dimension in grouped]
        select += [f"COUNT(*) FILTER (WHERE ({condition}) AND {applied(dimension)})" for dimension, condition, _params in counted.values()]
        sql = (f"SELECT {', '.join(select)} FROM ({inner_sql}) m "
               f"GROUP BY GROUPING SETS ({', '.join(f'({column})' for column in columns)}, ())")
        params = [*(param for _dimension, _condition, condition_params in counted.values() for param in condition_params), *inner_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()

        dimensions = list(grouped)
        value_counts: dict[str, dict[str, int]] = {dimension: {} for dimension in dimensions}
        total, totals, everything = 0, {}, (1 << len(columns)) - 1
        for row in rows:
            values, grouping = row[:len(columns)], row[len(columns)]
            per_dimension = row[len(columns) + 2:len(columns) + 2 + len(dimensions)]
            if grouping == everything:
                total = row[len(columns) + 1]
                totals = dict(zip(counted, row[len(columns) + 2 + len(dimensions):]))
                continue
            position = next(index for index in range(len(columns)) if not grouping & (1 << (len(columns) - 1 - index)))
            value, count = values[position], per_dimension[position]
            if value is None or not count:
                continue
            if dimensions[position] == "labels":
                for slug in filter(None, value.split("|")):
                    value_counts["labels"][slug] = value_counts["labels"].get(slug, 0) + count
            else:
                value_counts[dimensions[position]][str(value)] = count
        value_counts.setdefault("category", {})
        value_counts["price"] = {key: totals.get(f"price:{key}", 0) for key, _low, _high in PRICE_BUCKETS} if is_product else {}
        flag_counts = {name: totals[name] for name in ("pickup", "in_stock", "open_now", "delivers_here") if name in totals}
        return total, value_counts, flag_counts

    # -- typing ahead --------------------------------------------------------------------------

    def suggest(self, text: str, limit: int = 8) -> list[str]:
        words = query_words(text)
        if not words:
            return []
        entries = SearchEntry.objects.all()
        for word in words:
            entries = entries.filter(title_text__contains=f" {word}")
        titles = entries.annotate(
            starts=Case(When(title_text__startswith=f" {words[0]}", then=Value(0)), default=Value(1), output_field=IntegerField())
        ).order_by("starts", "kind", "title").values_list("title", flat=True)[: limit * 4]
        return list(dict.fromkeys(titles))[:limit]


def _shop_ids(ids) -> list[int]:
    """Shop ids for an IN filter. No shop id is 0: an empty set must still be a boolean condition for
    PostgreSQL's FILTER clauses (an empty IN compiles to a constant there: « open now » at night,
    « delivers here » where nobody delivers, a point no shop serves were 500s)."""
    return sorted(ids) or [0]


def _any_of(conditions) -> Q:
    combined = Q()
    for condition in conditions:
        combined |= condition
    return combined


def _price_bucket(low, high) -> Q:
    condition = Q(price__isnull=False)
    if low is not None:
        condition &= Q(price__gte=low)
    if high is not None:
        condition &= Q(price__lt=high)
    return condition


def entry_hit(entry: SearchEntry) -> SearchHit:
    return SearchHit(
        kind=entry.kind, object_id=entry.object_id, title=entry.title, shop_id=entry.shop_id, shop_name=entry.shop_name,
        shop_slug=entry.shop_slug, url=entry.url, image_url=entry.image_url, summary=entry.summary, price=entry.price,
        trade=entry.trade, commune_name=entry.commune_name, postcode=entry.postcode, latitude=entry.latitude,
        longitude=entry.longitude, on_vacation=entry.on_vacation, labels=entry.label_slugs,
        distance_km=getattr(entry, "distance_km", None),
    )
