"""Every public page fits the screen, from a 320 px phone to a 1366 px laptop: no horizontal scroll.

One browser context per width opens every page of tests/browser/public_pages.py in turn (the
storefront in each theme, the basket and the checkout signed in). The viewport is a desktop one
(no mobile zoom-out that would hide an overflow by shrinking the page): a page passes when
``document.documentElement.scrollWidth <= window.innerWidth``. When one does not, the message names
the elements that stick out: the widest, and the innermost ones (those that overflow while none of
their children does), with their right edge.
"""

from __future__ import annotations

import pytest

from tests.browser.public_pages import open_page, public_pages  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 390, 1366)

OVERFLOW = """() => {
    const viewport = window.innerWidth;
    const width = document.documentElement.scrollWidth;
    if (width <= viewport) return null;
    const describe = (element) => {
        const box = element.getBoundingClientRect();
        let name = element.tagName.toLowerCase();
        if (element.id) name += "#" + element.id;
        for (const cls of element.classList) name += "." + cls;
        const text = (element.innerText || element.getAttribute("href") || "").replace(/\\s+/g, " ").trim().slice(0, 50);
        return `${name} (left ${Math.round(box.left)}, right ${Math.round(box.right)}, width ${Math.round(box.width)})`
            + (text ? ` « ${text} »` : "");
    };
    const sticking = [...document.body.querySelectorAll("*")].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.right > viewport + 0.5;
    });
    const widest = sticking.reduce((best, element) =>
        !best || element.getBoundingClientRect().width > best.getBoundingClientRect().width ? element : best, null);
    const innermost = sticking.filter((element) => !sticking.some((other) => other !== element && element.contains(other)));
    return {width, viewport, widest: widest ? describe(widest) : "none (a pseudo-element or a margin?)",
            innermost: innermost.slice(0, 5).map(describe)};
}"""


def overflow(page) -> str | None:
    found = page.evaluate(OVERFLOW)
    if found is None:
        return None
    lines = [f"{found['width']} px wide in a {found['viewport']} px window; widest element sticking out: {found['widest']}"]
    lines += [f"        innermost: {element}" for element in found["innermost"]]
    return "\n".join(lines)


def test_every_public_page_fits_the_screen_from_320_px(public_pages, chromium, live_server):  # noqa: F811
    site = public_pages
    failures: list[str] = []
    for width in WIDTHS:
        context = chromium.new_context(viewport={"width": width, "height": 800}, locale="fr-FR", timezone_id="Europe/Paris")
        try:
            page = context.new_page()
            page.set_default_timeout(15_000)
            for public_page in site.pages:
                open_page(page, live_server.url, public_page, site)
                problem = overflow(page)
                if problem:
                    failures.append(f"{public_page.name} at {width} px ({public_page.path}): {problem}")
        finally:
            context.close()
    assert not failures, "Pages wider than the screen:\n" + "\n".join(failures)


# Tap targets: the storefront's own links (section chips, links in the contact block) are at least
# 44 px high on a phone.
def test_the_storefront_tap_targets_are_44_px_high_on_a_phone(public_pages, chromium, live_server):  # noqa: F811
    site = public_pages
    context = chromium.new_context(viewport={"width": 320, "height": 800}, locale="fr-FR")
    try:
        page = context.new_page()
        small: list[str] = []
        for public_page in (p for p in site.pages if p.name.startswith("storefront")):
            open_page(page, live_server.url, public_page, site)
            assert page.locator(".storefront-sections a").count() >= 3, "the storefront shows no section chips"
            heights = page.locator(".storefront-sections a, .storefront-contact a, .storefront-card a").evaluate_all(
                "links => links.map(link => [link.innerText.trim().slice(0, 40), link.getBoundingClientRect().height])")
            small += [f"{public_page.name}: « {text} » is {height:.0f} px high" for text, height in heights if height < 44]
    finally:
        context.close()
    assert not small, "Tap targets under 44 px:\n" + "\n".join(small)
