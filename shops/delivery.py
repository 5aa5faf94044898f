"""Local delivery: whether an address is inside a shop's zone, and what delivery costs.

A zone is a radius around the shop and/or a list of postcodes or communes; an address is placed
with the communes table (its commune's point), so distances are good to a few kilometres.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from geography.distance import GeoPoint, haversine_km


@dataclass(frozen=True)
class DeliveryZone:
    radius_km: Decimal | None = None
    postcodes: frozenset[str] = frozenset()
    insee_codes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class DeliveryPricing:
    flat_fee: Decimal = Decimal("0.00")
    # (up to this many km, fee) in increasing distance; beyond the last band the flat fee applies.
    distance_bands: tuple[tuple[Decimal, Decimal], ...] = field(default_factory=tuple)
    free_above: Decimal | None = None
    minimum_order: Decimal | None = None


@dataclass(frozen=True)
class Eligibility:
    is_eligible: bool
    distance_km: float | None
    reason: str = ""


def check_address(zone: DeliveryZone, shop_point: GeoPoint, commune, postcode: str) -> Eligibility:
    """Whether an address in ``commune`` (None if the postcode is unknown) can be delivered."""
    if commune is None:
        return Eligibility(False, None, _("Unknown postcode: %(postcode)s.") % {"postcode": postcode})
    distance = haversine_km(shop_point, GeoPoint(commune.latitude, commune.longitude))
    if postcode in zone.postcodes or commune.insee_code in zone.insee_codes:
        return Eligibility(True, distance)
    # A millimetre of tolerance: a point exactly on the edge is inside despite float rounding.
    if zone.radius_km is not None and distance <= float(zone.radius_km) + 1e-6:
        return Eligibility(True, distance)
    if zone.radius_km is not None:
        reason = _("outside the delivery zone: %(distance)s km, delivery up to %(radius)s km") % {
            "distance": number_format(distance, 0),
            "radius": number_format(zone.radius_km, 0),
        }
    else:
        reason = _("outside the delivery zone: this shop delivers to %(places)s") % {
            "places": ", ".join(sorted(zone.postcodes)) or _("a few communes only")
        }
    return Eligibility(False, distance, reason)


class BelowMinimumOrder(Exception):
    def __init__(self, minimum: Decimal):
        self.minimum = minimum
        super().__init__(
            _("The minimum order for delivery is %(amount)s €.") % {"amount": number_format(minimum, 2)}
        )


def delivery_fee(pricing: DeliveryPricing, distance_km: float, order_total: Decimal) -> Decimal:
    """The fee for an order of ``order_total`` (VAT included) delivered ``distance_km`` away."""
    if pricing.minimum_order is not None and order_total < pricing.minimum_order:
        raise BelowMinimumOrder(pricing.minimum_order)
    if pricing.free_above is not None and order_total >= pricing.free_above:
        return Decimal("0.00")
    for up_to_km, fee in pricing.distance_bands:
        if distance_km <= float(up_to_km):
            return fee
    return pricing.flat_fee


def shop_ids_delivering_to(commune, postcode: str = "") -> frozenset[int]:
    """The approved shops whose local delivery zone covers an address in ``commune`` (at
    ``postcode``, or at any of the commune's postcodes when none is given).

    The same rule as check_address at checkout, applied to every shop offering delivery (a
    thousand rows at most per region: cheaper in Python than a formula per row in SQL).
    """
    from .fulfilment import LocalDeliveryOption
    from .models import public_shop_q

    postcodes = [postcode] if postcode else commune.postcodes.split()
    options = LocalDeliveryOption.objects.filter(public_shop_q("shop__"), is_active=True).values_list(
        "shop_id", "radius_km", "postcodes", "shop__latitude", "shop__longitude"
    )
    return frozenset(
        shop_id
        for shop_id, radius_km, zone_postcodes, latitude, longitude in options
        if any(
            check_address(DeliveryZone(radius_km=radius_km, postcodes=frozenset(zone_postcodes)), GeoPoint(latitude, longitude), commune, code).is_eligible
            for code in postcodes
        )
    )
