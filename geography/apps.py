from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeographyConfig(AppConfig):
    """French communes with coordinates: place lookup and distances for "near me"."""

    name = "geography"
    label = "geography"
    verbose_name = _("Geography")
