"""The chamber's territory statistics: exact figures on a known dataset, the period's Paris-time
boundaries, the CSV export, refused periods, a query count that ignores the number of rows, and who
may see them."""

import csv
import datetime
import io
import itertools
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from checkout.order.models import Fulfilment
from marketplace.statistics import GroupBy, Row, territory_statistics
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PARIS = ZoneInfo("Europe/Paris")
MARCH = {"start": "2026-03-01", "end": "2026-03-31"}
_numbers = itertools.count(1)


def paris(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=PARIS)


def order(shop, total: str, fulfilment: str, placed: datetime.datetime, status: str = "new", lines: int = 1):
    """A shop order as the checkout leaves it, with the fields the statistics read."""
    total = Decimal(total)
    placed_order = Order.objects.create(
        number=f"STAT-{next(_numbers)}", currency="EUR", total_incl_tax=total, total_excl_tax=total,
        status=status, fulfilment=fulfilment, date_placed=placed, guest_email="client@example.fr",
    )
    for index in range(lines):
        part = total / lines
        Line.objects.create(
            order=placed_order, partner=shop.partner, partner_name=shop.name, partner_sku=f"SKU-{index}", title="Pain",
            quantity=1, line_price_incl_tax=part, line_price_excl_tax=part, line_price_before_discounts_incl_tax=part,
            line_price_before_discounts_excl_tax=part, num_allocated=1,
        )
    return placed_order


def products(shop, count: int, **kwargs):
    for _index in range(count):
        ProductFactory(shop=shop, **kwargs)


@pytest.fixture
def chamber_user():
    user = UserFactory(username="chambre@example.fr")
    user.groups.add(chamber_group())
    return user


@pytest.fixture
def territory():
    """Three departments, three trades, and every case the definitions decide on."""
    hautes_alpes = CommuneFactory(department_code="05", department_name="Hautes-Alpes")
    maritimes = CommuneFactory(department_code="06", department_name="Alpes-Maritimes")
    haute_provence = CommuneFactory(department_code="04", department_name="Alpes-de-Haute-Provence")

    # 05, bakery, approved long before: active, not new; 3 public products and one withdrawn.
    fournil = ShopFactory(commune=hautes_alpes, trade="boulangerie", approved_at=paris(2025, 6, 1, 9))
    products(fournil, 3)
    ProductFactory(shop=fournil, is_public=False)
    order(fournil, "20.00", Fulfilment.PICKUP, paris(2026, 3, 5, 10), lines=2)
    order(fournil, "15.50", Fulfilment.PICKUP, paris(2026, 3, 31, 23, 30))  # the last evening counts
    order(fournil, "34.50", Fulfilment.DELIVERY, paris(2026, 3, 12, 18))
    order(fournil, "10.00", Fulfilment.PICKUP, paris(2026, 3, 1, 0, 10))  # the first night counts
    order(fournil, "100.00", Fulfilment.PICKUP, paris(2026, 3, 6, 9), status="cancelled")
    order(fournil, "200.00", Fulfilment.SHIPPING, paris(2026, 3, 7, 9), status="pending_payment")
    order(fournil, "50.00", Fulfilment.PICKUP, paris(2026, 4, 1, 0, 5))  # the next day: April
    order(fournil, "40.00", Fulfilment.PICKUP, paris(2026, 2, 28, 23, 50))  # the day before: February

    # 05, cheese, approved during March: new.
    fromagerie = ShopFactory(commune=hautes_alpes, trade="fromagerie", approved_at=paris(2026, 3, 10, 14))
    products(fromagerie, 2)
    order(fromagerie, "45.00", Fulfilment.SHIPPING, paris(2026, 3, 20, 12))
    order(fromagerie, "12.34", Fulfilment.PICKUP, paris(2026, 3, 21, 12))

    # 06, bakery, approved on the last evening of March: new.
    nice = ShopFactory(commune=maritimes, trade="boulangerie", approved_at=paris(2026, 3, 31, 23))
    products(nice, 1)
    order(nice, "10.01", Fulfilment.DELIVERY, paris(2026, 3, 31, 23, 40))

    # 06, pottery, approved just after March: neither active nor new in March.
    poterie = ShopFactory(commune=maritimes, trade="poterie-ceramique", approved_at=paris(2026, 4, 1, 0, 30))
    products(poterie, 4)

    # 04, cheese, suspended since: not active, its products are hidden, but its March sale happened.
    suspended = ShopFactory(commune=haute_provence, trade="fromagerie", approved_at=paris(2025, 1, 1), status=ShopStatus.SUSPENDED)
    products(suspended, 2)
    order(suspended, "33.33", Fulfilment.SHIPPING, paris(2026, 3, 15, 11))

    # 06, an application still in review: nothing.
    products(ShopFactory(commune=maritimes, trade="boulangerie", status=ShopStatus.SUBMITTED), 2)


def figures(row: Row) -> tuple:
    return (
        row.code, row.label, row.active_shops, row.new_shops, row.products, row.orders, row.sales,
        row.pickup_share, row.delivery_share, row.shipping_share, row.average_basket,
    )


