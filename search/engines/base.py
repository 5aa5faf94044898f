"""The engine contract: what every search engine must do, and how it must behave.

An engine matches, filters, counts and sorts the search documents (search.models.SearchEntry rows,
or copies of them); it never decides what the public may see (only visible things have documents)
and never reads other tables (the service gives it the ShopSets).

Behaviour every engine must have (tests/integration/test_search_contract.py checks it on each):
- only documents of ``query.kind``;
- text: every word of the query must match a word of the title, keywords or body, whatever the
  case and accents ("creme" finds "Crème") and the number ("pains" finds "pain"); engines that can
  may also tolerate typos ("fromaje" finds "fromage") and match the beginning of the last word;
- place and radius: the great-circle distance from ``query.place.point`` to the document's point is
  at most ``radius_km`` (haversine, Earth radius 6371.0088 km; 19.9 km is inside 20, 20.1 outside);
  each hit's ``distance_km`` is filled whenever there is a place;
- filters: any of ``trades``, of ``category_ids``, of ``department_codes``, of ``label_slugs``;
  ``price_min`` <= price <= ``price_max``; ``pickup`` and ``in_stock`` flags; ``delivers_here``:
  shop in ``shops.delivering_here`` (ignored when that is None); ``open_now``: shop in
  ``shops.open_now``;
- sort by ``query.effective_sort``: relevance (best first), distance (nearest first), price (lowest
  first), newest (latest created first); ties broken by object id so pages are stable;
- facets: ``value_counts`` for trade, category (the id as a string), department, labels (slug) and
  price (a PRICE_BUCKETS key); ``flag_counts`` for pickup, in_stock, open_now and, with a place,
  delivers_here. Each dimension is counted with every other filter applied but not its own.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable

from ..query import EngineAnswer, SearchQuery, ShopSets


class SearchEngine(abc.ABC):
    name: str

    @abc.abstractmethod
    def search(self, query: SearchQuery, shops: ShopSets) -> EngineAnswer:
        """One page of results with the total and facet counts; EngineUnavailable if it cannot."""

    @abc.abstractmethod
    def suggest(self, text: str, limit: int = 8) -> list[str]:
        """Product and shop titles starting with (a word starting with) ``text``, for typing ahead."""

    def index(self, entries: Iterable) -> None:
        """Add or replace these SearchEntry rows' documents (no-op when the table is the index)."""

    def remove(self, keys: Iterable[tuple[str, int]]) -> None:
        """Remove the documents of these (kind, object_id) keys."""

    def rebuild(self, entries: Iterable, total: int, progress: Callable[[int], None]) -> int:
        """Rebuild the whole index from these rows without downtime; returns how many were indexed."""
        return 0
