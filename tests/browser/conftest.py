"""Real-browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser).

They are skipped, with the reason, on a machine without /usr/bin/chromium or without Playwright
(`make install-dev` installs Playwright; `apt-get install chromium` the browser; `.ci/run` does both).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.conf import settings

from tests.stripe_peers import stripe_peer, stripe_settings  # noqa: F401 (fixtures)

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
