"""Why a search found nothing, and the way out: counts in words, the nearest result beyond the radius.

A search that finds nothing asks the engine up to three small questions (one hit each): is there a
result beyond the radius, with the same words and filters (then say how far, and offer to widen
the radius)? Without the filters? Do the words match anything at all (only then is spelling the
likely cause)?
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from django.utils.formats import number_format
from django.utils.translation import gettext as _, ngettext

from .query import MAX_RADIUS_KM, RADIUS_CHOICES_KM, ResultType, SearchQuery, Sort
from .service import run_search


class EmptyReason:
    TOO_FAR = "too_far"  # found beyond the radius
    FILTERS = "filters"  # the words and the place match, the filters leave nothing
    NO_MATCH = "no_match"  # the words match nothing anywhere
    NOTHING = "nothing"  # nothing to show at all (no shop yet)


@dataclass(frozen=True)
class EmptyExplanation:
    reason: str
    message: str
    nearest_km: float | None = None
    # The radius that covers the nearest result (None: beyond the largest radius allowed).
    wider_radius_km: int | None = None


def result_count(total: int, result_type: str) -> str:
    """« aucun produit », « 1 produit », « 2 produits » (and the same for shops)."""
    if result_type == ResultType.SHOPS:
        if total == 0:
            return _("no shop")
        return ngettext("%(count)s shop", "%(count)s shops", total) % {"count": number_format(total, force_grouping=True)}
    if total == 0:
        return _("no product")
    return ngettext("%(count)s product", "%(count)s products", total) % {"count": number_format(total, force_grouping=True)}


def distance_text(km: float, round_up: bool = False) -> str:
    """A distance as people say it: « 600 m » below one km, « 4,5 km » below ten, « 63 km ».
    ``round_up``: never nearer than it is (« beyond 20 km, the nearest is at 21 km », not 20)."""
    rounding = math.ceil if round_up else round
    if km < 1:
        return _("%(metres)s m") % {"metres": number_format(max(100, rounding(km * 10) * 100), 0)}
    if km < 10:
        return _("%(km)s km") % {"km": number_format(rounding(km * 10) / 10, 1)}
    return _("%(km)s km") % {"km": number_format(rounding(km), 0)}


def radius_covering(km: float) -> int | None:
    """The smallest offered radius that reaches ``km``; beyond them, the next ten; None past the maximum."""
    for choice in RADIUS_CHOICES_KM:
        if km <= choice:
            return choice
    wider = math.ceil(km / 10) * 10
    return wider if wider <= MAX_RADIUS_KM else None


def _has_filters(query: SearchQuery) -> bool:
    return bool(
        query.trades or query.category_ids or query.department_codes or query.label_slugs
        or query.price_min is not None or query.price_max is not None
        or query.pickup or query.delivers_here or query.open_now or query.in_stock
    )


def _one(query: SearchQuery, **changes) -> SearchQuery:
    return replace(query, page=1, page_size=1, **changes)


def explain_empty(query: SearchQuery) -> EmptyExplanation:
    """Why ``query`` (which found nothing) found nothing, in the visitor's words."""
    words = query.text
    if query.place is not None and query.radius_km is not None:
        beyond = run_search(_one(query, radius_km=None, sort=Sort.DISTANCE))
        if beyond.hits and beyond.hits[0].distance_km is not None:
            nearest = beyond.hits[0].distance_km
            parameters = {"radius": number_format(query.radius_km, -1 if query.radius_km % 1 else 0), "distance": distance_text(nearest, round_up=True), "words": words}
            if words:
                message = _("No result for “%(words)s” within %(radius)s km; the nearest is %(distance)s away.") % parameters
            else:
                message = _("No result within %(radius)s km; the nearest is %(distance)s away.") % parameters
            return EmptyExplanation(EmptyReason.TOO_FAR, message, nearest, radius_covering(nearest))
    if _has_filters(query):
        unfiltered = run_search(_one(
            query, trades=(), category_ids=(), department_codes=(), label_slugs=(), price_min=None, price_max=None,
            pickup=False, delivers_here=False, open_now=False, in_stock=False,
        ))
        if unfiltered.total:
            message = (_("No result for “%(words)s” with these filters.") % {"words": words}) if words else _("No result with these filters.")
            return EmptyExplanation(EmptyReason.FILTERS, message)
    if words:
        anywhere = run_search(SearchQuery(text=words, result_type=query.result_type, page_size=1))
        if anywhere.total:
            # The words match elsewhere (another department, beyond the largest radius).
            return EmptyExplanation(EmptyReason.FILTERS, _("No result for “%(words)s” here.") % {"words": words})
        return EmptyExplanation(EmptyReason.NO_MATCH, _("Nothing matches “%(words)s” on the marketplace.") % {"words": words})
    return EmptyExplanation(EmptyReason.NOTHING, _("Nothing to show here yet."))
