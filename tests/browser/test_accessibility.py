"""An automated accessibility check: axe-core (from npm, see package.json) run inside the real pages.

Every public page (tests/browser/public_pages.py: home, search with results and its map, a storefront
in each theme, a product page, the catalogue and a category, login, sign-up, terms of sale, ranking,
credits, « Ouvrir ma boutique », the 404 page, the basket with products, the checkout before and after
its summary) must have no violation at all, whatever its impact. axe cannot see everything (it finds
perhaps a third of the problems a person would): this is a floor, not an audit.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.browser.conftest import offered_choice, unavailable
from tests.browser.public_pages import open_page, public_pages  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        unavailable(f"axe-core is not installed: no {AXE.relative_to(AXE.parents[2])} (run `npm install` at the repository root)")
    return AXE


def axe_violations(page, axe_script: Path) -> list[dict]:
    """axe-core's violations on the page as it is now, whatever their impact."""
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
    return results


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
    lines = ["Accessibility violations (axe-core):"]
    for rule in rules.values():
        lines.append(f"[{rule['impact']}] {rule['id']}: {rule['help']} — {rule['helpUrl']}")
        for (target, html, reason), pages in rule["where"].items():
            lines.append(f"    {target}    {html}")
            if reason:
                lines.append(f"        {reason}")
            lines.append(f"        on: {', '.join(dict.fromkeys(pages))}")
    return "\n".join(lines)


def test_every_public_page_has_no_accessibility_violation(axe_script, public_pages, browser_as, live_server):  # noqa: F811
    site = public_pages
    page = browser_as(None)
    found: dict[str, list[dict]] = {}
    checked: list[str] = []

    def check(name: str) -> None:
        checked.append(name)
        violations = axe_violations(page, axe_script)
        if violations:
            found[name] = violations

    for public_page in site.pages:
        open_page(page, live_server.url, public_page, site)
        if public_page.name == "search":
            assert page.locator(".echoppe-search-hit").count() >= 1, "the search page shows no result to check"
        if public_page.name.startswith("storefront"):
            assert page.locator("body.theme-" + public_page.name.split("(")[1].rstrip(")")).count() == 1
        if public_page.name == "basket":
            assert page.locator(".basket-shop").count() == 2, "the basket shows no product to check"
        check(public_page.name)

    # The checkout (the last page, signed in) as the page explains a mistake (a slot, a day and an
    # address are missing)…
    honey_pk, cheese_pk = site.shops["honey"].pk, site.shops["cheese"].pk
    page.check(f"input[name=shop_{honey_pk}_fulfilment][value=pickup]")
    page.check(f"input[name=shop_{cheese_pk}_fulfilment][value=delivery]")
    with page.expect_navigation():
        page.click("button[name=review]")
    page.locator(".error-block").first.wait_for()
    check("checkout with errors")

    # … and with its summary and the terms to accept.
    for name in (f"shop_{honey_pk}_slot", f"shop_{cheese_pk}_date"):
        select = page.locator(f"select[name={name}]")
        select.select_option(offered_choice(select))
    for name, value in (("first_name", "Claire"), ("last_name", "Durand"), ("line1", "12 rue Carnot"), ("postcode", "05000"), ("commune_name", "Gap")):
        page.fill(f"input[name={name}]", value)
    with page.expect_navigation():
        page.click("button[name=review]")
    page.locator("#summary-title").wait_for()
    check("checkout summary")

    assert len(checked) == len(site.pages) + 2, checked
    if found:
        pytest.fail(report(found), pytrace=False)
