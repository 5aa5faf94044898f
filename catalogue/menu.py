"""The top-level categories of the site's menu, kept in the cache.

Every page shows the menu and the categories change rarely, while building it costs Oscar two or
three queries (and one more per category for its URL). Saving or deleting a category forgets the
cached menu at once in the shared cache (Redis); with a per-process cache (the embedded default)
another worker may show the old menu for at most ``MENU_TIMEOUT`` seconds — the bound too for a
tree reordered by bulk updates (treebeard's moves), which send no save signal.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import get_language
from oscar.core.loading import get_model

Category = get_model("catalogue", "Category")

MENU_CACHE_KEY = "catalogue:menu:{language}"
MENU_TIMEOUT = 300


@dataclass(frozen=True)
class MenuCategory:
    name: str
    url: str


def _cache_key(language: str | None) -> str:
    return MENU_CACHE_KEY.format(language=language or settings.LANGUAGE_CODE)


def menu_categories() -> list[MenuCategory]:
    """The public top-level categories, in tree order, as Oscar's ``category_tree depth=1`` lists them."""
    key = _cache_key(get_language())
    entries = cache.get(key)
    if entries is None:
        from oscar.templatetags.category_tags import get_annotated_list

        entries = [MenuCategory(name=info.name, url=info.get_absolute_url()) for info in get_annotated_list(depth=1)]
        cache.set(key, entries, MENU_TIMEOUT)
    return entries


def forget_menu() -> None:
    cache.delete_many([_cache_key(code) for code, _name in settings.LANGUAGES])


@receiver([post_save, post_delete], sender=Category, dispatch_uid="catalogue.menu.forget_menu")
def _category_changed(sender, **kwargs):
    forget_menu()
