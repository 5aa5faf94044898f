from django.urls import path

from payments.chamber_views import ChamberOrderView

from . import chamber_views

app_name = "chamber"

urlpatterns = [
    path("candidatures/", chamber_views.ApplicationListView.as_view(), name="applications"),
    path("candidatures/<int:pk>/", chamber_views.ApplicationDetailView.as_view(), name="application"),
    path("commandes/<str:number>/", ChamberOrderView.as_view(), name="order"),
]
