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


def back_office_spaces(user) -> dict[str, bool]:
    """Which back-offices the account menu links to: the user's shop, the collection point they host.
    One query for both."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists

    from collection.models import PointHost
    from shops.models import Shop

    if not (user and user.is_authenticated):
        return {"runs_a_shop": False, "hosts_a_point": False}
    row = (get_user_model().objects.filter(pk=user.pk)
           .annotate(runs_a_shop=Exists(Shop.objects.for_user(user)), hosts_a_point=Exists(PointHost.objects.filter(user=user)))
           .values("runs_a_shop", "hosts_a_point").first())
    return row or {"runs_a_shop": False, "hosts_a_point": False}


def site_chrome(request: HttpRequest) -> dict:
    from shops.roles import can_review_shops

    user = getattr(request, "user", None)
    spaces = SimpleLazyObject(lambda: back_office_spaces(user))
    return {
        "chrome_runs_a_shop": SimpleLazyObject(lambda: bool(spaces["runs_a_shop"])),
        "chrome_hosts_a_point": SimpleLazyObject(lambda: bool(spaces["hosts_a_point"])),
        "chrome_is_chamber": SimpleLazyObject(lambda: bool(user and can_review_shops(user))),
        "chrome_language_links": SimpleLazyObject(lambda: language_links(request)),
    }
