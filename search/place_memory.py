"""The place a visitor last searched around, kept in their session.

A search that resolves a place (a commune, a postcode, « autour de moi ») remembers it; the next
search without a place of its own starts from it, the header's « où ? » box shows it, and a product
page can tell how far its shop is. Stored as plain JSON (the session's serializer):
``{"label": "Gap (05000)", "insee": "05061", "latitude": 44.55858, "longitude": 6.07868}``.
"""

from __future__ import annotations

import math

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from geography.distance import GeoPoint

from .query import Place

SESSION_KEY = "search_place"
MAX_LABEL_LENGTH = 100


def remember_place(request: HttpRequest, place: Place) -> None:
    """Keep ``place`` for the visitor's next searches (written only when it changed)."""
    stored = {
        "label": place.label[:MAX_LABEL_LENGTH],
        "insee": place.insee_code,
        "latitude": round(place.point.latitude, 5),
        "longitude": round(place.point.longitude, 5),
    }
    if request.session.get(SESSION_KEY) != stored:
        request.session[SESSION_KEY] = stored


def forget_place(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)


def remembered_place(request: HttpRequest) -> Place | None:
    """The place kept by the visitor's last search, or None (nothing kept, or a value not ours)."""
    session = getattr(request, "session", None)
    stored = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(stored, dict):
        return None
    try:
        latitude, longitude = float(stored["latitude"]), float(stored["longitude"])
        if not (math.isfinite(latitude) and math.isfinite(longitude)):
            return None
        point = GeoPoint(latitude, longitude)
        label, insee_code = str(stored["label"])[:MAX_LABEL_LENGTH], str(stored.get("insee") or "")
    except (KeyError, TypeError, ValueError):
        return None
    return Place(point=point, label=label, insee_code=insee_code)


def search_place(request: HttpRequest) -> dict:
    """Context processor: ``search_place``, the remembered Place (false when none), for the header's
    form: ``{% if search_place %}{{ search_place.label }}{% endif %}``. Read only when a template uses it."""
    return {"search_place": SimpleLazyObject(lambda: remembered_place(request))}
