"""Every page of the artisan's (/espace-artisan/) and the chamber's (/chambre/) back-offices, walked
with hostile values: never a 500.

The pages come from the URL resolver, not from a list: a page added under either namespace is
walked without editing this test. Each one is requested by its role (the artisan, with a shop; the
chamber's staff):

- with every path value replaced by a hostile one (empty, negative, non-numeric, 20 digits, a NUL
  byte, 10 kB…);
- at a real address (found by following the back-office's own links), with hostile values in the
  query string and in POST data, for every field and button its page shows (so every form and
  every action name) and a few generic parameters — all at once, then one at a time.

A server error (the test client re-raises the view's exception) or a 5xx answer fails the test with
the request that caused it; a 4xx must carry a message.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from decimal import Decimal
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import LocalePrefixPattern, RoutePattern
from django.utils import timezone
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from catalogue.models import ProductImport
from chamber.models import Campaign, Feature
from marketplace.models import Label, LabelGrant
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating
from tests.integration.vouchers_support import programme as voucher_programme
from vouchers import ledger
from vouchers.models import FunderAccess

Basket = get_model("basket", "Basket")
pytestmark = pytest.mark.django_db

BACK_OFFICES = {"artisan": "/espace-artisan/", "chamber": "/chambre/", "host": "/espace-hote/"}

HOSTILE_VALUES = [
    "", "-1", "0", "abc", "1.5", "NaN", "99999999999999999999", "9" * 400, "\x00", "x\x00y", "é" * 10_000,
]
# Given to every field at once, one request each: the values most likely to break a form or a query.
ALL_AT_ONCE_VALUES = ["abc", "", "99999999999999999999", "x\x00y", "é" * 10_000]
# Given to an action (a button's name), the other fields as they come.
ACTION_VALUES = ["abc", "99999999999999999999", "\x00"]
# In a path: URL-encoded; an empty value leaves an empty segment.
HOSTILE_PATH_VALUES = ["", "-1", "0", "abc", "1.5", "99999999999999999999", "%00", "x" * 10_000, "%C3%A9%00"]
# Parameters a view may read without showing a field for them.
GENERIC_PARAMETERS = ["page", "q", "id", "pk", "action", "status", "product"]
CRAWL_LIMIT = 60

_CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass
class BackOfficePage:
    namespace: str
    view_name: str
    route: str  # the whole path, converters left in: /chambre/candidatures/<id:pk>/
    parameters: list[str]

    def path_with(self, values: dict[str, str]) -> str:
        return _CONVERTER.sub(lambda match: values[match["name"]], self.route)


def back_office_pages() -> list[BackOfficePage]:
    """Every URL pattern under the back-offices' namespaces, read from the resolver."""
    pages = []

    def walk(patterns, prefix: tuple, namespaces: tuple[str, ...]):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, (*prefix, entry.pattern), namespaces + ((entry.namespace,) if entry.namespace else ()))
            elif isinstance(entry, URLPattern) and namespaces and namespaces[0] in BACK_OFFICES and entry.name:
                full_route = "/" + "".join(_route_of(pattern) for pattern in (*prefix, entry.pattern))
                pages.append(BackOfficePage(
                    namespace=namespaces[0], view_name=":".join((*namespaces, entry.name)), route=full_route,
                    parameters=[match["name"] for match in _CONVERTER.finditer(full_route)],
                ))

    walk(get_resolver().url_patterns, (), ())
    return pages


