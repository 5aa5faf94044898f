"""Real-browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

They are skipped, with the reason, on a machine without /usr/bin/chromium or without Playwright
(`make install-dev` installs Playwright; `apt-get install chromium` the browser; `.ci/run` does both).
When one fails, each page it had open is kept as a screenshot in var/browser-failures/.
"""

import datetime
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from geography.distance import GeoPoint
from payments import connect
from search import indexing
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod
from shops.roles import chamber_group
from shops.trades import Trade
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory
from tests.integration.search_world import north_of
from tests.stripe_peers import stripe_peer, stripe_settings  # noqa: F401 (fixtures)

GAP_INSEE = "05061"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FAILURE_SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "browser-failures"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# between browser steps are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def unavailable(reason: str):
    # CI sets ECHOPPE_REQUIRE_BROWSER: there a missing browser is a failure, not a skip.
    if os.environ.get("ECHOPPE_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium():
    try:
        from playwright import sync_api
    except ImportError:
        unavailable("Playwright is not installed (make install-dev)")
    if not shutil.which(CHROMIUM):
        unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# --- Content-Security-Policy: every page the browser tests open must pass it ---------------------

# Runs in every frame before the page's own scripts (init scripts are exempt from the policy) and
# hands each violation the page reports to the test.
CSP_WATCH = """
document.addEventListener("securitypolicyviolation", (event) => {
    window.__echoppeCspViolation([event.effectiveDirective, event.blockedURI, event.documentURI,
                                  event.sourceFile + ":" + event.lineNumber, event.sample].join(" | "));
});
"""


def watch_csp(context, violations: list[str]) -> None:
    """Collect in ``violations`` what the policy refuses in ``context``'s pages: the DOM's
    securitypolicyviolation events, and Chromium's « Refused to … » console errors (which also cover
    what raises no event, e.g. a refused report)."""
    context.expose_function("__echoppeCspViolation", lambda text: violations.append(f"{text}"))
    context.add_init_script(CSP_WATCH)
    context.on("console", lambda message: violations.append(f"console: {message.text}")
               if message.type == "error" and "Content Security Policy" in message.text else None)


@pytest.fixture(autouse=True)
def csp_violations(request):
    """What the Content-Security-Policy refused in the test's browser contexts (those of ``browser_as``
    and those a test opens with ``chromium.new_context()``); a test with any fails
    (``pytest_runtest_call`` below). A test that provokes one on purpose empties the list."""
    violations: list[str] = []
    if "chromium" not in request.fixturenames:
        yield violations
        return
    browser = request.getfixturevalue("chromium")
    open_context = browser.new_context

    def new_context(*args, **kwargs):
        context = open_context(*args, **kwargs)
        watch_csp(context, violations)
        return context

    browser.new_context = new_context
    yield violations
    del browser.new_context  # the browser's own method again


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """A browser test whose pages broke the Content-Security-Policy fails, naming each violation."""
    result = yield
    violations = getattr(item, "funcargs", {}).get("csp_violations")
    if violations is not None:
        for page in open_pages(item):  # a round trip to each page delivers the reports still in flight
            try:
                page.evaluate("0")
            except Exception:  # a page closing: nothing more to deliver
                pass
        if violations:
            pytest.fail("Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations)), pytrace=False)
    return result


@pytest.fixture
def browser_as(chromium, live_server, client):
    """A fresh browser tab, signed in as the given user (or anonymous with None)."""
    contexts = []

    def open_tab(user=None, locale="fr-FR"):
        context = chromium.new_context(locale=locale, timezone_id="Europe/Paris")
        contexts.append(context)
        if user is not None:
            client.force_login(user)
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                                  "url": live_server.url}])
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_tab
    for context in contexts:
        context.close()


def offered_choice(select) -> str:
    """A choice a <select> of the checkout offers (pickup slot, delivery day): the second real one.
    The first may stop being offered in the seconds the form takes (a slot starting right at the end of
    the preparation time, a delivery day at the cut-off); the second is half an hour or a day later."""
    values = select.locator("option").evaluate_all("options => options.map(option => option.value).filter(Boolean)")
    assert len(values) >= 2, f"the page offers too few choices: {values}"
    return values[1]


