from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChamberConfig(AppConfig):
    """The chamber's back-office: featured producers, label grants, campaigns, moderation, audit
    log and territory statistics (the application review itself is shops.workflow's)."""

    name = "chamber"
    label = "chamber"
    verbose_name = _("Chamber of Trades")
    default_auto_field = "django.db.models.BigAutoField"
