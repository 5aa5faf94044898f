"""What the basket, the checkout and the purchases pages need beyond their views' context."""

from decimal import Decimal

from django import template
from django.utils import timezone

from catalogue.renditions import renditions_by_source
from checkout.offers import moment_words, shop_offers
from checkout.views import shows_pickup_code as _shows_pickup_code

register = template.Library()


@register.simple_tag
def basket_offers(groups) -> list[tuple]:
    """``{% basket_offers groups as sections %}``: each shop group of the basket (basket_by_shop)
    with what its shop offers (checkout.offers.ShopOffer, or None for a shop taking no order)."""
    parts = [
        (group.shop.pk, [form.instance for _index, form in group.forms], group.subtotal or Decimal("0.00"))
        for group in groups if group.shop is not None
    ]
    offers = shop_offers(parts, timezone.now())
    return [(group, offers.get(group.shop.pk) if group.shop is not None else None) for group in groups]


@register.simple_tag
def basket_pictures(formset) -> dict:
    """``{% basket_pictures formset as renditions %}``: the web sizes of the basket's first pictures, one query."""
    sources = []
    for form in formset:
        image = form.instance.product.primary_image() if form.instance.product_id else None
        if image is not None and not isinstance(image, dict):
            sources.append(image.original.name)
    return renditions_by_source(sources)


@register.filter
def first_picture(product):
    """The product's first picture (a ProductImage), or None: not Oscar's « image not found » stand-in."""
    if product is None:
        return None
    image = product.primary_image()
    return None if isinstance(image, dict) else image


@register.filter
def shows_pickup_code(order) -> bool:
    return _shows_pickup_code(order)


@register.filter
def moment(value) -> str:
    """``{{ order.pickup_starts_at|moment }}``: « samedi 5 décembre à 16 h 30 »."""
    return moment_words(value) if value else ""
