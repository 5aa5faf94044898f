from django.urls import path

from . import views

app_name = "shops"

urlpatterns = [
    path("<slug:slug>/", views.StorefrontView.as_view(), name="storefront"),
]
