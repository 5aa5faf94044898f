"""/espace-artisan/: the artisan's whole back-office. Each screen's module lists its own URLs."""

from django.urls import include, path

from payments import artisan_sales
from payments import artisan_views as payment_views

from . import artisan_counter, artisan_orders, artisan_products, artisan_views

from . import artisan_notifications  # noqa: I001 (one line per screen, edited by several people)

app_name = "artisan"

urlpatterns = [
    path("", artisan_views.ArtisanHomeView.as_view(), name="home"),
    path("boutique/", artisan_views.ShopSettingsView.as_view(), name="settings"),
    path("horaires/", artisan_views.OpeningHoursView.as_view(), name="hours"),
    path("apparence/", artisan_views.AppearanceView.as_view(), name="appearance"),
    path("retrait-livraison/", artisan_views.FulfilmentView.as_view(), name="fulfilment"),
    path("commandes/", artisan_orders.ArtisanOrderListView.as_view(), name="orders"),
    path("commandes/preparation/", artisan_orders.PreparationSheetView.as_view(), name="preparation-sheet"),
    path("commandes/export.csv", artisan_orders.OrdersCsvView.as_view(), name="orders-csv"),
    path("commandes/<order_number:number>/", artisan_orders.ArtisanOrderDetailView.as_view(), name="order"),
    path("", include(artisan_counter.urlpatterns)),
    path("", include(artisan_sales.urlpatterns)),
    path("", include(artisan_notifications.urlpatterns)),
    path("", include("vouchers.artisan_views")),
    path("", include("collection.artisan_views")),
    path("paiements/", payment_views.ArtisanPaymentsView.as_view(), name="payments"),
    path("paiements/stripe/relancer/", payment_views.StripeRefreshView.as_view(), name="stripe-refresh"),
    path("paiements/stripe/retour/", payment_views.StripeReturnView.as_view(), name="stripe-return"),
    *artisan_products.urlpatterns,
    path("import/", artisan_views.ProductImportView.as_view(), name="import"),
    path("import/<id:pk>/", artisan_views.ProductImportDetailView.as_view(), name="import-detail"),
    path("import/<id:pk>/erreurs.csv", artisan_views.ProductImportErrorsView.as_view(), name="import-errors"),
]
