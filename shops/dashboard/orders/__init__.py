default_app_config = 'shops.dashboard.orders.apps.OrdersDashboardConfig'
