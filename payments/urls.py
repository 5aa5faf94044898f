from django.urls import path

from . import views

urlpatterns = [
    path("paiement/<order_number:number>/", views.PaymentView.as_view(), name="payment"),
    path("paiement/<order_number:number>/retour/", views.PaymentReturnView.as_view(), name="payment-return"),
    path("paiement/<order_number:number>/abandon/", views.AbandonPaymentView.as_view(), name="payment-abandon"),
]
