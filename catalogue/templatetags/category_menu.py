from django import template

from catalogue.menu import menu_categories

register = template.Library()


@register.simple_tag
def menu_category_list():
    """The menu's top-level categories from the cache (see catalogue.menu)."""
    return menu_categories()