def _route_of(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return str(pattern)
    # A regular expression route cannot be filled in generically: say so rather than skip it.
    literal = str(pattern).removeprefix("^").removesuffix("$")
    assert not re.search(r"[\\(\[*+?{|]", literal), f"cannot build a URL from the regex route {pattern!s}"
    return literal


class _PageReader(HTMLParser):
    """The links and form addresses of a page, the names of its fields (those of its GET forms
    apart) and of its buttons (the actions its POST forms name)."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.fields: set[str] = set()
        self.query_fields: set[str] = set()
        self.buttons: set[str] = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        elif tag == "form":
            self._in_get_form = (attributes.get("method") or "get").lower() == "get"
            if attributes.get("action"):
                self.links.append(attributes["action"])
        elif tag in ("input", "select", "textarea", "button") and name and name != "csrfmiddlewaretoken":
            if self._in_get_form:
                self.query_fields.add(name)
            elif tag == "button" or attributes.get("type") == "submit":
                self.buttons.add(name)
            else:
                self.fields.add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def read_page(html: str) -> _PageReader:
    reader = _PageReader()
    reader.feed(html)
    return reader


@dataclass
class Walk:
    client: Client
    failures: list[str] = field(default_factory=list)
    requests: int = 0

    def request(self, method: str, path: str, data: dict | None = None):
        """One request; a server error or a 4xx without a message is recorded, not raised."""
        self.requests += 1
        described = f"{method.upper()} {_short(path)} {_short(repr(data)) if data else ''}".strip()
        try:
            # A savepoint: a database error must not abort the test's transaction for the next requests.
            with transaction.atomic():
                response = getattr(self.client, method)(path, data or {})
        except Exception as error:  # the test client re-raises the view's exception: a 500
            self.failures.append(f"{described}: {type(error).__name__}: {_short(str(error))}")
            return None
        if response.status_code >= 500:
            self.failures.append(f"{described}: answered {response.status_code}")
        elif response.status_code == 405:
            # A method the page does not take: HTTP's message is the Allow header.
            if not response.get("Allow"):
                self.failures.append(f"{described}: answered 405 without the methods allowed")
        elif 400 <= response.status_code < 500 and not _visible_text(response):
            self.failures.append(f"{described}: answered {response.status_code} without a message")
        return response


def _short(text: str, length: int = 160) -> str:
    return text if len(text) <= length else f"{text[:length]}… ({len(text)} characters)"


def _visible_text(response) -> str:
    content = getattr(response, "content", b"").decode(errors="replace")
    return re.sub(r"<[^>]+>|\s+", " ", content).strip()


def crawl(walk: Walk, pages: list[BackOfficePage], root: str, seeds: list[str]) -> dict[str, list[str]]:
    """Real addresses of the back-office, by view name: its pages without path values and the
    seeds (pages reached from elsewhere, such as an e-mail), then the back-office links and form
    addresses they show (filters and pages of lists included), breadth first."""
    found: dict[str, list[str]] = {}
    queue = [page.route for page in pages if not page.parameters] + seeds
    seen = set(queue)
    while queue and len(seen) <= CRAWL_LIMIT:
        url = queue.pop(0)
        response = walk.request("get", url)
        try:
            match = resolve(urlsplit(url).path)
        except Resolver404:
            continue
        found.setdefault(match.view_name, []).append(url)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for link in read_page(response.content.decode()).links:
            link = link.split("#")[0]
            if link.startswith(root) and link not in seen:
                seen.add(link)
                queue.append(link)
    return found


def walk_back_office(client: Client, namespace: str, seeds: list[str]) -> Walk:
    # A view's exception must reach the walk (counted as a 500), not be turned into a page.
    assert client.raise_request_exception
    walk = Walk(client)
    pages = [page for page in back_office_pages() if page.namespace == namespace]
    assert pages, f"no URL pattern found under the {namespace} namespace"
    real_urls = crawl(walk, pages, BACK_OFFICES[namespace], seeds)
    for page in pages:
        real = real_urls.get(page.view_name, [])
        real_path = urlsplit(real[0]).path if real else None
        # Hostile path values, one parameter at a time (the others as on a real address, or 1).
        real_values = resolve(real_path).kwargs if real_path else {}
        for parameter in page.parameters:
            for index, value in enumerate(HOSTILE_PATH_VALUES):
                values = {name: str(real_values.get(name, 1)) for name in page.parameters}
                values[parameter] = value
                path = page.path_with(values)
                walk.request("get", path)
                if index % 3 == 0:  # a sample: the URL is refused before the method is looked at
                    walk.request("post", path, {"action": "x"})
        if real_path is None:
            if page.parameters:
                walk.failures.append(f"{page.view_name}: no link of the back-office leads to it; the walk needs one "
                                     "(give the test's world what the page shows)")
            continue
        walk_one_page(walk, real_path)
    return walk


def walk_one_page(walk: Walk, path: str) -> None:
    """Hostile query strings and POST data on a real page: for the fields of its GET forms and of
    its POST forms, every action its buttons name, and a few generic parameters."""
    response = walk.request("get", path)
    shown = read_page(response.content.decode(errors="replace")) if response is not None and response.status_code == 200 else _PageReader()
    query_fields = sorted(shown.query_fields | set(GENERIC_PARAMETERS))
    post_fields = sorted(shown.fields | set(GENERIC_PARAMETERS))
    # Every field at once, one kind of hostile value per request; the first POST tells whether the
    # page takes any (405: HTTP's answer, with the methods it takes).
    takes_posts = True
    for value in ALL_AT_ONCE_VALUES:
        walk.request("get", f"{path}?{urlencode({name: value for name in query_fields})}")
        if takes_posts:
            posted = walk.request("post", path, {name: value for name in post_fields})
            takes_posts = posted is None or posted.status_code != 405
    # One field at a time, each with another hostile value (a sample, not every pair).
    for index, name in enumerate(query_fields):
        walk.request("get", f"{path}?{urlencode({name: HOSTILE_VALUES[index % len(HOSTILE_VALUES)]})}")
    for index, name in enumerate(post_fields if takes_posts else ()):
        walk.request("post", path, {name: HOSTILE_VALUES[index % len(HOSTILE_VALUES)]})
    # Every action (a button's name) with a hostile value, alone and with the other fields hostile.
    for button in sorted(shown.buttons) if takes_posts else ():
        for index, value in enumerate(ACTION_VALUES):
            walk.request("post", path, {button: value})
            other = HOSTILE_VALUES[index * 4 % len(HOSTILE_VALUES)]
            walk.request("post", path, {**{name: other for name in shown.fields}, button: value})


@pytest.fixture
def world():
    """A shop with what its pages show (products, an import, an order, a label, a selection, a
    campaign, a gift voucher programme it takes), and another one waiting for the chamber's review."""
    shop = ShopFactory(partner__name="Fournil des Écrins", story="<p>Pain au levain.</p>")
    product = ProductFactory(shop=shop, title="Pain de seigle")
    ProductFactory(shop=shop, title="Tourte", is_public=False)
    ShopFactory(status=ShopStatus.SUBMITTED, submitted_at=timezone.now())
    ProductImport.objects.create(
        shop=shop, created_by=shop.owner, file_name="produits.csv", total_rows=2, valid_rows=1, columns=["reference", "title", "price"],
        rows=[{"line": 2, "values": {"reference": "A1", "title": "Miche", "price": "4.50"}, "errors": []},
              {"line": 3, "values": {"reference": "A2", "title": "", "price": "-1"}, "errors": ["Le titre est vide."]}],
    )
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, 1)
    order = create_order(basket=basket, user=UserFactory(), number="HOSTILE-1")
    order.fulfilment, order.status = "pickup", "new"
    order.save()
    label = Label.objects.create(name="Fait maison", slug="fait-maison")
    LabelGrant.objects.create(label=label, shop=shop, evidence="Visite")
    Feature.objects.create(shop=shop, portrait="Pain au levain.", starts_on=timezone.localdate())
    Campaign.objects.create(title="Noël", slug="noel", starts_on=timezone.localdate())
    gift_vouchers = voucher_programme()
    participating(gift_vouchers, shop)
    ledger.redeem(paid_voucher(gift_vouchers, UserFactory(), "20.00"), Decimal("5.00"), shop, key="hostile-walk")
    FunderAccess.objects.create(programme=gift_vouchers, email="tresorerie@example.fr")
    # A collection point the shop serves, with its hours, a session and a host.
    from collection.models import ShopSession
    from tests.integration.collection_support import make_point

    point = make_point(shop.commune)
    ShopSession.objects.create(shop=shop, session=point.session)
    shop.point_host = point.host
    # A customer's order at the point's next Saturday, so that the host's session page has a row.
    from collection.booking import attach_order, book_window
    from collection.offers import occurrence_on

    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)
    attach_order(book_window(occurrence_on(point.session, saturday), order.user), order, shop)
    # Pages no back-office link leads to (the chamber reaches an order from a complaint, an e-mail).
    shop.seeds = {"artisan": [], "chamber": [f"/chambre/commandes/{order.number}/"]}
    return shop


