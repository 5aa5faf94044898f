from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """How shop orders are paid: by card through Stripe Connect, or on site at pickup or delivery."""

    name = "payments"
    verbose_name = _("Payments")

    def ready(self):
        from . import receivers  # noqa: F401
