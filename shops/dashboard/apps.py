import oscar.apps.dashboard.apps as apps


class DashboardConfig(apps.DashboardConfig):
    """Forked so that Oscar's class loader finds our dashboard sub-apps (orders, catalogue) under this package."""

    name = "shops.dashboard"
