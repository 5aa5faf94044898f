from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    """Shared collection points: points run by a host for the chamber, their recurring sessions, the
    shops serving them, the customers' bookings of a session and the orders dropped off and handed over."""

    name = "collection"
    label = "collection"
    verbose_name = _("Collection points")
    default_auto_field = "django.db.models.BigAutoField"