def d(value: str) -> Decimal:
    return Decimal(value)


def test_figures_per_department_and_their_total(territory):
    report = territory_statistics(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), GroupBy.DEPARTMENT)
    assert [figures(row) for row in report.rows] == [
        ("04", "Alpes-de-Haute-Provence", 0, 0, 0, 1, d("33.33"), d("0.0"), d("0.0"), d("100.0"), d("33.33")),
        ("05", "Hautes-Alpes", 2, 1, 5, 6, d("137.34"), d("66.7"), d("16.7"), d("16.7"), d("22.89")),
        ("06", "Alpes-Maritimes", 1, 1, 1, 1, d("10.01"), d("0.0"), d("100.0"), d("0.0"), d("10.01")),
    ]
    # 180.68 / 8 = 22.585: rounded half up, to the cent.
    assert figures(report.total)[2:] == (3, 2, 6, 8, d("180.68"), d("50.0"), d("25.0"), d("25.0"), d("22.59"))
    assert report.total.label == _("Total")


def test_figures_per_trade(territory):
    report = territory_statistics(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), GroupBy.TRADE)
    by_code = {row.code: figures(row)[2:] for row in report.rows}
    assert by_code == {
        "boulangerie": (2, 1, 4, 5, d("90.01"), d("60.0"), d("40.0"), d("0.0"), d("18.00")),
        "fromagerie": (1, 1, 2, 3, d("90.67"), d("33.3"), d("0.0"), d("66.7"), d("30.22")),
    }
    assert [row.label for row in report.rows] == [_("Bakery"), _("Cheese shop")]  # sorted by name (the pottery has no row)
    assert figures(report.total)[2:] == (3, 2, 6, 8, d("180.68"), d("50.0"), d("25.0"), d("25.0"), d("22.59"))


def test_the_period_is_whole_days_in_paris(territory):
    # 1 April alone: the order at 00:05 and the pottery approved at 00:30.
    april_first = territory_statistics(datetime.date(2026, 4, 1), datetime.date(2026, 4, 1), GroupBy.DEPARTMENT)
    assert {row.code: (row.active_shops, row.new_shops, row.orders, row.sales) for row in april_first.rows} == {
        "05": (2, 0, 1, d("50.00")),
        "06": (2, 1, 0, d("0.00")),
    }
    # 31 March alone: 23:30 and 23:40 count, and the shop approved at 23:00 is new.
    last_day = territory_statistics(datetime.date(2026, 3, 31), datetime.date(2026, 3, 31), GroupBy.DEPARTMENT)
    assert {row.code: (row.new_shops, row.orders, row.sales) for row in last_day.rows} == {
        "05": (0, 1, d("15.50")),
        "06": (1, 1, d("10.01")),
    }
    # A quiet day: the shops are there, without orders, and nothing divides by zero.
    quiet = territory_statistics(datetime.date(2026, 3, 2), datetime.date(2026, 3, 2), GroupBy.DEPARTMENT)
    assert quiet.total.orders == 0 and quiet.total.average_basket is None and quiet.total.pickup_share is None


def test_the_page_shows_the_table_and_the_charts(client, chamber_user, territory):
    client.force_login(chamber_user)
    response = client.get("/chambre/statistiques/", MARCH)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Alpes-de-Haute-Provence" in page and "<svg" in page and "<table" in page
    assert "180,68" in page and "22,59" in page  # the total row, written the French way
    assert "statistiques.csv?start=2026-03-01&amp;end=2026-03-31&amp;group_by=department" in page
    assert response.context["report"].total.orders == 8

    by_trade = client.get("/chambre/statistiques/", {**MARCH, "group_by": "trade"})
    assert by_trade.status_code == 200 and [row.code for row in by_trade.context["report"].rows] == ["boulangerie", "fromagerie"]


def test_the_page_defaults_to_this_month_so_far(client, chamber_user):
    client.force_login(chamber_user)
    response = client.get("/chambre/statistiques/")
    assert response.status_code == 200
    report = response.context["report"]
    today = timezone.localdate()
    assert (report.start, report.end, report.group_by) == (today.replace(day=1), today, "department")
    assert report.rows == [] and report.total.orders == 0


