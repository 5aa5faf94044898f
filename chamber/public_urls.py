"""The chamber's public pages: campaigns, and how results and selections are ordered."""

from . import public_views

urlpatterns = public_views.urlpatterns
