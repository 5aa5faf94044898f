"""schema.org data (JSON-LD) for search engines: a storefront as a LocalBusiness with its place and
hours, a product with its offer, breadcrumbs.

Built as plain dicts from what the pages already hold (no query of their own), then written as a
``<script type="application/ld+json">`` with the request's nonce: browsers do not run it, but the
Content-Security-Policy (marketplace/csp.py) judges every <script> element, and a nonce keeps the
policy's reports quiet. ``<``, ``>`` and ``&`` are written as JSON escapes, so a shop named
``</script><script>…`` cannot end the element (the same escaping as Django's ``json_script``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from marketplace.teasers import teaser

SCHEMA = "https://schema.org"
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
DESCRIPTION_CHARACTERS = 300


def absolute_url(url: str | None) -> str | None:
    """An address on the site made absolute with SITE_URL; an absolute one (object storage) as is."""
    if not url:
        return None
    if url.startswith(("http://", "https://")):
        return url
    if url.startswith("//"):
        return "https:" + url
    return settings.SITE_URL + (url if url.startswith("/") else "/" + url)


def plain_text(html: str | None, limit: int = DESCRIPTION_CHARACTERS) -> str:
    return teaser(html, limit)


def picture_url(image_file, renditions: dict | None) -> str | None:
    """The absolute address of a picture to share: its largest JPEG web size (read by every crawler
    and social network, unlike WebP), else its largest web size, else the original."""
    name = getattr(image_file, "name", image_file) or ""
    if not name:
        return None
    sizes = sorted((renditions or {}).get(name, []), key=lambda rendition: rendition.width)
    jpeg = [rendition for rendition in sizes if rendition.format == "jpg"]
    chosen = (jpeg or sizes)[-1] if sizes else None
    if chosen is not None:
        return absolute_url(chosen.file.url)
    return absolute_url(image_file.url) if hasattr(image_file, "url") else None


def opening_hours(periods: Iterable) -> list[dict]:
    """One OpeningHoursSpecification per opening time, with every day that opens at that time."""
    days_by_time: dict[tuple[str, str], list[int]] = {}
    for period in sorted(periods, key=lambda period: (period.weekday, period.opens_at)):
        key = (period.opens_at.strftime("%H:%M"), period.closes_at.strftime("%H:%M"))
        days_by_time.setdefault(key, []).append(period.weekday)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [f"{SCHEMA}/{DAY_NAMES[day]}" for day in days],
            "opens": opens,
            "closes": closes,
        }
        for (opens, closes), days in sorted(days_by_time.items(), key=lambda item: (item[1][0], item[0]))
    ]


def shop_id(shop) -> str:
    return absolute_url(shop.get_absolute_url()) + "#boutique"


def local_business(shop, periods: Iterable, image: str | None = None) -> dict:
    """A storefront as a schema.org LocalBusiness: name, place, hours, telephone, address on the site."""
    url = absolute_url(shop.get_absolute_url())
    data = {
        "@context": SCHEMA,
        "@type": "LocalBusiness",
        "@id": shop_id(shop),
        "name": shop.name,
        "url": url,
    }
    if shop.tagline:
        data["description"] = shop.tagline
    if image:
        data["image"] = image
    if shop.phone:
        data["telephone"] = shop.phone.as_e164
    address = {"@type": "PostalAddress", "addressLocality": shop.commune.name, "addressCountry": "FR"}
    if shop.address_line:
        address["streetAddress"] = shop.address_line
    if shop.postcode:
        address["postalCode"] = shop.postcode
    data["address"] = address
    data["geo"] = {"@type": "GeoCoordinates", "latitude": round(shop.latitude, 6), "longitude": round(shop.longitude, 6)}
    hours = opening_hours(periods)
    if hours:
        data["openingHoursSpecification"] = hours
    return data


def availability(product, purchase_info) -> str:
    """schema.org's ItemAvailability: in stock, made to order (orderable without stock), out of stock."""
    if purchase_info is None or not purchase_info.availability.is_available_to_buy:
        return f"{SCHEMA}/OutOfStock"
    stockrecord = purchase_info.stockrecord
    in_stock = stockrecord is not None and (stockrecord.net_stock_level or 0) > 0
    if getattr(product, "is_made_to_order", False) and not in_stock:
        return f"{SCHEMA}/MadeToOrder"
    return f"{SCHEMA}/InStock"


