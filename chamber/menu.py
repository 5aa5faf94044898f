"""The chamber's back-office menu, given to every /chambre/ page by a context processor."""

from django.utils.translation import gettext_lazy as _

from themes.backoffice import MenuEntry, menu_links

CHAMBER_MENU = (
    MenuEntry("chamber:home", _("Today"), "house", ("home",)),
    MenuEntry("chamber:applications", _("Applications"), "clipboard-list", ("applications", "application")),
    MenuEntry("chamber:features", _("Featured producers"), "star", ("features", "feature")),
    MenuEntry("chamber:labels", _("Labels"), "tags", ("labels", "label")),
    MenuEntry("chamber:campaigns", _("Campaigns"), "calendar", ("campaigns", "campaign")),
    MenuEntry("chamber:programmes", _("Gift vouchers"), "gift", ("programme", "programmes", "voucher")),
    MenuEntry("chamber:collection-points", _("Collection points"), "map-pin", ("collection-point", "collection-points")),
    MenuEntry("chamber:statistics", _("Statistics"), "chart-column", ("statistics",)),
    MenuEntry("chamber:audit-log", _("Audit log"), "list", ("audit",)),
)


def chamber_menu(request):
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "chamber":
        return {}
    return {"chamber_menu": menu_links(CHAMBER_MENU, match.url_name or "")}
