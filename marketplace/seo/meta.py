"""What a page tells search engines and social networks in its <head>: its canonical address, its
language twins, its Open Graph and Twitter card, and (category pages) its breadcrumbs.

Read from the page's own context (the product, the shop, the category, the campaign its view put
there) and its URL name, so that no view has to know about it and no query is added: pictures come
from the renditions the view already fetched.

Canonical addresses are absolute (SITE_URL) and keep only the query parameters that choose what the
page shows; tracking parameters (utm_*, fbclid…), a sort order, a page size, the visitor's own
coordinates and ``page=1`` are dropped.

Search results are left open to indexing, with a canonical address: a « miel près de Gap » page is a
fair landing page, its variants (sort order, page size, the visitor's position) fold into one address,
and the products and shops it lists are each in the sitemap. ``noindex`` there would also fail
Lighthouse's "page is blocked from indexing" audit on the search page the issue measures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import structured_data
from .structured_data import absolute_url, picture_url, plain_text

# Per URL name, the query parameters that change what the page shows (and so stay in its canonical).
KEPT_PARAMETERS = {
    "shops:storefront": ("categorie", "page"),
    "catalogue:index": ("page",),
    "catalogue:category": ("page",),
    "regional-search": (
        "q", "place", "insee", "radius", "type", "trade", "category", "price_min", "price_max", "price_range",
        "pickup", "delivers", "open_now", "in_stock", "page",
    ),
}
OPEN_GRAPH_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@dataclass
class PageMeta:
    canonical: str
    title: str
    description: str
    og_type: str = "website"
    image: str | None = None
    image_alt: str = ""
    locale: str = "fr_FR"
    alternate_locales: list[str] = field(default_factory=list)
    alternates: list[tuple[str, str]] = field(default_factory=list)
    json_ld: str = ""

    @property
    def twitter_card(self) -> str:
        return "summary_large_image" if self.image else "summary"


def canonical_query(url_name: str, query) -> str:
    kept = KEPT_PARAMETERS.get(url_name, ())
    pairs = []
    for name in sorted(set(query) & set(kept)):
        values = sorted({value for value in query.getlist(name) if value.strip()})
        if name == "page":
            values = [value for value in values if value != "1"][:1]
        pairs += [(name, value) for value in values]
    return urlencode(pairs)


def canonical_url(request, path: str | None = None) -> str | None:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    query = canonical_query(match.view_name, request.GET)
    return absolute_url(path or request.path) + (f"?{query}" if query else "")


def language_alternates(request, canonical: str) -> list[tuple[str, str]]:
    """(hreflang, address) of the page in each language, and x-default (French, at the root)."""
    path_and_query = canonical[len(settings.SITE_URL):]
    twins = []
    for code, _name in settings.LANGUAGES:
        translated = translate_url(path_and_query, code)
        twins.append((code, absolute_url(translated)))
    default = next((url for code, url in twins if code == settings.LANGUAGE_CODE), None)
    if len({url for _code, url in twins}) < len(twins):
        return []  # the address does not exist in every language
    return [*twins, ("x-default", default)] if default else twins


def _product_meta(context, meta: PageMeta) -> None:
    product = context["product"]
    meta.title = product.get_title()
    shop = context.get("shop")
    meta.description = plain_text(product.description, 200) or (
        _("%(product)s by %(shop)s") % {"product": meta.title, "shop": shop.name} if shop else meta.title
    )
    meta.og_type = "product"
    image = next(iter(product.get_all_images()), None)
    if image is not None and getattr(image, "original", None):
        meta.image = picture_url(image.original, context.get("renditions"))
        meta.image_alt = meta.title


def _shop_meta(context, meta: PageMeta) -> None:
    shop = context["shop"]
    meta.title = shop.name
    meta.description = shop.tagline or plain_text(shop.story, 200) or f"{shop.get_trade_display()} · {shop.commune.name}"
    picture = shop.banner or shop.logo
    if picture:
        meta.image = picture_url(picture, context.get("renditions"))
        meta.image_alt = shop.name


def _category_meta(context, meta: PageMeta) -> None:
    category = context["category"]
    meta.title = category.name
    meta.description = plain_text(category.description, 200) or _("%(category)s made by local craftspeople") % {
        "category": category.name
    }
    if getattr(category, "image", None):
        meta.image = absolute_url(category.image.url)
        meta.image_alt = category.name
    trail = [(_("Home"), "/")] + [(ancestor.name, ancestor.get_absolute_url()) for ancestor in category.get_ancestors_and_self()]
    nonce = getattr(context.get("request"), "csp_nonce", None)
    meta.json_ld = structured_data.json_ld_script(structured_data.breadcrumb_list(trail), nonce)


def _campaign_meta(context, meta: PageMeta) -> None:
    campaign = context["campaign"]
    meta.title = campaign.title
    meta.description = plain_text(campaign.text, 200) or meta.description
    if campaign.image:
        meta.image = picture_url(campaign.image, getattr(campaign, "picture_renditions", None))
        meta.image_alt = campaign.title


PAGE_KINDS = {
    "catalogue:detail": ("product", _product_meta),
    "shops:storefront": ("shop", _shop_meta),
    "catalogue:category": ("category", _category_meta),
    "campaign": ("campaign", _campaign_meta),
}


def page_meta(context) -> PageMeta | None:
    """The page's metadata, or None for a page that has no address of its own (an error page)."""
    request = context.get("request")
    canonical = canonical_url(request) if request is not None else None
    if canonical is None:
        return None
    site_name = settings.OSCAR_SHOP_NAME
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    meta = PageMeta(
        canonical=canonical,
        title=site_name,
        description=str(settings.OSCAR_SHOP_TAGLINE),
        locale=OPEN_GRAPH_LOCALES.get(language, "fr_FR"),
        alternate_locales=[locale for code, locale in OPEN_GRAPH_LOCALES.items() if code != language],
    )
    view_name = request.resolver_match.view_name
    kind = PAGE_KINDS.get(view_name)
    if kind and context.get(kind[0]) is not None:
        kind[1](context, meta)
    elif view_name == "regional-search":
        meta.title = _("Search the craftspeople near you")
    meta.alternates = language_alternates(request, canonical)
    return meta
