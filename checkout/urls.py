from django.urls import path

from . import views

urlpatterns = [
    # Takes the place of Oscar's checkout entry point: one flow for the whole basket.
    path("checkout/", views.CheckoutView.as_view(), name="marketplace-checkout"),
    path("commande/<str:number>/", views.CheckoutDoneView.as_view(), name="marketplace-checkout-done"),
    path("mes-achats/", views.MyCheckoutsView.as_view(), name="my-checkouts"),
]
