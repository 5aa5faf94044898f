"""Great-circle distances, in Python and as ORM expressions that run on SQLite and PostgreSQL.

The ORM form is the haversine formula built from Django's math functions, so no GIS extension is
needed. A bounding box on indexed latitude/longitude columns is filtered first, so the database
only computes the formula for rows that may be inside the radius.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.db import models
from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE_OF_LATITUDE = math.pi * EARTH_RADIUS_KM / 180


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float

    def __post_init__(self) -> None:
        if not (-90 <= self.latitude <= 90 and -180 <= self.longitude <= 180):
            raise ValueError(f"Not a WGS84 point: {self.latitude}, {self.longitude}")


@dataclass(frozen=True)
class BoundingBox:
    min_latitude: float
    max_latitude: float
    # None when the box reaches a pole or crosses the antimeridian: longitude cannot narrow it.
    min_longitude: float | None
    max_longitude: float | None

    def as_filter(self, latitude_field: str, longitude_field: str) -> models.Q:
        condition = models.Q(
            **{f"{latitude_field}__gte": self.min_latitude, f"{latitude_field}__lte": self.max_latitude}
        )
        if self.min_longitude is not None:
            condition &= models.Q(
                **{f"{longitude_field}__gte": self.min_longitude, f"{longitude_field}__lte": self.max_longitude}
            )
        return condition


def haversine_km(origin: GeoPoint, destination: GeoPoint) -> float:
    lat1, lat2 = math.radians(origin.latitude), math.radians(destination.latitude)
    half_dlat = (lat2 - lat1) / 2
    half_dlon = math.radians(destination.longitude - origin.longitude) / 2
    h = math.sin(half_dlat) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(half_dlon) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(center: GeoPoint, radius_km: float) -> BoundingBox:
    """The smallest latitude/longitude box that holds every point within ``radius_km``."""
    # A small margin so that rounding never drops a point that the exact formula keeps.
    reach_km = radius_km * 1.001 + 0.01
    delta_latitude = reach_km / KM_PER_DEGREE_OF_LATITUDE
    min_latitude, max_latitude = center.latitude - delta_latitude, center.latitude + delta_latitude
    if min_latitude <= -90 or max_latitude >= 90:
        return BoundingBox(max(min_latitude, -90), min(max_latitude, 90), None, None)
    # The widest longitude span is at the latitude of the box edge farthest from the equator.
    widest_cos = math.cos(math.radians(max(abs(min_latitude), abs(max_latitude))))
    delta_longitude = reach_km / (KM_PER_DEGREE_OF_LATITUDE * widest_cos)
    min_longitude, max_longitude = center.longitude - delta_longitude, center.longitude + delta_longitude
    if min_longitude < -180 or max_longitude > 180:
        return BoundingBox(min_latitude, max_latitude, None, None)
    return BoundingBox(min_latitude, max_latitude, min_longitude, max_longitude)


def distance_km_expression(
    center: GeoPoint, latitude_field: str = "latitude", longitude_field: str = "longitude"
) -> models.Func:
    """An expression giving each row's distance in km from ``center`` (haversine)."""
    latitude = Radians(F(latitude_field))
    center_latitude = math.radians(center.latitude)
    half_dlat = (latitude - Value(center_latitude)) / Value(2.0)
    half_dlon = (Radians(F(longitude_field)) - Value(math.radians(center.longitude))) / Value(2.0)
    h = Power(Sin(half_dlat), 2) + Value(math.cos(center_latitude)) * Cos(latitude) * Power(Sin(half_dlon), 2)
    # Least() guards asin against a rounding error just above 1 for antipodal points.
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Sqrt(h), Value(1.0)), output_field=FloatField())


def annotate_distance(
    queryset: models.QuerySet,
    center: GeoPoint,
    radius_km: float | None = None,
    latitude_field: str = "latitude",
    longitude_field: str = "longitude",
) -> models.QuerySet:
    """``queryset`` with a ``distance_km`` annotation, limited to ``radius_km`` when given."""
    queryset = queryset.annotate(distance_km=distance_km_expression(center, latitude_field, longitude_field))
    if radius_km is None:
        return queryset
    box = bounding_box(center, radius_km)
    return queryset.filter(box.as_filter(latitude_field, longitude_field), distance_km__lte=radius_km)
