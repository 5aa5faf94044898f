"""/points-de-retrait/: the shared collection points, on a list and a map, with their next sessions
and the artisans serving them."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from .selection import public_points


def map_tiles() -> dict:
    return {"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION}


def map_points(schedules) -> list[dict]:
    """The points as search/js/search-map.js draws them (the search's and the vouchers' map)."""
    return [
        {"name": schedule.point.name, "url": reverse("collection:point", kwargs={"slug": schedule.point.slug}),
         "latitude": schedule.point.latitude, "longitude": schedule.point.longitude, "place": schedule.point.commune.name, "products": []}
        for schedule in schedules
    ]


class PointListView(TemplateView):
    template_name = "collection/point_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schedules = public_points(timezone.now())
        context.update(schedules=schedules, map_data={"points": map_points(schedules)}, map_tiles=map_tiles())
        return context


class PointDetailView(TemplateView):
    template_name = "collection/point_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        schedule = next((item for item in public_points(timezone.now(), horizon_days=28) if item.point.slug == self.kwargs["slug"]), None)
        if schedule is None:
            raise Http404("No such collection point")
        context.update(schedule=schedule, map_data={"points": map_points([schedule])}, map_tiles=map_tiles())
        return context
