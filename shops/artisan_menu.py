"""The artisan's back-office menu, phone first: today's work, orders, the counter, then the rest."""

from django.utils.translation import gettext_lazy as _

from themes.backoffice import MenuEntry, menu_links

from .models import ShopStatus

EVERY_SHOP = (
    MenuEntry("artisan:home", _("Today"), "house", ("home",)),
)
SELLING_SHOP = (
    MenuEntry("artisan:orders", _("Orders"), "package", ("orders", "order", "preparation")),
    MenuEntry("artisan:counter", _("Counter"), "scan-qr-code", ("counter",)),
    MenuEntry("artisan:products", _("Products"), "tags", ("products", "product", "import")),
    MenuEntry("artisan:sales", _("Sales"), "chart-column", ("sales", "payments", "stripe")),
    MenuEntry("artisan:vouchers", _("Gift vouchers"), "gift", ("vouchers",)),
    MenuEntry("artisan:collection", _("Collection points"), "map-pin", ("collection",)),
)
SETTINGS = (
    MenuEntry("artisan:settings", _("My shop"), "store", ("settings", "hours", "appearance", "fulfilment")),
    MenuEntry("artisan:notifications", _("Notifications"), "bell", ("notifications",)),
)


def artisan_menu(shop, current_url_name: str):
    entries = EVERY_SHOP + (SELLING_SHOP if shop.status in (ShopStatus.APPROVED, ShopStatus.SUSPENDED) else ()) + SETTINGS
    return menu_links(entries, current_url_name)
