"""An automated accessibility check: axe-core (from npm, see package.json) run inside the real pages.

The consumer's pages — home, search with results, a storefront in each theme, a product page, the
basket with a product, the checkout before and after its summary — must have no violation that axe
rates serious or critical. axe cannot see everything (it finds perhaps a third of the problems a
person would): this is a floor, not an audit.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from marketplace.chamber.models import Feature
from shops.partner.strategy import MarketplaceStrategy
from tests.browser.conftest import offered_choice, unavailable
from themes.registry import THEMES

pytestmark = pytest.mark.django_db(transaction=True)

Basket = get_model("basket", "Basket")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable(f"axe-core is not installed: no {AXE.relative_to(AXE.parents[2])} (run `npm install` at the repository root)")
    return AXE


def axe_violations(page, axe_script: Path) -> list[dict]:
    """axe-core's serious and critical violations on the page as it is now."""
    # Loaded as a script of the page's own origin, answered by the browser itself (never asked of the
    # site): the Content-Security-Policy refuses the inline script add_script_tag(path=…) would write.
    address = urljoin(page.url, "/__axe-core.js")
    page.route(address, lambda route: route.fulfill(path=str(axe_script), content_type="text/javascript"))
    page.add_script_tag(url=address)
    results = page.evaluate("""async () => {
        const results = await axe.run(document, {resultTypes: ["violations"]});
        return results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160), summary: n.failureSummary})),
        }));
    }""")
    return [violation for violation in results if violation["impact"] in BLOCKING_IMPACTS]


def report(found: dict[str, list[dict]]) -> str:
    """Every violation once, with the pages it is on: the site's layout repeats on each page."""
    rules: dict[str, dict] = {}
    for page_name, violations in found.items():
        for violation in violations:
            rule = rules.setdefault(violation["id"], {**violation, "where": {}})
            for node in violation["nodes"]:
                html = " ".join(node["html"].split())
                # axe's reason, first line only ("Element has insufficient color contrast of 3.9 (…)").
                reason = next((line.strip() for line in (node["summary"] or "").splitlines()[1:] if line.strip()), "")
                rule["where"].setdefault((node["target"], html, reason), []).append(page_name)
    lines = ["Serious or critical accessibility violations (axe-core):"]
    for rule in rules.values():
        lines.append(f"[{rule['impact']}] {rule['id']}: {rule['help']} — {rule['helpUrl']}")
        for (target, html, reason), pages in rule["where"].items():
            lines.append(f"    {target}    {html}")
            if reason:
                lines.append(f"        {reason}")
            lines.append(f"        on: {', '.join(dict.fromkeys(pages))}")
    return "\n".join(lines)


@pytest.fixture
def featured_market(market, chamber_user):
    """The market of the journeys, its honey shop in the chamber's current selection and telling its story."""
    honey = market["honey"]
    honey.story = "Nos ruches passent l'été sur les pentes du Champsaur.\n\nLe miel est extrait à froid, à la main."
    honey.save(update_fields=["story"])
    Feature.objects.create(shop=market["honey"], product=market["lavender"], starts_on=timezone.localdate(),
                           portrait="Deux ruchers sur les pentes du Champsaur, une récolte à la main.", created_by=chamber_user)
    return market


def test_the_consumer_pages_have_no_serious_accessibility_violation(axe_script, featured_market, browser_as, live_server):
    market = featured_market
    honey, customer = market["honey"], market["customer"]
    basket = Basket.objects.create(owner=customer)
    basket.strategy = MarketplaceStrategy()
    basket.add_product(market["lavender"], 1)
    basket.add_product(market["tomme"], 1)

    visitor, consumer = browser_as(None), browser_as(customer)
    found: dict[str, list[dict]] = {}
    checked: list[str] = []

    def check(name: str, page, path: str | None = None) -> None:
        if path is not None:
            page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        checked.append(name)
        violations = axe_violations(page, axe_script)
        if violations:
            found[name] = violations

    check("home", visitor, reverse("home"))
    check("search", visitor, reverse("regional-search") + "?q=miel&place=05000&radius=20")
    assert visitor.locator(".echoppe-search-hit").count() >= 1, "the search page shows no result to check"
    for code in THEMES:
        honey.theme = code
        honey.save(update_fields=["theme"])
        check(f"storefront ({code})", visitor, honey.get_absolute_url())
        assert visitor.locator(f"body.theme-{code}").count() == 1
    check("product", visitor, market["lavender"].get_absolute_url())
    check("basket", consumer, reverse("basket:summary"))
    assert consumer.locator(".basket-shop").count() == 2, "the basket shows no product to check"
    check("checkout", consumer, reverse("marketplace-checkout"))

    # The checkout as the page explains a mistake (a slot, a day and an address are missing)…
    honey_pk, cheese_pk = honey.pk, market["cheese"].pk
    consumer.check(f"input[name=shop_{honey_pk}_fulfilment][value=pickup]")
    consumer.check(f"input[name=shop_{cheese_pk}_fulfilment][value=delivery]")
    with consumer.expect_navigation():
        consumer.click("button[name=review]")
    consumer.locator(".error-block").first.wait_for()
    check("checkout with errors", consumer)

    # … and with its summary and the terms to accept.
    for name in (f"shop_{honey_pk}_slot", f"shop_{cheese_pk}_date"):
        select = consumer.locator(f"select[name={name}]")
        select.select_option(offered_choice(select))
    for name, value in (("first_name", "Claire"), ("last_name", "Durand"), ("line1", "12 rue Carnot"), ("postcode", "05000"), ("commune_name", "Gap")):
        consumer.fill(f"input[name={name}]", value)
    with consumer.expect_navigation():
        consumer.click("button[name=review]")
    consumer.locator("#summary-title").wait_for()
    check("checkout summary", consumer)

    assert len(checked) == 10, checked
    if found:
        pytest.fail(report(found), pytrace=False)
