"""What the site's header and footer need on every public page, computed lazily (a page that does not
show the account menu pays for no query)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language


@dataclass(frozen=True)
class LanguageLink:
    code: str
    short_name: str
    name: str
    url: str
    is_current: bool


def language_links(request: HttpRequest) -> list[LanguageLink]:
    """FR | EN as plain links to the same page in the other language (French at the root, English
    under /en/): no form, no script, and a search engine can follow them."""
    current = get_language()
    path = request.get_full_path()
    return [LanguageLink(code, code.upper(), str(name), translate_url(path, code), code == current)
            for code, name in settings.LANGUAGES]


def site_chrome(request: HttpRequest) -> dict:
    from shops.roles import can_review_shops, runs_a_shop

    user = getattr(request, "user", None)
    return {
        "chrome_runs_a_shop": SimpleLazyObject(lambda: bool(user and runs_a_shop(user))),
        "chrome_is_chamber": SimpleLazyObject(lambda: bool(user and can_review_shops(user))),
        "chrome_language_links": SimpleLazyObject(lambda: language_links(request)),
    }
