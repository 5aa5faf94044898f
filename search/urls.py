from django.urls import path

from . import api_docs, views

# The API is not translated (partners call it with fixed addresses); the page follows i18n_patterns.
api_urlpatterns = [
    path("api/search/", views.search_api, name="search-api"),
    path("api/search/suggestions/", views.suggest_api, name="search-suggestions"),
    path("api/schema/", api_docs.schema_json, name="api-schema"),
]
page_urlpatterns = [
    path("search/", views.search_page, name="regional-search"),
    # The API described for people; its document is /api/schema/.
    path("api/docs/", api_docs.api_docs_page, name="api-docs"),
]
