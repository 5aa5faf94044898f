"""Every page type answers with the Content-Security-Policy, and its HTML passes it.

Passing it means: script-src has the response's nonce and neither 'unsafe-inline' nor 'unsafe-eval';
every <script> written in the page (no src) and every <style> element carries that nonce; no element
keeps an inline event handler (onclick=…) or a javascript: address, which the policy refuses even with
a nonce. The back-offices (the artisan's, the chamber's, Oscar's dashboard) and the customer's account
are walked from the URL resolver: every page of theirs that takes no argument, so a new one is covered
without editing this file. tests/browser checks the same pages raise no violation in Chromium.
"""

from __future__ import annotations

import json
import logging
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.core.files.storage import storages
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from checkout.lifecycle import new_pickup_code
from marketplace import csp
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.payments_support import card_checkout, connected_shop

pytestmark = pytest.mark.django_db

Basket = get_model("basket", "Basket")
HEADER = "Content-Security-Policy"


# --- Reading a policy and a page -----------------------------------------------------------------


def directives_of(response) -> dict[str, list[str]]:
    assert HEADER in response, f"{response.request['PATH_INFO']} answers without {HEADER}"
    directives = {}
    for directive in response[HEADER].split(";"):
        name, *sources = directive.split()
        directives[name] = sources
    return directives


