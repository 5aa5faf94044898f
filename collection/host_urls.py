from .host_views import urlpatterns  # noqa: F401

app_name = "host"
