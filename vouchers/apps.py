from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VouchersConfig(AppConfig):
    """Territory gift vouchers: programmes and their funders, vouchers and their append-only ledger,
    redemption online and at the counter, statements and expiry. (Oscar's own ``voucher`` app is its
    discount codes, a different thing.)"""

    name = "vouchers"
    label = "territory_vouchers"
    verbose_name = _("Territory gift vouchers")
    default_auto_field = "django.db.models.BigAutoField"
