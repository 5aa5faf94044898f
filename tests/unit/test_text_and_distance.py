import math
import random

import pytest

from geography.distance import GeoPoint, bounding_box, haversine_km
from geography.text import normalize

GAP = GeoPoint(44.55858, 6.07868)
MARSEILLE = GeoPoint(43.29695, 5.38107)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Saint-Étienne-les-Orgues", "saint etienne les orgues"),
        ("  st   étienne LES orgues ", "saint etienne les orgues"),
        ("L'Abergement-Clémenciat", "l abergement clemenciat"),
        ("Sainte-Maxime", "sainte maxime"),
        ("Ste Maxime", "sainte maxime"),
        ("Œuf-en-Ternois", "oeuf en ternois"),
        ("CRÈME brûlée", "creme brulee"),
        ("", ""),
        ("--- ''", ""),
    ],
)
def test_normalize_folds_case_accents_and_separators(text, expected):
    assert normalize(text) == expected


def test_haversine_matches_known_distances():
    assert haversine_km(GAP, GAP) == 0
    # Gap to Marseille, great circle: 140.3 km north-south and 55.9 km east-west: 151.0 km.
    assert haversine_km(GAP, MARSEILLE) == pytest.approx(151.0, abs=0.1)
    # A quarter of a meridian.
    assert haversine_km(GeoPoint(0, 0), GeoPoint(90, 0)) == pytest.approx(math.pi * 6371.0088 / 2, rel=1e-9)
    # Antipodes do not fail on rounding above 1 inside asin.
    assert haversine_km(GeoPoint(0, 0), GeoPoint(0, 180)) == pytest.approx(math.pi * 6371.0088, rel=1e-9)


def test_geo_point_rejects_impossible_coordinates():
    with pytest.raises(ValueError):
        GeoPoint(999, 0)
    with pytest.raises(ValueError):
        GeoPoint(0, -181)


@pytest.mark.parametrize("center", [GAP, GeoPoint(-20.88, 55.45), GeoPoint(51.0, 2.37), GeoPoint(-17.53, -149.57)])
@pytest.mark.parametrize("radius_km", [1, 20, 100, 500])
def test_bounding_box_holds_every_point_within_the_radius(center, radius_km):
    box = bounding_box(center, radius_km)
    rng = random.Random(f"{center}-{radius_km}")
    for _ in range(500):
        # A random point at a random bearing, at most radius_km away (great-circle destination).
        bearing, distance = rng.uniform(0, 2 * math.pi), rng.uniform(0, radius_km)
        angular = distance / 6371.0088
        lat1, lon1 = math.radians(center.latitude), math.radians(center.longitude)
        lat2 = math.asin(math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing))
        lon2 = lon1 + math.atan2(
            math.sin(bearing) * math.sin(angular) * math.cos(lat1), math.cos(angular) - math.sin(lat1) * math.sin(lat2)
        )
        point = GeoPoint(math.degrees(lat2), (math.degrees(lon2) + 540) % 360 - 180)
        assert haversine_km(center, point) <= radius_km + 1e-6
        assert box.min_latitude <= point.latitude <= box.max_latitude
        assert box.min_longitude <= point.longitude <= box.max_longitude


def test_bounding_box_drops_longitude_near_poles_and_the_antimeridian():
    assert bounding_box(GeoPoint(89.9, 0), 50).min_longitude is None
    assert bounding_box(GeoPoint(-13.3, -176.2), 500).min_longitude is None  # Wallis-et-Futuna
    assert bounding_box(GAP, 50).min_longitude is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les Savons de Élodie", "Les Savons d'Élodie"),
        ("Le Fournil de Le Cannet", "Le Fournil du Cannet"),
        ("Atelier de Les Mées", "Atelier des Mées"),
        ("Pain à Le Pontet", "Pain au Pontet"),
        ("Né à Les Mées", "Né aux Mées"),
        ("Maison de Apt", "Maison d'Apt"),
        ("Miel de La Motte", "Miel de La Motte"),
        ("Des idées de Hugo", "Des idées de Hugo"),
    ],
)
def test_demo_names_follow_french_contractions(text, expected):
    from marketplace.french import french_contractions

    assert french_contractions(text) == expected


def test_place_names_after_a_preposition_in_each_language():
    from django.utils import translation

    from marketplace.templatetags.place_names import in_place, of_place

    with translation.override("fr"):
        assert [of_place(name) for name in ["Gap", "Apt", "Le Cannet", "Les Mées", "La Motte"]] == [
            "de Gap", "d'Apt", "du Cannet", "des Mées", "de La Motte"
        ]
        assert [in_place(name) for name in ["Gap", "Le Cannet", "Les Mées"]] == ["à Gap", "au Cannet", "aux Mées"]
    with translation.override("en"):
        assert (of_place("Apt"), in_place("Le Cannet")) == ("of Apt", "in Le Cannet")
