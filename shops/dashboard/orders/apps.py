import oscar.apps.dashboard.orders.apps as apps


class OrdersDashboardConfig(apps.OrdersDashboardConfig):
    """Forked so that an artisan sees only orders, and order lines, that are wholly their own."""

    name = "shops.dashboard.orders"