def test_the_csv_export(client, chamber_user, territory):
    client.force_login(chamber_user)
    response = client.get("/chambre/statistiques.csv", MARCH)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="statistiques-department-2026-03-01-2026-03-31.csv"'
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    text = body.decode("utf-8")[1:]
    assert "\r\n" in text
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [
        _("Code"), _("Department"), _("Active shops"), _("New shops"), _("Public products"), _("Orders"),
        _("Sales incl. VAT (€)"), _("Click-and-collect (%)"), _("Local delivery (%)"), _("Shipping (%)"), _("Average basket (€)"),
    ]
    assert rows[1:] == [
        ["04", "Alpes-de-Haute-Provence", "0", "0", "0", "1", "33,33", "0,0", "0,0", "100,0", "33,33"],
        ["05", "Hautes-Alpes", "2", "1", "5", "6", "137,34", "66,7", "16,7", "16,7", "22,89"],
        ["06", "Alpes-Maritimes", "1", "1", "1", "1", "10,01", "0,0", "100,0", "0,0", "10,01"],
        ["", _("Total"), "3", "2", "6", "8", "180,68", "50,0", "25,0", "25,0", "22,59"],
    ]

    by_trade = client.get("/chambre/statistiques.csv", {"start": "2026-03-02", "end": "2026-03-02", "group_by": "trade"})
    assert by_trade["Content-Disposition"] == 'attachment; filename="statistiques-trade-2026-03-02-2026-03-02.csv"'
    rows = list(csv.reader(io.StringIO(by_trade.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][1] == _("Trade")
    # No order that day: the shares and the average basket are left empty, not zero.
    # Only the bakery approved in 2025 was open on 2 March.
    assert rows[1:] == [
        ["boulangerie", _("Bakery"), "1", "0", "3", "0", "0,00", "", "", "", ""],
        ["", _("Total"), "1", "0", "3", "0", "0,00", "", "", "", ""],
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2026-03-31", "end": "2026-03-01"},  # ends before it starts
        {"start": "2020-01-01", "end": "2025-01-01"},  # longer than 5 years
        {"start": "31/02/2026", "end": "2026-03-01"},  # not a date
        {"start": "0001-01-01", "end": "0001-01-02"},  # out of range
        {"start": "2026-03-01", "end": "9999-12-31"},
        {"start": "2026-03-01", "end": "2026-03-31", "group_by": "commune"},
    ],
)
@pytest.mark.parametrize("url", ["/chambre/statistiques/", "/chambre/statistiques.csv"])
def test_a_bad_period_is_refused_with_a_message(client, chamber_user, params, url):
    client.force_login(chamber_user)
    response = client.get(url, params)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"].errors and "report" not in response.context


def test_five_years_less_a_day_is_accepted(client, chamber_user):
    client.force_login(chamber_user)
    assert client.get("/chambre/statistiques/", {"start": "2020-01-01", "end": "2024-12-31"}).status_code == 200


def _department_with_activity(code: str):
    commune = CommuneFactory(department_code=code, department_name=f"Département {code}")
    for trade in ("boulangerie", "fromagerie"):
        shop = ShopFactory(commune=commune, trade=trade, approved_at=paris(2026, 3, 2, 9))
        products(shop, 2)
        order(shop, "12.00", Fulfilment.PICKUP, paris(2026, 3, 3, 9), lines=2)
        order(shop, "30.00", Fulfilment.SHIPPING, paris(2026, 3, 4, 9))


def test_the_number_of_queries_does_not_grow_with_the_departments(client, chamber_user):
    client.force_login(chamber_user)
    for code in ("01", "02"):
        _department_with_activity(code)
    client.get("/chambre/statistiques/", MARCH)  # warms any per-process cache

    def queries(params) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as page:
            response = client.get("/chambre/statistiques/", params)
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as export:
            assert client.get("/chambre/statistiques.csv", params).status_code == 200
        return len(page), len(export), len(response.context["report"].rows)

    two = queries(MARCH), queries({**MARCH, "group_by": "trade"})
    for code in ("03", "2A", "2B", "974"):
        _department_with_activity(code)
    six = queries(MARCH), queries({**MARCH, "group_by": "trade"})
    assert [counts[:2] for counts in two] == [counts[:2] for counts in six]
    assert (two[0][2], six[0][2]) == (2, 6)

    # The report itself: shops, products, orders and the departments' names; the trades need no names.
    with CaptureQueriesContext(connection) as by_department:
        report = territory_statistics(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), GroupBy.DEPARTMENT)
    with CaptureQueriesContext(connection) as by_trade:
        territory_statistics(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31), GroupBy.TRADE)
    assert (len(by_department), len(by_trade)) == (4, 3)
    assert [row.code for row in report.rows] == ["01", "02", "03", "2A", "2B", "974"]
    assert (report.total.active_shops, report.total.orders, report.total.sales) == (12, 24, d("504.00"))


@pytest.mark.parametrize("url", ["/chambre/statistiques/", "/chambre/statistiques.csv"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["anonymous", "consumer", "artisan", "staff_without_role"])
def test_only_the_chamber_sees_the_statistics(client, url, method, who):
    shop = ShopFactory()
    if who == "consumer":
        client.force_login(UserFactory())
    elif who == "artisan":
        client.force_login(shop.owner)
    elif who == "staff_without_role":
        client.force_login(UserFactory(is_staff=True))
    response = getattr(client, method)(url, MARCH)
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("url", ["/chambre/statistiques/", "/chambre/statistiques.csv"])
def test_the_chamber_reads_the_statistics_and_cannot_post_to_them(client, chamber_user, url):
    client.force_login(chamber_user)
    assert client.get(url, MARCH).status_code == 200
    assert client.post(url, MARCH).status_code == 405
