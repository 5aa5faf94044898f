"""Artisans never reach Oscar's dashboard: /espace-artisan/ is their whole back-office.

Oscar's dashboard is the chamber's staff's at most (``is_staff``). An artisan following an old
bookmark is sent to the same screen in /espace-artisan/ (products, a product, orders, an order,
statistics), or to their back-office's home for the rest; nothing of the dashboard is served to them.
"""

from __future__ import annotations

import re

from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse

from .roles import runs_a_shop

DASHBOARD_PATH = re.compile(r"^/(?:[a-z]{2}/)?dashboard/(?P<rest>.*)$")
# Old bookmarks, from Oscar's dashboard paths to the artisan's own screens.
BOOKMARKS = [
    (re.compile(r"^catalogue/products/create/"), "artisan:product-create", None),
    (re.compile(r"^catalogue/products/(?P<pk>\d{1,12})/"), "artisan:product-edit", "pk"),
    (re.compile(r"^catalogue/"), "artisan:products", None),
    (re.compile(r"^orders/statistics/"), "artisan:sales", None),
    (re.compile(r"^orders/(?P<number>[A-Za-z0-9-]{1,64})/"), "artisan:order", "number"),
    (re.compile(r"^orders/"), "artisan:orders", None),
    (re.compile(r"^reports/"), "artisan:sales", None),
]


def artisan_screen_for(dashboard_rest: str) -> str:
    for pattern, url_name, argument in BOOKMARKS:
        match = pattern.match(dashboard_rest)
        if match:
            kwargs = {argument: match.group(argument)} if argument else {}
            if argument == "pk":
                kwargs["pk"] = int(kwargs["pk"])
            try:
                return reverse(url_name, kwargs=kwargs)
            except NoReverseMatch:  # an old order number in a shape today's URLs refuse
                break
    return reverse("artisan:home")


class ArtisansLeaveOscarsDashboard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        match = DASHBOARD_PATH.match(request.path_info)
        if match and request.user.is_authenticated and not request.user.is_staff and runs_a_shop(request.user):
            return redirect(artisan_screen_for(match.group("rest")))
        return self.get_response(request)
