from django.urls import path

from . import public_views

app_name = "collection"

urlpatterns = [
    path("points-de-retrait/", public_views.PointListView.as_view(), name="points"),
    path("points-de-retrait/<slug:slug>/", public_views.PointDetailView.as_view(), name="point"),
]
