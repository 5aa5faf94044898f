"""Find communes from what a person types: a postcode, an INSEE code or a (partial) name."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .distance import GeoPoint, annotate_distance
from .models import Commune
from .text import normalize

MAX_PLACE_LENGTH = 100
AUTOCOMPLETE_MIN_LENGTH = 2

_POSTCODE = re.compile(r"^[0-9]{5}$")
_POSTCODE_PREFIX = re.compile(r"^[0-9]{2,5}$")
_INSEE_CODE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$", re.IGNORECASE)
# What autocomplete offers, read back: "Gap (05000)" or "05000 Gap".
_NAME_WITH_POSTCODE = re.compile(r"^(?P<name>.+?)\s*\((?P<postcode>[0-9]{5})\)$")
_POSTCODE_WITH_NAME = re.compile(r"^(?P<postcode>[0-9]{5})\s+(?P<name>.+)$")


class PlaceNotFound(Exception):
    """The text names no commune; the message says why, in the user's language."""


@dataclass(frozen=True)
class ResolvedPlace:
    commune: Commune
    # Other communes the same text could mean (a shared postcode, a common name).
    alternatives: list[Commune] = field(default_factory=list)

    @property
    def point(self) -> GeoPoint:
        return GeoPoint(self.commune.latitude, self.commune.longitude)


def communes_for_postcode(postcode: str) -> list[Commune]:
    return list(Commune.objects.with_postcode(postcode).most_relevant_first())


def commune_by_insee_code(insee_code: str) -> Commune | None:
    return Commune.objects.filter(insee_code=insee_code.upper()).first()


def autocomplete(text: str, limit: int = 10) -> list[Commune]:
    """Communes whose postcode or name starts with ``text``, most relevant first."""
    # NUL cannot reach PostgreSQL, and is never part of a place name.
    text = text.replace("\x00", "").strip()[:MAX_PLACE_LENGTH]
    if len(text) < AUTOCOMPLETE_MIN_LENGTH:
        return []
    if _POSTCODE_PREFIX.match(text):
        return list(
            Commune.objects.filter(postcode_links__postcode__startswith=text)
            .distinct()
            .most_relevant_first()[:limit]
        )
    search_name = normalize(text)
    if not search_name:
        return []
    matches = list(Commune.objects.filter(search_name__startswith=search_name).most_relevant_first()[:limit])
    if len(matches) < limit:
        # Then names where a later word starts with the text: "etienne" finds Saint-Étienne.
        found = [commune.pk for commune in matches]
        matches += list(
            Commune.objects.filter(search_name__contains=f" {search_name}")
            .exclude(pk__in=found)
            .most_relevant_first()[: limit - len(matches)]
        )
    return matches


def resolve_place(text: str) -> ResolvedPlace:
    """The commune a search box's text most likely means.

    Accepts a postcode ("05000"), an autocomplete label ("Gap (05000)"), "05000 Gap", or a name
    ("gap", "Saint-Etienne"). Raises PlaceNotFound with a message for the user otherwise.
    """
    text = " ".join(text.replace("\x00", "").split())
    if not text:
        raise PlaceNotFound(_("Enter a postcode or a commune."))
    if len(text) > MAX_PLACE_LENGTH:
        raise PlaceNotFound(
            _("A place is at most %(limit)d characters long: enter a postcode or a commune.")
            % {"limit": MAX_PLACE_LENGTH}
        )

    labelled = _NAME_WITH_POSTCODE.match(text) or _POSTCODE_WITH_NAME.match(text)
    if labelled:
        candidates = communes_for_postcode(labelled["postcode"])
        wanted = normalize(labelled["name"])
        named = [commune for commune in candidates if commune.search_name == wanted]
        if named:
            return ResolvedPlace(named[0], [c for c in candidates if c.pk != named[0].pk])
        text = labelled["postcode"] if candidates else labelled["name"]

    if _POSTCODE.match(text):
        candidates = communes_for_postcode(text)
        if not candidates:
            raise PlaceNotFound(_("Unknown postcode: %(postcode)s.") % {"postcode": text})
        return ResolvedPlace(candidates[0], candidates[1:])

    if text.isascii() and text.isdigit():
        raise PlaceNotFound(_("A French postcode has five digits, for example 05000."))

    search_name = normalize(text)
    if not search_name:
        raise PlaceNotFound(_("Enter a postcode or a commune."))
    candidates = list(Commune.objects.filter(search_name=search_name).most_relevant_first()[:10])
    if not candidates:
        candidates = autocomplete(text)
    if not candidates:
        raise PlaceNotFound(_("No commune is called “%(name)s”.") % {"name": text})
    return ResolvedPlace(candidates[0], candidates[1:])


def resolve_insee_code(insee_code: str) -> ResolvedPlace:
    """The commune with this INSEE code, for links that name a commune exactly."""
    insee_code = insee_code.strip()
    commune = commune_by_insee_code(insee_code) if _INSEE_CODE.match(insee_code) else None
    if commune is None:
        raise PlaceNotFound(_("Unknown commune code: %(code)s.") % {"code": insee_code[:10]})
    return ResolvedPlace(commune)


def nearest_commune(point: GeoPoint, within_km: float = 15.0) -> Commune | None:
    """The commune whose point is nearest to ``point`` (a browser's position), if one is close."""
    # Some small communes only have their postcode's point, shared with the town: the town wins ties.
    return annotate_distance(Commune.objects.all(), point, within_km).order_by("distance_km", "-population").first()