def test_every_artisan_page_survives_hostile_values(client, world):
    client.force_login(world.owner)
    walk = walk_back_office(client, "artisan", world.seeds["artisan"])
    assert not walk.failures, f"{len(walk.failures)} of {walk.requests} requests failed:\n" + "\n".join(walk.failures)


def test_every_chamber_page_survives_hostile_values(client, world):
    staff = UserFactory(username="agent@cma.example.fr")
    staff.groups.add(chamber_group())
    client.force_login(staff)
    walk = walk_back_office(client, "chamber", world.seeds["chamber"])
    assert not walk.failures, f"{len(walk.failures)} of {walk.requests} requests failed:\n" + "\n".join(walk.failures)


def test_every_host_page_survives_hostile_values(client, world):
    client.force_login(world.point_host)
    walk = walk_back_office(client, "host", world.seeds.get("host", []))
    assert not walk.failures, f"{len(walk.failures)} of {walk.requests} requests failed:\n" + "\n".join(walk.failures)


def test_the_walk_finds_every_back_office_page_and_fills_its_converters():
    pages = {page.view_name: page for page in back_office_pages()}
    assert {"artisan:home", "artisan:import-detail", "artisan:order", "chamber:application", "chamber:campaign-edit"} <= set(pages)
    assert pages["chamber:application"].path_with({"pk": quote("abc")}) == "/chambre/candidatures/abc/"
    # Only the back-offices: not the chamber's public pages (a campaign, the ranking), nor the storefronts.
    assert all(name.split(":")[0] in BACK_OFFICES for name in pages) and "campaign" not in pages
