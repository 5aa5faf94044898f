from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShopsConfig(AppConfig):
    """The artisan business: storefront, place and status of each Oscar partner."""

    name = "shops"
    verbose_name = _("Artisan shops")

    def ready(self):
        # Connects the receivers that keep the cached product grids in step with the catalogue.
        from . import product_grid  # noqa: F401
        # Lists an approved shop as soon as it has what it needs to sell.
        from . import listing_receivers  # noqa: F401
