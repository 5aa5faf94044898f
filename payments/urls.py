from django.urls import path

from . import views

urlpatterns = [
    path("paiement/<str:number>/", views.PaymentView.as_view(), name="payment"),
    path("paiement/<str:number>/retour/", views.PaymentReturnView.as_view(), name="payment-return"),
    path("paiement/<str:number>/abandon/", views.AbandonPaymentView.as_view(), name="payment-abandon"),
]
