"""Oscar's catalogue dashboard; the product lookup (the search box of the recommendations widget)
offers an artisan their own products only."""

from django.core.exceptions import BadRequest
from oscar.apps.dashboard.catalogue import views as oscar_views
from oscar.apps.dashboard.catalogue.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from catalogue.access import products_of_user

Product = get_model("catalogue", "Product")

MAX_PAGE = 10_000
MAX_PAGE_LIMIT = 100
MAX_INITIAL_IDS = 100
MAX_TERM_LENGTH = 200
MAX_ID_DIGITS = 18  # below the largest 64-bit integer: every id fits the column


def _bounded_number(text, default: int, maximum: int) -> int:
    if text is None:
        return default
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(maximum)) and 1 <= int(text) <= maximum):
        raise BadRequest("page and page_limit are whole numbers from 1")
    return int(text)


class ProductLookupView(oscar_views.ProductLookupView):
    """The products the user may attach: the same as their product list (parent-less products of
    their shops; all for the chamber's staff), searched by title as Oscar does."""

    def get_queryset(self):
        return products_of_user(Product.objects.browsable_dashboard(), self.request.user)

    def get_args(self):
        # Oscar reads them with int(): "abc" or a negative page was a 500 (Django answers 400 to BadRequest).
        query = self.request.GET
        page = _bounded_number(query.get("page"), 1, MAX_PAGE)
        page_limit = _bounded_number(query.get("page_limit"), 20, MAX_PAGE_LIMIT)
        term = query.get("q", "")[:MAX_TERM_LENGTH]
        if "\x00" in term:
            raise BadRequest("a search term is text")  # PostgreSQL refuses NUL in a string: a 500
        return query.get("initial"), term or None, page, page_limit

    def initial_filter(self, qs, value):
        # The ids of the products already chosen: anything that cannot be an id matches nothing.
        ids = [part for part in value.split(",")[:MAX_INITIAL_IDS] if part.isascii() and part.isdigit() and len(part) <= MAX_ID_DIGITS]
        return qs.filter(pk__in=ids)
