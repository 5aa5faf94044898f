"""Delivery zones: radius edges, postcode lists, unknown postcodes; fees by distance, free above, minimum."""

import math
from decimal import Decimal

import pytest

from geography.distance import GeoPoint
from geography.models import Commune
from shops.delivery import BelowMinimumOrder, DeliveryPricing, DeliveryZone, check_address, delivery_fee

SHOP = GeoPoint(44.0, 6.0)
KM_IN_LATITUDE = 1 / (math.pi * 6371.0088 / 180)


def commune_at(km_north: float, insee="05001"):
    return Commune(insee_code=insee, name="Village", latitude=44.0 + km_north * KM_IN_LATITUDE, longitude=6.0)


@pytest.mark.parametrize(("km", "eligible"), [(0, True), (14.9, True), (15.0, True), (15.1, False), (23, False)])
def test_radius_edges(km, eligible):
    result = check_address(DeliveryZone(radius_km=Decimal("15")), SHOP, commune_at(km), "05100")
    assert result.is_eligible is eligible
    assert result.distance_km == pytest.approx(km, abs=1e-6)


def test_an_address_outside_gets_the_reason_with_distances():
    result = check_address(DeliveryZone(radius_km=Decimal("15")), SHOP, commune_at(23), "05100")
    assert result.reason == "hors zone\xa0: 23 km, livraison jusqu'à 15 km"


def test_postcodes_and_communes_extend_or_replace_the_radius():
    zone = DeliveryZone(radius_km=Decimal("5"), postcodes=frozenset({"05100"}), insee_codes=frozenset({"05999"}))
    assert check_address(zone, SHOP, commune_at(40), "05100").is_eligible
    assert check_address(zone, SHOP, commune_at(40, insee="05999"), "05200").is_eligible
    assert not check_address(zone, SHOP, commune_at(40), "05200").is_eligible
    only_list = DeliveryZone(postcodes=frozenset({"05100", "05000"}))
    outside = check_address(only_list, SHOP, commune_at(1), "05200")
    assert not outside.is_eligible and "05000, 05100" in outside.reason


def test_an_unknown_postcode_is_refused_with_its_reason():
    result = check_address(DeliveryZone(radius_km=Decimal("15")), SHOP, None, "99999")
    assert (result.is_eligible, result.reason) == (False, "Code postal inconnu\xa0: 99999.")


def test_fees_by_distance_band_free_above_and_minimum_order():
    pricing = DeliveryPricing(
        flat_fee=Decimal("8.00"),
        distance_bands=((Decimal("5"), Decimal("2.00")), (Decimal("10"), Decimal("4.50"))),
        free_above=Decimal("60.00"),
        minimum_order=Decimal("15.00"),
    )
    assert delivery_fee(pricing, 3.2, Decimal("20.00")) == Decimal("2.00")
    assert delivery_fee(pricing, 5.0, Decimal("20.00")) == Decimal("2.00")
    assert delivery_fee(pricing, 7.5, Decimal("20.00")) == Decimal("4.50")
    assert delivery_fee(pricing, 12.0, Decimal("20.00")) == Decimal("8.00")
    assert delivery_fee(pricing, 12.0, Decimal("60.00")) == Decimal("0.00")
    with pytest.raises(BelowMinimumOrder) as below:
        delivery_fee(pricing, 3.0, Decimal("14.99"))
    assert str(below.value) == "Le minimum de commande pour la livraison est de 15,00 €."
