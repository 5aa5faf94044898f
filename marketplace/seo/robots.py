"""/robots.txt: public pages open to crawlers, the private and transactional ones closed, and the
sitemap's absolute address (from SITE_URL)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

# Pages that are someone's own (accounts, orders, payments), back-offices and machine interfaces.
# Each is listed with its English twin under /en/ as well. The basket and the checkout stay open: a
# crawler only ever sees an empty basket there, and a closed page counts against the site in search
# engines' audits (Lighthouse's « is-crawlable »); « Ouvrir ma boutique » is the artisans' way in and
# should be found.
DISALLOWED_PREFIXES = (
    "/espace-artisan/",
    "/chambre/",
    "/dashboard/",
    "/admin/",
    "/accounts/",
    "/commande/",
    "/mes-achats/",
    "/paiement/",
    "/payments/",
    "/wishlists/",
    "/api/",
    "/i18n/",
    "/csp-report/",
    "/health/",
)
# Prefixes that only exist at the root (outside the language prefixes).
ROOT_ONLY = ("/admin/", "/api/", "/i18n/", "/csp-report/", "/health/", "/payments/")


def robots_lines() -> list[str]:
    lines = ["User-agent: *", "Allow: /"]
    other_languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    for prefix in DISALLOWED_PREFIXES:
        lines.append(f"Disallow: {prefix}")
        if prefix not in ROOT_ONLY:
            lines.extend(f"Disallow: /{code}{prefix}" for code in other_languages)
    lines += ["", f"Sitemap: {settings.SITE_URL}/sitemap.xml", ""]
    return lines


@require_safe
@cache_control(public=True, max_age=3600)
def robots_txt(request):
    return HttpResponse("\n".join(robots_lines()), content_type="text/plain; charset=utf-8")
