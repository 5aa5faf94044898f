default_app_config = 'catalogue.dashboard..apps.CatalogueDashboardConfig'