def product_with_offer(product, shop, purchase_info, images: Sequence[str] = ()) -> dict:
    """A product as a schema.org Product with its Offer (price VAT included, in euros) and seller."""
    url = absolute_url(product.get_absolute_url())
    data = {"@context": SCHEMA, "@type": "Product", "name": product.get_title(), "url": url}
    description = plain_text(product.description)
    if description:
        data["description"] = description
    if images:
        data["image"] = list(images)
    if getattr(product, "is_parent", False):
        offer = aggregate_offer(product, shop)
        if offer is not None:
            data["offers"] = offer
        return data
    price = getattr(purchase_info, "price", None)
    if price is not None and price.exists and price.is_tax_known:
        offer = {
            "@type": "Offer",
            "url": url,
            "price": str(Decimal(price.incl_tax).quantize(Decimal("0.01"))),
            "priceCurrency": price.currency or "EUR",
            "availability": availability(product, purchase_info),
            "itemCondition": f"{SCHEMA}/NewCondition",
        }
        if shop is not None:
            offer["seller"] = {"@type": "LocalBusiness", "@id": shop_id(shop), "name": shop.name, "url": absolute_url(shop.get_absolute_url())}
        data["offers"] = offer
    return data


def seller(shop) -> dict:
    return {"@type": "LocalBusiness", "@id": shop_id(shop), "name": shop.name, "url": absolute_url(shop.get_absolute_url())}


def aggregate_offer(product, shop) -> dict | None:
    """A parent's variants as one schema.org AggregateOffer: the lowest and highest prices (VAT
    included, as the stock records hold them), how many, and in stock when one of them can be
    bought. Read from the variants fetched with the page (Product.variant_offers): no query."""
    from catalogue.models import _can_be_bought

    offers = [(child, record) for child, record in product.variant_offers() if record.price is not None]
    if not offers:
        return None
    prices = [record.price for _child, record in offers]
    accepts_orders = shop is None or getattr(shop, "accepts_orders", True)
    if accepts_orders and any(_can_be_bought(child, record) for child, record in offers):
        made_to_order = all(child.is_made_to_order for child, _record in offers)
        available = f"{SCHEMA}/MadeToOrder" if made_to_order else f"{SCHEMA}/InStock"
    else:
        available = f"{SCHEMA}/OutOfStock"
    offer = {
        "@type": "AggregateOffer",
        "url": absolute_url(product.get_absolute_url()),
        "lowPrice": str(Decimal(min(prices)).quantize(Decimal("0.01"))),
        "highPrice": str(Decimal(max(prices)).quantize(Decimal("0.01"))),
        "offerCount": len(offers),
        "priceCurrency": offers[0][1].price_currency or "EUR",
        "availability": available,
        "itemCondition": f"{SCHEMA}/NewCondition",
    }
    if shop is not None:
        offer["seller"] = seller(shop)
    return offer


def breadcrumb_list(trail: Sequence[tuple[str, str]]) -> dict:
    """A schema.org BreadcrumbList from (name, address) pairs, home first."""
    return {
        "@context": SCHEMA,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": str(name), "item": absolute_url(url)}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


def json_ld_script(data: dict | list, nonce: str | None = None) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``, safe whatever the strings inside."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).translate(JSON_ESCAPES)
    nonce_attribute = f' nonce="{escape(nonce)}"' if nonce else ""
    return mark_safe(f'<script type="application/ld+json"{nonce_attribute}>{payload}</script>')
