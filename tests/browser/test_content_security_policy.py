"""Chromium reports no Content-Security-Policy violation on any page type, scripts at work included.

The ``csp_violations`` fixture (conftest.py) fails any browser test whose pages break the policy;
the journeys cover the consumer's pages, the payment and the back-office steps they take. This walk
adds every page of the back-offices (the artisan's, the chamber's, Oscar's dashboard with TinyMCE)
and of the customer's account that takes no argument — the same list the integration test
(tests/integration/test_security_headers.py) reads from the URL resolver — and the scripts that
replaced Oscar's inline handlers, used as a person would.
"""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image

from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory
from tests.integration.test_security_headers import argument_free_pages, shop_order

pytestmark = pytest.mark.django_db(transaction=True)

Basket = get_model("basket", "Basket")


def visit_each(page, live_server, paths: list[str]) -> int:
    """Opens each HTML page of ``paths`` and lets its scripts run; how many there were. The others
    (a CSV export, a 405 to a GET, a redirect) are asked first with the tab's cookies and skipped;
    logout pages too, which would end the walk."""
    opened = 0
    for path in (path for path in paths if "logout" not in path):
        url = live_server.url + path
        answer = page.request.get(url, max_redirects=0)
        if answer.status != 200 or not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        page.goto(url)
        page.wait_for_load_state("load")
        opened += 1
    return opened


def test_the_back_offices_and_the_account_raise_no_violation(browser_as, live_server, csp_violations):
    shop = ShopFactory(partner__name="Fournil des Écrins")
    ProductFactory(shop=shop, title="Pain au levain")
    order_number = shop_order(shop)
    agent = UserFactory()
    agent.groups.add(chamber_group())

    artisan = browser_as(shop.owner)
    assert visit_each(artisan, live_server, [*argument_free_pages("artisan"), reverse("artisan:order", kwargs={"number": order_number})]) >= 8
    chamber = browser_as(agent)
    assert visit_each(chamber, live_server, [*argument_free_pages("chamber"), reverse("chamber:application", kwargs={"pk": shop.pk})]) >= 8
    staff = browser_as(UserFactory(is_staff=True, is_superuser=True))
    assert visit_each(staff, live_server, argument_free_pages("dashboard")) >= 30
    # Django's admin: its own scripts, treebeard's category tree (tests/integration covers every model).
    assert visit_each(staff, live_server, ["/admin/", "/admin/catalogue/category/", "/admin/catalogue/category/add/",
                                           "/admin/payments/commissionrule/add/"]) == 4
    customer = browser_as(UserFactory())
    assert visit_each(customer, live_server, argument_free_pages("customer")) >= 8
    assert browser_as(None).goto(live_server.url + "/page-qui-n-existe-pas/").status == 404
    assert csp_violations == []


def test_oscar_dashboard_scripts_work_under_the_policy(browser_as, live_server, csp_violations, tmp_path):
    shop = ShopFactory(partner__name="Fournil des Écrins")
    product = ProductFactory(shop=shop, title="Pain au levain")
    staff = browser_as(UserFactory(is_staff=True, is_superuser=True))

    # The product form: TinyMCE draws its editor (styles, frames) without a refusal…
    staff.goto(live_server.url + reverse("dashboard:catalogue-product", kwargs={"pk": product.pk}))
    staff.locator(".tox-tinymce").first.wait_for()
    # … and a chosen picture shows as a preview, its « Upload Image » button hidden (Oscar did both
    # with onload/onerror attributes, page-actions.js now does).
    picture = tmp_path / "pain.png"
    output = io.BytesIO()
    Image.new("RGB", (40, 30), "#b5651d").save(output, format="PNG")
    picture.write_bytes(output.getvalue())
    staff.click("a[href='#product_images']")
    first_field = staff.locator(".image-input").first
    first_field.locator("input[type=file]").set_input_files(str(picture))
    staff.wait_for_function("() => document.querySelector('.image-input img').naturalWidth === 40")
    assert first_field.locator("button[id^=upload_button_]").is_hidden()

    # « or cancel » goes back to the previous page.
    staff.goto(live_server.url + reverse("dashboard:catalogue-product-list"))
    staff.goto(live_server.url + reverse("dashboard:catalogue-class-create"))
    with staff.expect_navigation():
        staff.get_by_role("link", name="Annuler").click()
    assert staff.url == live_server.url + reverse("dashboard:catalogue-product-list")
    assert csp_violations == []


def test_the_header_basket_and_the_account_forms_work_under_the_policy(browser_as, live_server, csp_violations):
    customer = UserFactory()
    basket = Basket.objects.create(owner=customer)
    from shops.partner.strategy import MarketplaceStrategy  # noqa: PLC0415

    basket.strategy = MarketplaceStrategy()
    basket.add_product(ProductFactory(title="Pain au levain"), 1)
    page = browser_as(customer)
    page.goto(live_server.url + reverse("customer:profile-view"))
    with page.expect_navigation():
        page.locator(".echoppe-header").locator(f"a[href='{reverse('basket:summary')}']").click()
    assert page.url == live_server.url + reverse("basket:summary")

    page.goto(live_server.url + reverse("customer:wishlists-create"))
    with page.expect_navigation():
        page.get_by_role("link", name="annuler").click()
    assert page.url == live_server.url + reverse("basket:summary")
    assert csp_violations == []


def test_the_watch_sees_a_violation(browser_as, live_server, csp_violations):
    """The fixture is no blind watch: a script the policy refuses is reported (then forgiven)."""
    page = browser_as(None)
    page.goto(live_server.url + reverse("home"))
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")
    for _ in range(50):  # the report reaches the test a moment later
        if csp_violations:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()
