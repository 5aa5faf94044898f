"""The sitemap (django.contrib.sitemaps): shops, products, categories and campaigns the public may
see, by the same rules as the pages and the search (``Shop.objects.visible()``,
``Product.objects.visible()``). The French addresses only: the English ones (/en/…) show the same
shops and products with the site's words in English, and listing them would double a sitemap of
100,000 products (Django's i18n sitemaps build the whole list in memory).

Addresses are absolute from SITE_URL (not from the sites framework's domain, nor from the request's
Host header). Django's sitemap index lists each section's pages (50,000 addresses per page).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, _get_latest_lastmod, sitemap as section_view
from django.db.models import Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.http import require_safe
from oscar.core.loading import get_model

from chamber.models import Campaign
from shops.models import Shop

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")

SECTION_TEMPLATE = "marketplace/seo/sitemap.xml"
INDEX_TEMPLATE = "marketplace/seo/sitemap_index.xml"


class SiteSitemap(Sitemap):
    """Absolute addresses on SITE_URL."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ShopSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        return Shop.objects.visible().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, shop):
        return shop.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ProductSitemap(SiteSitemap):
    changefreq = "weekly"

    def items(self):
        # Variants have no page of their own: their parent's is listed.
        return Product.objects.visible().filter(parent=None).only("pk", "slug", "date_updated").order_by("pk")

    def lastmod(self, product):
        return product.date_updated

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("date_updated"))["latest"]


class CategorySitemap(SiteSitemap):
    """Public categories with at least one visible product in them or below them; a category's
    lastmod is its newest product change."""

    changefreq = "weekly"

    def items(self):
        categories = list(Category.objects.filter(is_public=True).order_by("path"))
        latest_by_category = dict(
            Category.objects.filter(product__in=Product.objects.visible())
            .annotate(latest=Max("product__date_updated"))
            .values_list("path", "latest")
        )
        slugs_by_path: dict[str, str] = {}
        listed = []
        for category in categories:  # by path: a parent always comes before its children
            parent_path = category.path[: -category.steplen]
            if parent_path and parent_path not in slugs_by_path:
                continue  # below a category that is not public
            parent_slug = slugs_by_path.get(parent_path)
            slugs_by_path[category.path] = f"{parent_slug}/{category.slug}" if parent_slug else category.slug
            below = [latest for path, latest in latest_by_category.items() if path.startswith(category.path)]
            if below:
                category.sitemap_lastmod = max(below)
                category.sitemap_parent_slug = parent_slug
                listed.append(category)
        return listed

    def location(self, category):
        if category.sitemap_parent_slug is None:
            return category._get_absolute_url()
        return category._get_absolute_url(parent_slug=category.sitemap_parent_slug)

    def lastmod(self, category):
        return category.sitemap_lastmod


class CampaignSitemap(SiteSitemap):
    """Campaigns on today (outside their period their page is a 404 to the public)."""

    changefreq = "daily"

    def items(self):
        return Campaign.objects.active_on(timezone.localdate()).only("pk", "slug", "starts_on").order_by("pk")

    def location(self, campaign):
        return reverse("campaign", kwargs={"slug": campaign.slug})

    def lastmod(self, campaign):
        # The day it went on, as the start of that day in the site's time zone.
        return timezone.make_aware(datetime.datetime.combine(campaign.starts_on, datetime.time.min))


SITEMAPS = {
    "boutiques": ShopSitemap,
    "produits": ProductSitemap,
    "categories": CategorySitemap,
    "campagnes": CampaignSitemap,
}


@require_safe
@cache_control(public=True, max_age=3600)
@cache_page(3600)
def sitemap_index(request):
    """Django's sitemap index, with each section's address on SITE_URL."""
    items, latest, every_lastmod = [], None, True
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = settings.SITE_URL + reverse("sitemap-section", kwargs={"section": section})
        section_lastmod = sitemap.get_latest_lastmod()
        if section_lastmod is None:
            every_lastmod = False
        else:
            latest = _get_latest_lastmod(latest, section_lastmod)
        items.append(SitemapIndexItem(location, section_lastmod))
        items.extend(SitemapIndexItem(f"{location}?p={page}", section_lastmod) for page in range(2, sitemap.paginator.num_pages + 1))
    headers = {"Last-Modified": http_date(latest.timestamp())} if every_lastmod and latest else None
    return TemplateResponse(
        request, INDEX_TEMPLATE, {"sitemaps": items}, content_type="application/xml", headers=headers
    )


@require_safe
@cache_control(public=True, max_age=3600)
@cache_page(3600)  # a page of 50,000 addresses is built once an hour, whoever asks
def sitemap_section(request, section):
    return section_view(request, sitemaps=SITEMAPS, section=section, template_name=SECTION_TEMPLATE)
