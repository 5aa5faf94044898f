"""The artisan's « Ventes » screen: gross, refunds, commission, net and payouts of their own shop by
day, week or month (Paris days), its chart, its CSV, its cost in queries, and its isolation."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.partner.strategy import Default
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from payments import sales
from payments.models import LedgerEntry
from tests.factories import ProductFactory, ShopFactory, UserFactory

Basket = get_model("basket", "Basket")
PARIS = ZoneInfo("Europe/Paris")
# The clock of these tests: Wednesday 31 March 2027, after the clocks went forward (Sunday 28 March).
NOW = datetime.datetime(2027, 3, 31, 12, 0, tzinfo=PARIS)
D = Decimal
K = LedgerEntry.Kind

pytestmark = pytest.mark.django_db

_numbers = iter(range(1, 10_000))


def order_of(shop, status="new"):
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(ProductFactory(shop=shop), 1)
    return create_order(basket=basket, user=UserFactory(), number=f"V-{next(_numbers)}", status=status)


def entry(time_machine, order, kind, when, gross="0.00", commission="0.00", net="0.00", status=LedgerEntry.Status.SUCCEEDED):
    """A ledger entry written at ``when`` (Paris), as the payment code writes it then."""
    time_machine.move_to(when, tick=False)
    return LedgerEntry.objects.create(
        order=order, kind=kind, status=status, gross=D(gross), commission=D(commission), net=D(net),
        idempotency_key=f"{order.number}-{kind}-{when.isoformat()}-{status}",
    )


def paris(*args):
    return datetime.datetime(*args, tzinfo=PARIS)


@pytest.fixture
def ledger(time_machine):
    """Shop A's movements around the end of February and March 2027, another shop's, and some that
    must never count; the clock then set to ``NOW``."""
    shop_a = ShopFactory(partner__name="Atelier A")
    shop_b = ShopFactory(partner__name="Atelier B")
    first, second, third, fourth = (order_of(shop_a) for _ in range(4))
    # 00:30 in Paris on 1 March is still 28 February in UTC: a March sale.
    entry(time_machine, first, K.CARD_PAYMENT, paris(2027, 3, 1, 0, 30), "20.00", "2.10", "17.90")
    entry(time_machine, first, K.REFUND, paris(2027, 3, 2, 10, 0), "-5.00", "-0.50", "-4.50")
    entry(time_machine, first, K.TRANSFER, paris(2027, 3, 8, 9, 0), net="13.40")
    entry(time_machine, second, K.ON_SITE_PAYMENT, paris(2027, 3, 2, 18, 0), "11.20", "1.00", "10.20")
    entry(time_machine, second, K.TRANSFER, paris(2027, 3, 3, 9, 0), net="10.20", status=LedgerEntry.Status.FAILED)
    # 23:30 in Paris on 28 February: a February sale, whatever UTC says.
    entry(time_machine, third, K.CARD_PAYMENT, paris(2027, 2, 28, 23, 30), "7.00", "0.70", "6.30")
    # Just after midnight on Monday 29 March, the first day of summer time: a day and a week of their own.
    entry(time_machine, fourth, K.CARD_PAYMENT, paris(2027, 3, 29, 0, 30), "3.00", "0.30", "2.70")
    # Another shop's sale, and an order of A still waiting for its card payment: never counted for A.
    entry(time_machine, order_of(shop_b), K.CARD_PAYMENT, paris(2027, 3, 2, 11, 0), "99.00", "9.90", "89.10")
    entry(time_machine, order_of(shop_a, status="pending_payment"), K.CARD_PAYMENT, paris(2027, 3, 2, 12, 0), "50.00", "5.00", "45.00")
    time_machine.move_to(NOW, tick=False)
    return shop_a, shop_b


def figures(period):
    return (period.gross, period.refunds, period.commission, period.net, period.transfers)


def test_figures_by_day_in_paris_days(ledger):
    shop_a, _shop_b = ledger
    report = sales.sales_report(shop_a, sales.window_for(sales.DAY, NOW.date()))
    assert len(report.periods) == 31 and report.periods[0].start == datetime.date(2027, 3, 1)
    by_day = {period.start.day: figures(period) for period in report.periods if not period.is_empty}
    assert by_day == {
        1: (D("20.00"), D("0.00"), D("2.10"), D("17.90"), D("0.00")),
        2: (D("11.20"), D("5.00"), D("0.50"), D("5.70"), D("0.00")),
        8: (D("0.00"), D("0.00"), D("0.00"), D("0.00"), D("13.40")),
        29: (D("3.00"), D("0.00"), D("0.30"), D("2.70"), D("0.00")),
    }
    assert figures(report.totals) == (D("34.20"), D("5.00"), D("2.90"), D("26.30"), D("13.40"))
    assert all(isinstance(value, Decimal) for period in report.periods for value in figures(period))
    february = sales.sales_report(shop_a, sales.window_for(sales.DAY, datetime.date(2027, 2, 10)))
    assert len(february.periods) == 28
    assert figures(february.totals) == (D("7.00"), D("0.00"), D("0.70"), D("6.30"), D("0.00"))
    assert not february.periods[-1].is_empty and february.periods[-2].is_empty


def test_figures_by_week_from_monday_and_by_month(ledger):
    shop_a, _shop_b = ledger
    weeks = sales.sales_report(shop_a, sales.window_for(sales.WEEK, NOW.date()))
    assert len(weeks.periods) == sales.WEEKS_SHOWN
    assert weeks.window.start == datetime.date(2027, 1, 11) and weeks.window.end == datetime.date(2027, 4, 5)
    by_week = {period.start: figures(period) for period in weeks.periods if not period.is_empty}
    assert by_week == {
        datetime.date(2027, 2, 22): (D("7.00"), D("0.00"), D("0.70"), D("6.30"), D("0.00")),
        datetime.date(2027, 3, 1): (D("31.20"), D("5.00"), D("2.60"), D("23.60"), D("0.00")),
        datetime.date(2027, 3, 8): (D("0.00"), D("0.00"), D("0.00"), D("0.00"), D("13.40")),
        datetime.date(2027, 3, 29): (D("3.00"), D("0.00"), D("0.30"), D("2.70"), D("0.00")),
    }
    months = sales.sales_report(shop_a, sales.window_for(sales.MONTH, NOW.date()))
    assert [period.start.month for period in months.periods] == list(range(1, 13))
    assert figures(months.periods[1]) == (D("7.00"), D("0.00"), D("0.70"), D("6.30"), D("0.00"))
    assert figures(months.periods[2]) == (D("34.20"), D("5.00"), D("2.90"), D("26.30"), D("13.40"))
    assert figures(months.totals) == (D("41.20"), D("5.00"), D("3.60"), D("32.60"), D("13.40"))


def test_windows_and_their_navigation():
    window = sales.window_for(sales.DAY, datetime.date(2027, 1, 15))
    assert (window.start, window.end) == (datetime.date(2027, 1, 1), datetime.date(2027, 2, 1))
    assert window.previous_anchor() == datetime.date(2026, 12, 1)
    assert window.next_anchor(today=datetime.date(2027, 1, 20)) is None  # nothing but the future after
    assert window.next_anchor(today=datetime.date(2027, 3, 1)) == datetime.date(2027, 2, 1)
    weeks = sales.window_for(sales.WEEK, datetime.date(2027, 3, 31))
    assert sales.window_for(sales.WEEK, weeks.previous_anchor()).end == weeks.start
    year = sales.window_for(sales.MONTH, datetime.date(2027, 6, 1))
    assert (year.start, year.end, year.previous_anchor()) == (datetime.date(2027, 1, 1), datetime.date(2028, 1, 1), datetime.date(2026, 1, 1))


def test_the_page_shows_the_figures_the_chart_and_links_the_payments_page(ledger, client):
    shop_a, _shop_b = ledger
    client.force_login(shop_a.owner)
    response = client.get("/espace-artisan/ventes/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "mars 2027" in page
    for amount in ("34,20\u00a0€", "5,00\u00a0€", "2,90\u00a0€", "26,30\u00a0€", "13,40\u00a0€", "17,90\u00a0€", "5,70\u00a0€"):
        assert amount in page
    assert "99,00" not in page and "50,00" not in page
    # The chart: one bar per day that earned something, drawn in the page, described for screen readers.
    assert page.count('<rect class="echoppe-sales__bar') == 3
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'role="img"' in main and "<title" in main and "<script" not in main  # no chart library
    assert "<title>lundi 1 mars 2027\u00a0: 17,90\u00a0€</title>" in main
    assert 'href="/espace-artisan/paiements/"' in page
    assert 'href="/espace-artisan/ventes/ventes.csv?by=day&amp;date=2027-03-31"' in page
    # And the payments page links back.
    assert 'href="/espace-artisan/ventes/"' in client.get("/espace-artisan/paiements/").content.decode()

    weeks = client.get("/espace-artisan/ventes/", {"by": "week", "date": "2027-03-31"}).content.decode()
    assert "Semaine du 1\u00a0mars 2027" in weeks or "Semaine du 1 mars 2027" in weeks
    assert "23,60\u00a0€" in weeks
    february = client.get("/espace-artisan/ventes/", {"by": "month", "date": "2027-02-01"}).content.decode()
    assert "32,60\u00a0€" in february and "février 2027" in february
    # Earlier, but never later than today.
    assert 'rel="prev"' in page and 'rel="next"' not in page
    assert 'rel="next"' in client.get("/espace-artisan/ventes/", {"by": "day", "date": "2027-01-10"}).content.decode()


def test_an_empty_period_says_so(ledger, client):
    shop_a, _shop_b = ledger
    client.force_login(shop_a.owner)
    page = client.get("/espace-artisan/ventes/", {"by": "day", "date": "2026-06-15"}).content.decode()
    assert "Aucune vente, aucun remboursement ni virement sur cette période." in page
    assert '<rect class="echoppe-sales__bar' not in page


@pytest.mark.parametrize("query", [{"by": "year"}, {"date": "pas une date"}, {"date": "99999-01-01"}, {"date": "0001-01-01"}, {"by": "week", "date": "2027-02-30"}])
def test_bad_periods_get_a_french_message_and_this_month(ledger, client, query):
    shop_a, _shop_b = ledger
    client.force_login(shop_a.owner)
    response = client.get("/espace-artisan/ventes/", query)
    page = response.content.decode()
    assert response.status_code == 200 and "Cette période ne peut pas être affichée" in page
    assert "26,30\u00a0€" in page  # the current month instead
    assert client.get("/espace-artisan/ventes/ventes.csv", query).status_code == 200


def test_csv_of_the_same_figures(ledger, client):
    shop_a, _shop_b = ledger
    client.force_login(shop_a.owner)
    response = client.get("/espace-artisan/ventes/ventes.csv", {"by": "week", "date": "2027-03-31"})
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"] and ".csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "Début de la période;Période;Brut;Remboursements;Commission;Net;Virements"
    assert len(lines) == 1 + sales.WEEKS_SHOWN + 1 + 1  # header, weeks, total, final line end
    assert "2027-03-01;Semaine du 1 mars 2027;31,20;5,00;2,60;23,60;0,00" in lines
    assert "2027-03-08;Semaine du 8 mars 2027;0,00;0,00;0,00;0,00;13,40" in lines
    assert lines[-2] == ";Total;41,20;5,00;3,60;32,60;13,40"
    assert "99,00" not in response.content.decode("utf-8-sig")


def test_another_artisan_only_ever_sees_their_own_shop(ledger, client):
    _shop_a, shop_b = ledger
    client.force_login(shop_b.owner)
    page = client.get("/espace-artisan/ventes/").content.decode()
    assert "99,00\u00a0€" in page and "89,10\u00a0€" in page
    assert "34,20" not in page and "13,40" not in page
    csv_text = client.get("/espace-artisan/ventes/ventes.csv", {"by": "month"}).content.decode("utf-8-sig")
    assert ";Total;99,00;0,00;9,90;89,10;0,00" in csv_text and "34,20" not in csv_text
    # Nothing to post on these pages; and nothing to see signed out.
    assert client.post("/espace-artisan/ventes/").status_code == 405
    assert client.post("/espace-artisan/ventes/ventes.csv").status_code == 405
    client.logout()
    assert client.get("/espace-artisan/ventes/").status_code == 302
    assert client.get("/espace-artisan/ventes/ventes.csv").status_code == 302
    client.force_login(UserFactory())  # no shop at all
    assert client.get("/espace-artisan/ventes/").status_code == 404


def test_queries_do_not_grow_with_the_movements(ledger, client, time_machine):
    shop_a, _shop_b = ledger
    client.force_login(shop_a.owner)

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"by": "day"}).status_code == 200
        return len(captured)

    page_before, csv_before = queries("/espace-artisan/ventes/"), queries("/espace-artisan/ventes/ventes.csv")
    for day in range(3, 20):
        order = order_of(shop_a)
        entry(time_machine, order, K.CARD_PAYMENT, paris(2027, 3, day, 9, 0), "10.00", "1.00", "9.00")
        entry(time_machine, order, K.TRANSFER, paris(2027, 3, day, 15, 0), net="9.00")
    time_machine.move_to(NOW, tick=False)
    assert queries("/espace-artisan/ventes/") == page_before <= 12
    assert queries("/espace-artisan/ventes/ventes.csv") == csv_before <= 6


def test_the_chart_draws_a_refunded_period_below_the_zero_line():
    window = sales.window_for(sales.MONTH, datetime.date(2027, 1, 1))
    periods = [sales.PeriodFigures(start=start) for start in window.period_starts()]
    periods[0] = sales.PeriodFigures(start=periods[0].start, gross=D("110.00"), commission=D("10.00"))
    periods[1] = sales.PeriodFigures(start=periods[1].start, refunds=D("55.00"), commission=D("-5.00"))
    report = sales.SalesReport(window, periods, periods[0])
    chart = sales.chart(report, [str(n) for n in range(12)], [str(n) for n in range(12)])
    up, down, flat = chart.bars[0], chart.bars[1], chart.bars[2]
    assert (periods[0].net, periods[1].net) == (D("100.00"), D("-50.00"))
    assert up.y + up.height == chart.zero_y and down.y == chart.zero_y and down.is_negative
    assert up.height == 2 * down.height and flat.height == 0
    assert chart.height - sales.CHART_BOTTOM - sales.CHART_TOP == up.height + down.height
