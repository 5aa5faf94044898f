from django.urls import path, re_path
from django.views.generic import RedirectView

from . import views

urlpatterns = [
    # Takes the place of Oscar's checkout entry point: one flow for the whole basket.
    path("checkout/", views.CheckoutView.as_view(), name="marketplace-checkout"),
    path("checkout/brouillon/", views.CheckoutDraftView.as_view(), name="marketplace-checkout-draft"),
    # Oscar's own checkout steps would place one order for every shop at once: they lead here instead.
    re_path(r"^checkout/.+$", RedirectView.as_view(pattern_name="marketplace-checkout", permanent=False)),
    path("commande/<order_number:number>/", views.CheckoutDoneView.as_view(), name="marketplace-checkout-done"),
    path("mes-achats/", views.MyCheckoutsView.as_view(), name="my-checkouts"),
]
