from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    """Marketplace-wide pages (home, credits), templates, translations and the demo seed."""

    name = "marketplace"
    verbose_name = _("Marketplace")

    def ready(self):
        from . import converters

        converters.register()