def open_pages(item) -> list:
    """Every page still open in the test's browser: the tabs of ``browser_as``, those a test or a
    fixture opened itself with ``chromium.new_context()``, and the pop-ups they opened."""
    browser = getattr(item, "funcargs", {}).get("chromium")
    if browser is None:
        return []
    try:
        return [page for context in browser.contexts for page in context.pages if not page.is_closed()]
    except Exception:  # the browser itself died: nothing to photograph
        return []


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """When a browser test fails, keep a full-page screenshot of each open page in
    var/browser-failures/<test>-<n>.png (taken before the fixtures close the tabs)."""
    outcome = yield
    report = outcome.get_result()
    if not report.failed or report.when == "teardown":
        return
    pages = open_pages(item)
    if not pages:
        return
    FAILURE_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", item.name).strip("_")
    saved = []
    for number, page in enumerate(pages, start=1):
        path = FAILURE_SCREENSHOTS / f"{name}-{number}.png"
        try:
            page.screenshot(path=str(path), full_page=True, timeout=10_000)
        except Exception as error:  # a crashed tab must not hide the test's own failure
            saved.append(f"{path}: no screenshot ({error.__class__.__name__}: {error})")
            continue
        saved.append(f"{path} ({page.url})")
    report.sections.append(("browser screenshots", "\n".join(saved)))
    terminal = item.config.pluginmanager.get_plugin("terminalreporter")
    if terminal is not None:
        terminal.write_line("")
        for line in saved:
            terminal.write_line(f"Screenshot of {item.nodeid}: {line}")


# The world the journeys and the accessibility check start from. The live server runs on the real
# clock: the shops open every day of the week and deliver every day, so that slots and delivery days
# exist in the coming days whatever today is.

@pytest.fixture
def gap():
    """Gap as the gazetteer has it: the search, the checkout and the application resolve « 05000 »
    and « Gap » through it (the whole gazetteer would take seconds to import for each test)."""
    return CommuneFactory(insee_code=GAP_INSEE, name="Gap", postcodes="05000", population=41293,
                          latitude=44.55858, longitude=6.07868)


def open_every_day(shop, opens=datetime.time(7), closes=datetime.time(21)) -> None:
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=opens, closes_at=closes)


def shop_near_gap(gap, name: str, km: float, trade: str, peer):
    """An approved shop ``km`` north of Gap, open every day, collecting and delivering every day,
    its Stripe account ready for card payments."""
    point = north_of(gap, km)
    commune = CommuneFactory(name=f"Hameau à {km} km de Gap", latitude=point.latitude, longitude=point.longitude)
    shop = ShopFactory(partner__name=name, trade=trade, commune=commune, address_line="1 place du Village",
                       postcode=commune.postcodes.split()[0])
    open_every_day(shop)
    ClickAndCollectOption.objects.create(shop=shop, capacity_per_slot=5, preparation_hours=1)
    LocalDeliveryOption.objects.create(shop=shop, is_active=True, radius_km=Decimal("15"), flat_fee=Decimal("3.00"),
                                       delivery_days=list(range(7)))
    account = connect.ensure_account(shop)
    peer.stand_in.state.complete_onboarding(account.account_id)
    connect.sync_account(account.account_id)
    shop.refresh_from_db()
    return shop


@pytest.fixture
def market(gap, stripe_settings):
    """Two shops near Gap, each with a product the consumer will look for, and the consumer."""
    centre = GeoPoint(gap.latitude, gap.longitude)
    with indexing.paused():
        honey = shop_near_gap(centre, "Miellerie des Écrins", 4.0, Trade.HONEY, stripe_settings)
        cheese = shop_near_gap(centre, "Fromagerie du Champsaur", 6.0, Trade.CHEESE, stripe_settings)
        lavender = ProductFactory(title="Miel de lavande", shop=honey, shop__price=Decimal("8.50"))
        tomme = ProductFactory(title="Tomme de chèvre", shop=cheese, shop__price=Decimal("9.00"))
    indexing.rebuild()
    customer = UserFactory(username="claire@example.fr", first_name="Claire", last_name="Durand")
    return {"honey": honey, "cheese": cheese, "lavender": lavender, "tomme": tomme, "customer": customer}


@pytest.fixture
def chamber_user():
    user = UserFactory(username="chambre@example.fr", first_name="Hélène", last_name="Roux")
    user.groups.add(chamber_group())
    return user
