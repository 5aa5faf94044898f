from django.urls import path

from . import views

# The API is not translated (partners call it with fixed addresses); the page follows i18n_patterns.
api_urlpatterns = [
    path("api/search/", views.search_api, name="search-api"),
    path("api/search/suggestions/", views.suggest_api, name="search-suggestions"),
]
page_urlpatterns = [
    path("search/", views.search_page, name="regional-search"),
]
