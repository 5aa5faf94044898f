from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionalSearchConfig(AppConfig):
    name = "search"
    # Oscar's own search app (kept for its imports) already holds the "search" label.
    label = "regional_search"
    verbose_name = _("Regional search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 (connects the re-indexing receivers)
