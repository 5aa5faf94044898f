from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from marketplace import views
from marketplace.csp import csp_report
from marketplace.health import health
from marketplace.seo.robots import robots_txt
from marketplace.seo.sitemaps import sitemap_index, sitemap_section
from geography import views as geography_views
from payments.views import stripe_webhook
from search.urls import api_urlpatterns as search_api_urlpatterns
from search.urls import page_urlpatterns as search_page_urlpatterns
from themes.views import style_page

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/communes/", geography_views.commune_autocomplete, name="commune-autocomplete"),
    # Outside the language prefixes: Stripe calls one fixed address.
    path("payments/stripe/webhook/", stripe_webhook, name="stripe-webhook"),
    *search_api_urlpatterns,
    path("health/", health, name="health"),
    path("csp-report/", csp_report, name="csp-report"),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap-section"),
]

# French at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("", views.HomeView.as_view(), name="home"),
    path("credits/", views.CreditsView.as_view(), name="credits"),
    path("conditions-generales-de-vente/", views.TermsOfSaleView.as_view(), name="terms-of-sale"),
    path("shops/", include("shops.urls")),
    path("ouvrir-ma-boutique/", include("shops.onboarding_urls")),
    path("espace-artisan/", include("shops.artisan_urls")),
    path("chambre/style/", style_page, name="style-page"),
    path("chambre/", include("chamber.urls")),
    path("", include("chamber.public_urls")),
    path("", include("checkout.urls")),
    path("", include("payments.urls")),
    path("", include("vouchers.urls", namespace="vouchers")),
    path("", include("collection.urls", namespace="collection")),
    path("espace-hote/", include("collection.host_urls", namespace="host")),
    # Before Oscar's: the regional search answers /search/, Oscar's header box included.
    *search_page_urlpatterns,
    path("", include(apps.get_app_config("oscar").urls[0])),
    prefix_default_language=False,
)

# Uploaded pictures (MEDIA_URL) are served by marketplace.media.MediaMiddleware, before any URL.
