"""Place names after a preposition, in the active language: "de Gap", "d'Apt", "du Cannet", "in Gap"."""

from django import template
from django.utils.translation import get_language

from marketplace.french import with_preposition

register = template.Library()


def _is_french() -> bool:
    return (get_language() or "fr").startswith("fr")


@register.filter
def of_place(name) -> str:
    return with_preposition("de", str(name)) if _is_french() else f"of {name}"


@register.filter
def in_place(name) -> str:
    return with_preposition("à", str(name)) if _is_french() else f"in {name}"
