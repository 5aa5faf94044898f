"""Every CSV export of the marketplace, fed hostile values: what reaches the spreadsheet is text,
never a formula, in UTF-8 with its byte order mark, separated by semicolons, and Python's csv module
reads back exactly what was written (accents and euro sign included).

The exports: the artisan's orders from Oscar's order list (the "download" search and the bulk
action on selected orders), the chamber's territory statistics, an import's lines to correct, and
what Oscar's dashboard exports for the chamber's staff (reports, an offer's discounts, a voucher
set's codes).
"""

import csv
import datetime
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_class, get_model
from oscar.test.factories import (
    BillingAddressFactory,
    ConditionalOfferFactory,
    ShippingAddressFactory,
    VoucherSetFactory,
    create_order,
)

from catalogue.models import ProductImport
from checkout.lifecycle import OrderStatus
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
OrderDiscount = get_model("order", "OrderDiscount")
pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
HYPERLINK = '=HYPERLINK("http://evil","x")'
ACCENTS = "« é ç € »"


def read_csv(response) -> list[list[str]]:
    """The rows of a CSV download, after checking it is one as the marketplace writes them."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    assert response["Content-Disposition"].endswith('.csv"')
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    text = body.decode("utf-8")[1:]
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert all(len(row) == len(rows[0]) for row in rows), rows  # one separator throughout
    return rows


def column(rows: list[list[str]], name: str) -> list[str]:
    index = rows[0].index(name)
    return [row[index] for row in rows[1:]]


def assert_no_formula(rows: list[list[str]]):
    for row in rows:
        for value in row:
            assert not value.startswith(("=", "+", "@", "\t", "\r", "\n")), row
            assert not value.startswith("-") or value.lstrip("-").replace(",", "").isdigit(), row  # only numbers


# --- The artisan's orders (Oscar's order list, forked) ---------------------------------------------


@pytest.fixture
def hostile_orders():
    """Two orders of one shop from customers whose names and e-mail would be formulas."""
    shop = ShopFactory(partner__name="Atelier « é ç € »")
    product = ProductFactory(shop=shop, title="Vase")
    orders = []
    for number, shipping_name, billing_name, email in [
        ("E-1", HYPERLINK, "@SUM(1)", "\t=1+1@example.fr"),
        ("E-2", "\r=cmd|' /C calc'!A0", f"Zoé {ACCENTS}", "-2+3@example.fr"),
    ]:
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(product)
        orders.append(create_order(
            basket=basket, number=number, user=UserFactory(username=email, email=email),
            shipping_address=ShippingAddressFactory(first_name=shipping_name, last_name=""),
            billing_address=BillingAddressFactory(first_name=billing_name, last_name=""),
        ))
    # A refund-like negative total is a number, and stays one.
    Order.objects.filter(number="E-2").update(total_incl_tax=Decimal("-3.00"), date_placed=datetime.datetime(2026, 3, 29, 3, 30, tzinfo=PARIS))
    return shop, orders


def expected_order_rows():
    with translation.override("fr"):
        new = str(OrderStatus.NEW.label)
    return {
        "E-1": {"customer": "'\t=1+1@example.fr", "deliver_to": "'" + HYPERLINK, "bill_to": "'@SUM(1)", "value": "4,50", "status": new},
        "E-2": {"customer": "'-2+3@example.fr", "deliver_to": "'\r=cmd|' /C calc'!A0", "bill_to": f"Zoé {ACCENTS}", "value": "-3,00",
                "status": new, "date": "2026-03-29 03:30"},
    }


def check_order_rows(rows):
    with translation.override("fr"):
        from django.utils.translation import gettext as _

        names = {key: _(msgid) for key, msgid in [
            ("number", "Order number"), ("value", "Order value"), ("date", "Date of purchase"), ("status", "Order status"),
            ("customer", "Customer email address"), ("deliver_to", "Deliver to name"), ("bill_to", "Bill to name"),
        ]}
    by_number = {row[rows[0].index(names["number"])]: row for row in rows[1:]}
    assert set(by_number) == {"E-1", "E-2"}
    for number, expected in expected_order_rows().items():
        row = by_number[number]
        for key, value in expected.items():
            assert row[rows[0].index(names[key])] == value, (number, key, row)
    assert_no_formula(rows)


def test_the_artisans_order_download_neutralises_the_customers_names(client, hostile_orders):
    shop, _orders = hostile_orders
    client.force_login(shop.owner)
    response = client.get("/espace-artisan/commandes/export.csv")
    check_order_rows(read_csv(response))
    assert response["Content-Disposition"] == 'attachment; filename="commandes.csv"'
    only_new = read_csv(client.get("/espace-artisan/commandes/export.csv", {"statut": "accepted"}))
    assert only_new[1:] == []


def test_the_chambers_staff_download_from_oscars_dashboard_neutralised_too(client, hostile_orders):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    check_order_rows(read_csv(client.get("/dashboard/orders/", {"response_format": "csv"})))


def download_selected(client, orders):
    return client.get("/espace-artisan/commandes/export.csv")


def test_the_download_costs_no_query_per_order(client, hostile_orders):
    shop, orders = hostile_orders
    client.force_login(shop.owner)
    download_selected(client, orders)  # the session and the like, once
    with CaptureQueriesContext(connection) as two_orders:
        download_selected(client, orders)
    product = ProductFactory(shop=shop)
    for _index in range(3):
        basket = Basket.objects.create()
        basket.strategy = Default()
        basket.add_product(product)
        orders.append(create_order(basket=basket, shipping_address=ShippingAddressFactory(), billing_address=BillingAddressFactory()))
    with CaptureQueriesContext(connection) as five_orders:
        rows = read_csv(download_selected(client, orders))
    assert len(rows) == 6
    assert len(five_orders) == len(two_orders)


def test_another_artisan_downloads_none_of_these_orders(client, hostile_orders):
    client.force_login(ShopFactory().owner)
    rows = read_csv(client.get("/espace-artisan/commandes/export.csv"))
    assert rows[1:] == []


# --- The chamber's territory statistics ------------------------------------------------------------


def test_the_statistics_export_neutralises_department_names(client):
    chamber = UserFactory(username="chambre@example.fr")
    chamber.groups.add(chamber_group())
    commune = CommuneFactory(department_code="=A1", department_name=HYPERLINK)
    ShopFactory(commune=commune, approved_at=datetime.datetime(2026, 1, 5, 9, tzinfo=PARIS))
    other = CommuneFactory(department_code="@1", department_name=f"\tHautes-Alpes {ACCENTS}")
    ShopFactory(commune=other, approved_at=datetime.datetime(2026, 1, 5, 9, tzinfo=PARIS))
    client.force_login(chamber)
    rows = read_csv(client.get("/chambre/statistiques.csv", {"start": "2026-03-01", "end": "2026-03-31"}))
    assert [row[:3] for row in rows[1:-1]] == [
        ["'=A1", "'" + HYPERLINK, "1"],
        ["'@1", f"'\tHautes-Alpes {ACCENTS}", "1"],
    ]
    assert_no_formula(rows)


# --- An import's lines to correct ------------------------------------------------------------------


IMPORT_FILE = (
    "reference;titre;prix\n"
    f'-2+3;"{HYPERLINK.replace(chr(34), chr(34) * 2)}";abc\n'
    "@SUM(1);+cmd;-1\n"
    f"OK-1;Pain {ACCENTS};4,50\n"
    f"=1+1;Crème {ACCENTS};\n"
)


def test_the_import_error_report_neutralises_what_the_artisan_typed(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/import/", {"file": SimpleUploadedFile("mes produits été.csv", IMPORT_FILE.encode("utf-8"))})
    product_import = ProductImport.objects.get(shop=shop)
    assert product_import.invalid_rows == 3
    detail = client.get(response.url).content.decode()
    assert f"/espace-artisan/import/{product_import.pk}/erreurs.csv" in detail

    download = client.get(f"/espace-artisan/import/{product_import.pk}/erreurs.csv")
    assert download["Content-Disposition"] == 'attachment; filename="erreurs-mes-produits-ete.csv"'
    rows = read_csv(download)
    with translation.override("fr"):
        assert rows[0] == ["Ligne", "Référence", "Titre", "Problèmes"]
    # The valid line is not there; the others, as typed, neutralised; each problem on its own line.
    assert [row[:3] for row in rows[1:]] == [
        ["2", "'-2+3", "'" + HYPERLINK],
        ["3", "'@SUM(1)", "'+cmd"],
        ["5", "'=1+1", f"Crème {ACCENTS}"],
    ]
    assert "abc" in rows[1][3] and "-1" in rows[2][3]
    assert all(problem for row in rows[1:] for problem in row[3].split("\n"))
    assert_no_formula(rows)


def test_another_artisan_cannot_download_the_error_report(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    client.post("/espace-artisan/import/", {"file": SimpleUploadedFile("p.csv", IMPORT_FILE.encode("utf-8"))})
    product_import = ProductImport.objects.get(shop=shop)
    client.force_login(ShopFactory().owner)
    assert client.get(f"/espace-artisan/import/{product_import.pk}/erreurs.csv").status_code == 404


# --- Oscar's dashboard exports, for the chamber's staff -------------------------------------------


@pytest.fixture
def staff_client(client):
    # Oscar asks its own model permissions on top of is_staff: a superuser has them all.
    client.force_login(UserFactory(username="staff@example.fr", is_staff=True, is_superuser=True))
    return client


# Every report the dashboard offers, read from Oscar's repository: a report added later is tried too.
REPORT_TYPES = [generator.code for generator in get_class("dashboard.reports.utils", "GeneratorRepository")().get_report_generators()]


def test_the_reports_are_all_there():
    assert len(REPORT_TYPES) == 7


@pytest.mark.parametrize("report_type", REPORT_TYPES)
def test_every_report_of_oscars_dashboard_goes_through_the_writer(staff_client, report_type):
    rows = read_csv(staff_client.get("/dashboard/reports/", {"report_type": report_type, "download": "true"}))
    assert len(rows[0]) >= 2  # a header of several columns: separated by ";", as the writer does


def test_the_order_report_neutralises_the_customers_name(staff_client, hostile_orders):
    customer = Order.objects.get(number="E-1").user
    customer.first_name, customer.last_name = HYPERLINK, ""
    customer.save()
    today = timezone.localdate().isoformat()
    response = staff_client.get("/dashboard/reports/", {"report_type": "order_report", "download": "true", "date_from": "2026-01-01", "date_to": today})
    rows = read_csv(response)
    names = {row[0]: row[1] for row in rows[1:]}
    assert names["E-1"] == "'" + HYPERLINK
    assert_no_formula(rows)


def test_an_offers_discounts_download_goes_through_the_writer(staff_client, hostile_orders):
    offer = ConditionalOfferFactory(name="Offre")
    order = Order.objects.get(number="E-2")
    OrderDiscount.objects.create(order=order, offer_id=offer.pk, amount=Decimal("1.50"))
    rows = read_csv(staff_client.get(f"/dashboard/offers/{offer.pk}/", {"format": "csv"}))
    assert rows[1][0] == "E-2" and rows[1][2:] == ["-3,00", "1,50"]


def test_a_voucher_sets_codes_go_through_the_writer(staff_client):
    voucher_set = VoucherSetFactory(name=f"Noël {ACCENTS}", count=2)
    voucher_set.vouchers.filter(pk=voucher_set.vouchers.order_by("pk").first().pk).update(code="=1+1")
    response = staff_client.get(f"/dashboard/vouchers/sets/download/{voucher_set.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="noel-e-c.csv"'
    rows = read_csv(response)
    assert len(rows) == 3 and rows[1] == ["'=1+1"]