def nonce_of(directives: dict[str, list[str]]) -> str:
    nonces = [source for source in directives["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1, directives["script-src"]
    return nonces[0].removeprefix("'nonce-").removesuffix("'")


def runs(script_attributes: dict) -> bool:
    """Whether the browser runs a <script>: no type, a JavaScript one or a module; any other type
    (application/json from json_script…) is a data block, never run, which the policy leaves alone."""
    kind = (script_attributes.get("type") or "").strip().lower()
    return kind in ("", "module") or kind.endswith("javascript") or kind.endswith("ecmascript")


class InlineCode(HTMLParser):
    """What of a page's HTML the policy governs: its inline scripts and styles, its handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inline_scripts: list[dict] = []  # attributes of each <script> without src
        self.styles: list[dict] = []
        self.handlers: list[str] = []  # "tag attribute=value" of each inline handler or javascript: URL

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and runs(attributes):
            self.inline_scripts.append(attributes)
        if tag == "style":
            self.styles.append(attributes)
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.handlers.append(f"<{tag} {name}={value!r}>")


def inline_code(response) -> InlineCode:
    parser = InlineCode()
    parser.feed(response.content.decode())
    return parser


def assert_passes_policy(response) -> None:
    """The response has the policy, and its HTML runs only what the policy lets it run."""
    path = response.request["PATH_INFO"]
    directives = directives_of(response)
    assert {"'unsafe-inline'", "'unsafe-eval'"}.isdisjoint(directives["script-src"]), (path, directives["script-src"])
    assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"], path
    page = inline_code(response)
    assert not page.handlers, (path, page.handlers)
    if page.inline_scripts or page.styles:
        nonce = nonce_of(directives)
        assert f"'nonce-{nonce}'" in directives["style-src-elem"], (path, directives["style-src-elem"])
        for element in page.inline_scripts + page.styles:
            assert element.get("nonce") == nonce, (path, element)


def assert_html_page_passes_policy(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html"), (url, response.status_code)
    assert_passes_policy(response)
    # Every page built on oscar/base.html runs its onbodyload blocks in a nonce'd script.
    assert len(inline_code(response).inline_scripts) >= 1, url
    nonce_of(directives_of(response))


def argument_free_pages(namespace: str) -> list[str]:
    """The address of every page of ``namespace`` (and of the namespaces inside it) taking no argument."""
    _prefix, resolver = get_resolver().namespace_dict[namespace]
    found = []

    def walk(patterns, name_prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{name_prefix}{pattern.namespace}:" if pattern.namespace else name_prefix
                walk(pattern.url_patterns, inner)
            elif isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groupindex:
                found.append(reverse(f"{name_prefix}{pattern.name}"))

    walk(resolver.url_patterns, f"{namespace}:")
    return sorted(set(found))


def html_pages_among(client, urls: list[str], user) -> list:
    """The answers to GET of these pages, as ``user``, that are HTML pages (not a redirect, a
    download, a 405). Signed in again before each: a page on the way may sign out (logout)."""
    answers = []
    for url in urls:
        client.force_login(user)
        response = client.get(url)
        directives_of(response)  # every answer has the policy, whatever it is
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            answers.append(response)
    return answers


# --- The pages -----------------------------------------------------------------------------------


@pytest.fixture
def shop():
    shop = ShopFactory(partner__name="Fournil des Écrins", slug="fournil-des-ecrins")
    ProductFactory(shop=shop, title="Pain au levain", shop__price=Decimal("4.50"))
    return shop


def test_the_public_pages_pass_the_policy(client, shop):
    product = shop.partner.stockrecords.get().product
    pages = ["/", "/search/?q=pain", "/credits/", "/conditions-generales-de-vente/", "/ouvrir-ma-boutique/",
             f"/shops/{shop.slug}/", product.get_absolute_url(), "/accounts/login/", "/basket/"]
    for url in pages:
        assert_html_page_passes_policy(client, url)
    # The storefront served with its cached product grid: the grid must not carry an old nonce.
    assert_html_page_passes_policy(client, f"/shops/{shop.slug}/")


def test_each_response_has_its_own_nonce(client, shop):
    first, second = (nonce_of(directives_of(client.get("/"))) for _ in range(2))
    assert first != second and len(first) >= 22  # 16 random bytes, base64


def test_basket_and_checkout_pass_the_policy(client, shop):
    customer = UserFactory()
    client.force_login(customer)
    client.post(f"/basket/add/{shop.partner.stockrecords.get().product_id}/", {"quantity": 1})
    assert_html_page_passes_policy(client, "/basket/")
    assert_html_page_passes_policy(client, "/checkout/")


def test_the_payment_page_passes_the_policy_and_allows_only_its_stripe_js(client, stripe_settings, payment_clock):
    group, _basket, customer = card_checkout([(connected_shop(stripe_settings, "Fournil"), "10.00")])
    client.force_login(customer)
    response = client.get(reverse("payment", kwargs={"number": group.number}))
    assert response.status_code == 200 and group.status != "confirmed"
    assert_passes_policy(response)
    directives = directives_of(response)
    stand_in = csp.origin_of(stripe_stand_in_js := stripe_settings.api_url + "/js.stripe.com/v3/")
    assert stripe_stand_in_js.encode() in response.content
    assert stand_in in directives["script-src"] and stand_in in directives["connect-src"]
    assert directives["frame-src"] == ["'none'"]  # the stand-in draws its fields in the page


def test_stripe_js_from_stripe_brings_stripe_documented_sources(client, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    directives = directives_of(client.get("/"))
    assert {"https://js.stripe.com", "https://*.js.stripe.com"} <= set(directives["script-src"])
    assert {"https://js.stripe.com", "https://hooks.stripe.com"} <= set(directives["frame-src"])
    assert "https://api.stripe.com" in directives["connect-src"]
    settings.STRIPE_SECRET_KEY = ""  # no card payments: no Stripe anywhere in the policy
    assert "stripe" not in client.get("/")[HEADER]


def test_media_on_object_storage_is_an_allowed_picture_origin(client, settings):
    s3 = {"BACKEND": "storages.backends.s3.S3Storage",
          "OPTIONS": {"bucket_name": "echoppe-media", "custom_domain": "media.echoppe.example.fr", "location": "media",
                      "querystring_auth": False}}
    with override_settings(STORAGES={**settings.STORAGES, "default": s3}):
        assert storages["default"].url("a.jpg").startswith("https://media.echoppe.example.fr/")
        directives = directives_of(client.get("/"))
    assert "https://media.echoppe.example.fr" in directives["img-src"]
    assert directives["img-src"][:2] == ["'self'", "data:"]
    assert "media.echoppe.example.fr" not in client.get("/")[HEADER]  # back on local disk


def test_the_artisan_back_office_passes_the_policy(client, shop):
    order_number = shop_order(shop)
    pages = html_pages_among(client, argument_free_pages("artisan"), shop.owner)
    assert len(pages) >= 8
    for response in pages:
        assert_passes_policy(response)
    client.force_login(shop.owner)
    assert_html_page_passes_policy(client, reverse("artisan:order", kwargs={"number": order_number}))


def test_the_chamber_back_office_passes_the_policy(client, shop):
    agent = UserFactory()
    agent.groups.add(chamber_group())
    pages = html_pages_among(client, argument_free_pages("chamber"), agent)
    assert len(pages) >= 8
    for response in pages:
        assert_passes_policy(response)
    client.force_login(agent)
    assert_html_page_passes_policy(client, reverse("chamber:application", kwargs={"pk": shop.pk}))


def test_oscar_dashboard_passes_the_policy(client, shop):
    staff = UserFactory(is_staff=True, is_superuser=True)
    pages = html_pages_among(client, argument_free_pages("dashboard"), staff)
    assert len(pages) >= 30
    for response in pages:
        assert_passes_policy(response)
    client.force_login(staff)
    product = shop.partner.stockrecords.get().product
    # The product form: TinyMCE, the picture fields (Oscar's had onload/onerror handlers).
    edit = reverse("dashboard:catalogue-product", kwargs={"pk": product.pk})
    assert_html_page_passes_policy(client, edit)
    assert b"data-image-preview" in client.get(edit).content
    assert_html_page_passes_policy(client, reverse("dashboard:catalogue-class-create"))


def test_the_django_admin_passes_the_policy(client, shop):
    models = [model._meta for model in admin.site._registry]
    urls = ["/admin/", *(f"/admin/{meta.app_label}/{meta.model_name}/" for meta in models),
            *(f"/admin/{meta.app_label}/{meta.model_name}/add/" for meta in models)]
    pages = html_pages_among(client, urls, UserFactory(is_staff=True, is_superuser=True))
    assert len(pages) >= len(models)
    for response in pages:
        assert_passes_policy(response)


def test_the_artisan_in_oscar_dashboard_passes_the_policy(client, shop):
    for response in html_pages_among(client, ["/dashboard/", "/dashboard/catalogue/", "/dashboard/orders/"], shop.owner):
        assert_passes_policy(response)


def test_the_account_pages_pass_the_policy(client, shop):
    customer = UserFactory()
    pages = html_pages_among(client, argument_free_pages("customer"), customer)
    assert len(pages) >= 8
    for response in pages:
        assert_passes_policy(response)
    client.force_login(customer)
    assert b'data-page-action="history-back"' in client.get(reverse("customer:wishlists-create")).content


def test_error_pages_have_the_policy(client):
    for response in (client.get("/no-such-page/"), client.get("/shops/no-such-shop/")):
        assert response.status_code == 404
        assert_passes_policy(response)


def shop_order(shop) -> str:
    """An order of the shop's product, as the artisan's order page shows it."""
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(shop.partner.stockrecords.get().product, 1)
    order = create_order(basket=basket, user=UserFactory(), number="F-1")
    order.fulfilment, order.pickup_code = "pickup", new_pickup_code()
    order.save()
    return order.number


# --- Violation reports ---------------------------------------------------------------------------


def test_the_policy_names_the_report_endpoint(client, settings):
    assert directives_of(client.get("/"))["report-uri"] == ["/csp-report/"]
    settings.CSP_REPORT_ENDPOINT = ""
    assert "report-uri" not in directives_of(client.get("/"))


def test_report_only_mode(client, settings):
    settings.CSP_ENFORCED = False
    response = client.get("/")
    assert HEADER not in response and "'nonce-" in response[f"{HEADER}-Report-Only"]


def test_a_violation_report_is_logged(client, caplog):
    report = {"csp-report": {"document-uri": "https://echoppe.example.fr/", "violated-directive": "script-src-elem",
                             "blocked-uri": "inline", "script-sample": "alert(1)\nforged log line"}}
    with caplog.at_level(logging.WARNING, logger="marketplace.csp"):
        response = client.post("/csp-report/", json.dumps(report), content_type="application/csp-report")
    assert response.status_code == 204
    [record] = caplog.records
    assert "directive=script-src-elem" in record.getMessage() and "blocked=inline" in record.getMessage()
    assert "\n" not in record.getMessage()  # a reporter cannot forge log lines


def test_reporting_api_reports_are_read_too(client, caplog):
    reports = [{"type": "csp-violation", "body": {"documentURL": "https://echoppe.example.fr/", "effectiveDirective": "img-src",
                                                   "blockedURL": "https://tracker.example.com/p.gif"}}]
    with caplog.at_level(logging.WARNING, logger="marketplace.csp"):
        assert client.post("/csp-report/", json.dumps(reports), content_type="application/reports+json").status_code == 204
    assert "blocked=https://tracker.example.com/p.gif" in caplog.records[0].getMessage()


@pytest.mark.parametrize("body", [b"", b"not json", b"\xff\xfe", b"[]", b"{}", b'{"csp-report": 3}', b"[" * 100_000])
def test_bad_reports_are_refused_without_an_error(client, body, caplog):
    response = client.post("/csp-report/", body, content_type="application/csp-report")
    assert response.status_code in (400, 413)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_a_report_too_large_is_refused_unread(client):
    huge = b'{"csp-report": {"blocked-uri": "' + b"x" * csp.MAX_REPORT_BYTES + b'"}}'
    assert client.post("/csp-report/", huge, content_type="application/csp-report").status_code == 413
    assert client.get("/csp-report/").status_code == 405
