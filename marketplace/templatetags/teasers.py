from django import template

from marketplace.teasers import teaser as make_teaser

register = template.Library()


@register.filter
def teaser(text, limit=160):
    """``{{ product.description|teaser:120 }}``: see marketplace.teasers."""
    return make_teaser(str(text) if text is not None else "", int(limit))
