"""Oscar's product reviews, closed until the marketplace's own (verified) reviews replace them.

Oscar lets anybody post a review under any name, published at once, that nobody can answer. The
settings hide the feature (``OSCAR_HIDDEN_FEATURES``: every review block of Oscar's templates) and
would moderate any review (``OSCAR_MODERATE_REVIEWS``); here every review URL answers 404 while
keeping its name, because the staff's review list in the dashboard (kept to delete old reviews)
still links to them.
"""

from django.http import Http404
from django.urls import path
from oscar.apps.catalogue.reviews.apps import CatalogueReviewsConfig


def reviews_are_closed(request, *args, **kwargs):
    raise Http404("Product reviews are closed.")


class ClosedReviewsConfig(CatalogueReviewsConfig):
    """Oscar's reviews app (models and data kept), with no page and no form."""

    def get_urls(self):
        return [
            path("<int:pk>/", reviews_are_closed, name="reviews-detail"),
            path("add/", reviews_are_closed, name="reviews-add"),
            path("<int:pk>/vote/", reviews_are_closed, name="reviews-vote"),
            path("", reviews_are_closed, name="reviews-list"),
        ]
