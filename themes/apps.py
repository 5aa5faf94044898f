from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    """Storefront themes: template sets extending one base, styled through CSS variables."""

    name = "themes"
    verbose_name = _("Storefront themes")
