import oscar.apps.dashboard.catalogue.apps as apps


class CatalogueDashboardConfig(apps.CatalogueDashboardConfig):
    """Forked for the artisan product fields (VAT rate, perishable, made to order, lead time) and checked picture uploads."""

    name = "shops.dashboard.catalogue"
