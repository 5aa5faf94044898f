"""The chamber's back-office, under /chambre/ (every page needs the chamber staff's permission)."""

from django.urls import include, path

from payments.chamber_views import ChamberOrderView
from shops import chamber_views as application_views

from . import campaign_views, statistics_views, views

app_name = "chamber"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("candidatures/", application_views.ApplicationListView.as_view(), name="applications"),
    path("candidatures/<id:pk>/", views.ShopChamberView.as_view(), name="application"),
    path("commandes/<order_number:number>/", ChamberOrderView.as_view(), name="order"),
    *views.urlpatterns,
    *campaign_views.urlpatterns,
    *statistics_views.urlpatterns,
    path("", include("vouchers.chamber_views")),
    path("", include("collection.chamber_views")),
]
