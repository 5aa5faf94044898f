from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """How shop orders are paid: on site (pickup or delivery) today."""

    name = "payments"
    verbose_name = _("Payments")
