from django.urls import path

from . import onboarding_views

app_name = "onboarding"

urlpatterns = [
    path("", onboarding_views.OpenShopView.as_view(), name="open"),
    path("demande/", onboarding_views.ApplicationView.as_view(), name="application"),
]
