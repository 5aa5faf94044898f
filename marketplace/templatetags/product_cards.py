"""What the marketplace's product cards (marketplace/partials/product_card.html) need beyond the products."""

from django import template

from marketplace.curation import attach_card_labels

register = template.Library()


@register.simple_tag
def with_shop_labels(products) -> list:
    """``{% with_shop_labels products as cards %}``: the products, their shops' labels attached."""
    return attach_card_labels(products)
