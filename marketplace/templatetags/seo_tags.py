"""Tags for what search engines and social networks read (marketplace/seo/)."""

from __future__ import annotations

import logging

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from marketplace.seo import structured_data
from marketplace.seo.meta import page_meta

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def page_seo(context):
    """The page's canonical address, language twins and sharing card (None on an error page)."""
    try:
        return page_meta(context)
    except Exception:
        # What search engines read must never take the page down with it: logged, and left out.
        logger.exception("The page's metadata could not be built")
        return None


def _storefront(context) -> dict | None:
    shop = context.get("shop")
    if shop is None:
        return None
    periods = [period for day in context.get("schedule") or () for period in day.periods]
    picture = shop.banner or shop.logo
    image = structured_data.picture_url(picture, context.get("renditions")) if picture else None
    return structured_data.local_business(shop, periods, image)


def _product(context) -> list[dict] | None:
    product = context.get("product")
    request = context.get("request")
    if product is None or request is None:
        return None
    shop = context.get("shop")
    strategy = getattr(request, "strategy", None)
    purchase_info = strategy.fetch_for_product(product) if strategy is not None else None
    renditions = context.get("renditions")
    images = [
        url for url in (structured_data.picture_url(image.original, renditions) for image in product.get_all_images()) if url
    ]
    data = [structured_data.product_with_offer(product, shop, purchase_info, images)]
    category = product.get_categories().first()
    if category is not None:
        trail = [(_("Home"), "/")]
        trail += [(ancestor.name, ancestor.get_absolute_url()) for ancestor in category.get_ancestors_and_self()]
        trail.append((product.get_title(), product.get_absolute_url()))
        data.append(structured_data.breadcrumb_list(trail))
    return data


BUILDERS = {"storefront": _storefront, "product": _product}


@register.simple_tag(takes_context=True)
def structured_data_script(context, kind: str):
    """``<script type="application/ld+json">`` for the page: "storefront" or "product"."""
    try:
        data = BUILDERS[kind](context)
    except Exception:
        logger.exception("The page's %s structured data could not be built", kind)
        return ""
    if not data:
        return ""
    nonce = getattr(context.get("request"), "csp_nonce", None)
    return mark_safe("".join(structured_data.json_ld_script(item, nonce) for item in (data if isinstance(data, list) else [data])))
