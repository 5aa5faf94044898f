"""Reports on voucher programmes: key figures against sums computed by hand, the funder's statement
(the bonus share of each redemption), the audit export that adds up to the ledger, the CSV files, the
chart, the limited-network gauge (warning at 80 %) and the pages' query counts."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from shops.roles import chamber_group
from tests.factories import CommuneFactory, ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating, programme
from vouchers import ledger, reports
from vouchers.models import Movement, Voucher, VoucherStatus

pytestmark = pytest.mark.django_db

D = Decimal
MARCH = datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2027, 4, 10, 10, 0, tzinfo=datetime.UTC)


def signed_in(client):
    user = UserFactory(first_name="Inès", last_name="Arnaud")
    user.groups.add(chamber_group())
    client.force_login(user)
    return client


@pytest.fixture
def chamber_client(client):
    return signed_in(client)


@pytest.fixture
def story(time_machine):
    """Four vouchers of a +20 % programme: spent at two shops over March and April, put back in part,
    withdrawn, expired."""
    time_machine.move_to(MARCH, tick=False)
    bakery = ShopFactory(partner__name="Au Fournil de Gap", commune=CommuneFactory(insee_code="05061", name="Gap"))
    cheese = ShopFactory(partner__name="Fromagerie de la Bâtie", commune=CommuneFactory(insee_code="05017", name="La Bâtie-Neuve"))
    territory = programme(bonus_percent="20")
    participating(territory, bakery, cheese)
    buyer = UserFactory()
    a = paid_voucher(territory, buyer, "50.00")  # 60 €
    b = paid_voucher(territory, buyer, "20.00")  # 24 €
    c = paid_voucher(territory, buyer, "10.00")  # 12 €
    d = paid_voucher(territory, buyer, "20.00")  # 24 €
    ledger.redeem(a, D("30.00"), bakery, key="a1")
    cheese_redemption = ledger.redeem(a, D("12.34"), cheese, key="a2").movement
    ledger.put_back(cheese_redemption, D("2.34"), key="a2-back")
    ledger.withdraw(c, buyer)
    time_machine.move_to(APRIL, tick=False)
    ledger.redeem(b, D("24.00"), bakery, key="b1")
    ledger.redeem(d, D("4.00"), bakery, key="d1")
    ledger.expire(d, today=d.expires_on + datetime.timedelta(days=1))
    return {"programme": territory, "bakery": bakery, "cheese": cheese, "vouchers": (a, b, c, d)}


def test_the_key_figures_add_up_as_computed_by_hand(story):
    figures = reports.programme_figures(story["programme"])
    assert figures == reports.Figures(
        sold=D("100.00"), bonus=D("20.00"), redeemed=D("68.00"), outstanding=D("20.00"), expired=D("20.00"),
        withdrawn=D("12.00"), vouchers=4,
    )
    assert figures.sold + figures.bonus == figures.redeemed + figures.outstanding + figures.expired + figures.withdrawn
    assert reports.programme_figures(programme(name="Vide")) == reports.Figures()


def test_redeemed_per_shop_and_per_commune(story):
    assert [(row.name, row.commune, row.redeemed) for row in reports.redeemed_per_shop(story["programme"])] == [
        ("Au Fournil de Gap", "Gap", D("58.00")), ("Fromagerie de la Bâtie", "La Bâtie-Neuve", D("10.00")),
    ]
    assert [(row.name, row.commune, row.redeemed) for row in reports.redeemed_per_commune(story["programme"])] == [
        ("Gap", "05061", D("58.00")), ("La Bâtie-Neuve", "05017", D("10.00")),
    ]


def test_the_statement_gives_each_redemption_its_share_of_the_bonus(story):
    rows = reports.statement(story["programme"])
    # A (50 € + 10 €): 30 € spent → 5,00 € of bonus; 12,34 € more → 7,06 € in all (+2,06 €); 2,34 € put
    # back → 6,67 € in all (-0,39 €). B (20 € + 4 €) wholly spent → 4,00 €. D: 4 € spent → 0,67 €.
    assert [(row.month, row.shop, row.redeemed, row.bonus) for row in rows] == [
        (datetime.date(2027, 3, 1), "Au Fournil de Gap", D("30.00"), D("5.00")),
        (datetime.date(2027, 3, 1), "Fromagerie de la Bâtie", D("10.00"), D("1.67")),
        (datetime.date(2027, 4, 1), "Au Fournil de Gap", D("28.00"), D("4.67")),
    ]
    april = reports.statement(story["programme"], datetime.date(2027, 4, 1))
    assert [(row.shop, row.bonus) for row in april] == [("Au Fournil de Gap", D("4.67"))]
    assert reports.statement_months(story["programme"]) == [datetime.date(2027, 4, 1), datetime.date(2027, 3, 1)]


def test_a_voucher_spent_in_odd_pieces_spends_exactly_its_bonus(time_machine):
    time_machine.move_to(MARCH, tick=False)
    bakery = ShopFactory()
    territory = programme(bonus_percent="20")
    participating(territory, bakery)
    voucher = paid_voucher(territory, UserFactory(), "10.00")  # 12 €, 2 € of bonus
    for index in range(6):
        ledger.redeem(voucher, D("1.71"), bakery, key=f"piece-{index}")
    ledger.redeem(voucher, D("1.74"), bakery, key="last")
    assert reports.cents(voucher.balance()) == 0
    shares = [reports.bonus_spent(D("1.71") * (n + 1), D("10"), D("2")) for n in range(6)]
    assert shares[0] == D("0.29")  # 1,71 × 2 / 12 = 0,285 → 0,29
    (row,) = reports.statement(territory)
    assert row.redeemed == D("12.00") and row.bonus == D("2.00")


def test_the_acceptance_journey_a_20_euro_voucher_shows_4_euros_of_bonus(time_machine):
    time_machine.move_to(MARCH, tick=False)
    one, two, bakery = ShopFactory(), ShopFactory(), ShopFactory()
    territory = programme(bonus_percent="20")
    participating(territory, one, two, bakery)
    voucher = paid_voucher(territory, UserFactory(), "20.00")
    ledger.redeem(voucher, D("9.00"), one, key="one")
    ledger.redeem(voucher, D("6.00"), two, key="two")
    ledger.redeem(voucher, D("9.00"), bakery, key="counter")
    assert sum(row.bonus for row in reports.statement(territory)) == D("4.00")


def parse(response) -> list[list[str]]:
    text = b"".join(response).decode("utf-8") if hasattr(response, "streaming_content") else response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def amount(cell: str) -> Decimal:
    return Decimal(cell.replace(",", "."))


def test_the_audit_export_lists_every_movement_and_adds_up_to_the_ledger(story, chamber_client):
    other = programme(name="Autre programme")
    paid_voucher(other, UserFactory(), "15.00")

    rows = parse(chamber_client.get(reverse("chamber:programme-movements", kwargs={"pk": story["programme"].pk})))
    assert rows[0] == ["Date", "Code du bon", "Programme", "Mouvement", "Montant (€)", "Boutique", "Numéro de commande"]
    ledger_rows = Movement.objects.filter(voucher__programme=story["programme"])
    assert len(rows) - 1 == ledger_rows.count() == 15
    assert sum(amount(row[4]) for row in rows[1:]) == ledger_rows.aggregate(total=Sum("amount"))["total"] == D("20.00")
    assert {row[1] for row in rows[1:]} == {voucher.display_code for voucher in story["vouchers"]}
    assert {row[5] for row in rows[1:]} == {"", "Au Fournil de Gap", "Fromagerie de la Bâtie"}
    assert rows[1][0] == "2027-03-09 11:00"

    everything = parse(chamber_client.get(reverse("chamber:voucher-movements")))
    assert len(everything) - 1 == Movement.objects.count()
    assert sum(amount(row[4]) for row in everything[1:]) == Movement.objects.aggregate(total=Sum("amount"))["total"]


def test_the_statement_csv(story, chamber_client):
    url = reverse("chamber:programme-statement", kwargs={"pk": story["programme"].pk})
    rows = parse(chamber_client.get(url))
    assert rows == [
        ["Mois", "Boutique", "Commune", "Payé par bons (€)", "Dont bonus du financeur (€)"],
        ["2027-03", "Au Fournil de Gap", "Gap", "30,00", "5,00"],
        ["2027-03", "Fromagerie de la Bâtie", "La Bâtie-Neuve", "10,00", "1,67"],
        ["2027-04", "Au Fournil de Gap", "Gap", "28,00", "4,67"],
    ]
    march = chamber_client.get(url, {"mois": "2027-03"})
    assert "releve-" in march["Content-Disposition"] and "2027-03" in march["Content-Disposition"]
    assert len(parse(march)) == 3
    assert chamber_client.get(url, {"mois": "mars"}).status_code == 404


def test_the_report_page_shows_the_figures_the_chart_and_the_statement(story, chamber_client):
    url = reverse("chamber:programme-report", kwargs={"pk": story["programme"].pk})
    with translation.override("fr"):
        page = chamber_client.get(url, {"mois": "2027-03"})
    html = page.content.decode()
    assert page.status_code == 200
    assert page.context["month"] == datetime.date(2027, 3, 1)
    assert page.context["statement_bonus"] == D("6.67")
    assert html.count("<rect ") == 2 and "<svg" in html and "<script" not in html.split("<svg")[1].split("</svg>")[0]
    assert [bar.height for bar in page.context["bars"]] == [100, 70]  # 40 € in March, 28 € in April
    assert "6,67\u00a0€" in html
    # An unknown month falls back on the latest one.
    assert chamber_client.get(url, {"mois": "1999-01"}).context["month"] == datetime.date(2027, 4, 1)


def big_voucher(territory, face_value: str) -> Voucher:
    voucher = Voucher.objects.create(programme=territory, face_value=D(face_value), buyer=UserFactory(), expires_on=territory.valid_until)
    return ledger.credit_purchase(voucher)


def test_the_exemption_gauge_counts_12_rolling_months_and_warns_at_80_percent(time_machine, client):
    time_machine.move_to(datetime.datetime(2026, 1, 5, 10, 0, tzinfo=datetime.UTC), tick=False)
    old = programme(name="Ancien", bonus_percent="0", bonus_budget="0")
    big_voucher(old, "500000.00")  # over a year before: not counted
    time_machine.move_to(MARCH, tick=False)
    territory = programme(bonus_percent="0", bonus_budget="0")
    big_voucher(territory, "400000.00")
    big_voucher(territory, "399999.99")
    chamber_client = signed_in(client)
    gauge = reports.exemption_gauge()
    assert gauge.sold == D("799999.99") and not gauge.warning and gauge.percent == 80
    with translation.override("fr"):
        assert "ACPR" in chamber_client.get(reverse("chamber:programmes")).content.decode()
        assert "echoppe-alert--warning" not in chamber_client.get(reverse("chamber:programmes")).content.decode()
    big_voucher(territory, "0.01")
    gauge = reports.exemption_gauge()
    assert gauge.sold == D("800000.00") and gauge.warning and not gauge.exceeded
    with translation.override("fr"):
        page = chamber_client.get(reverse("chamber:programmes")).content.decode()
    assert "echoppe-alert--warning" in page and "<meter" in page
    big_voucher(territory, "200000.01")
    assert reports.exemption_gauge().exceeded


def test_the_list_costs_the_same_queries_for_one_or_four_programmes(time_machine, client):
    time_machine.move_to(MARCH, tick=False)
    chamber_client = signed_in(client)
    shop = ShopFactory()

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert chamber_client.get(reverse("chamber:programmes")).status_code == 200
        return len(captured)

    first = programme(name="Un")
    participating(first, shop)
    paid_voucher(first, UserFactory())
    one = queries()
    for name in ("Deux", "Trois", "Quatre"):
        more = programme(name=name)
        participating(more, shop)
        paid_voucher(more, UserFactory())
    assert queries() == one


def test_the_report_page_costs_the_same_queries_for_few_or_many_movements(story, chamber_client, time_machine):
    url = reverse("chamber:programme-report", kwargs={"pk": story["programme"].pk})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert chamber_client.get(url).status_code == 200
        return len(captured)

    before = queries()
    time_machine.move_to(APRIL, tick=False)
    for index in range(5):
        voucher = paid_voucher(story["programme"], UserFactory(), "10.00")
        ledger.redeem(voucher, D("3.00"), story["cheese"], key=f"more-{index}")
    assert queries() == before


def test_withdrawn_and_expired_vouchers_have_no_balance(story):
    a, b, c, d = story["vouchers"]
    for voucher in (a, b, c, d):
        voucher.refresh_from_db()
    assert (c.status, c.balance()) == (VoucherStatus.WITHDRAWN, D("0.00"))
    assert (d.status, d.balance()) == (VoucherStatus.EXPIRED, D("0.00"))
    assert (a.status, a.balance()) == (VoucherStatus.ACTIVE, D("20.00"))


# --- The funder's read-only link ------------------------------------------------------------------


def test_the_funder_reads_the_reports_and_statements_through_the_link_until_it_is_revoked(story, chamber_client, client,
                                                                                          django_capture_on_commit_callbacks):
    from django.core import mail
    from django.test import Client

    from chamber.models import AuditEntry
    from vouchers.models import FunderAccess

    territory = story["programme"]
    report = reverse("chamber:programme-report", kwargs={"pk": territory.pk})
    grant = reverse("chamber:programme-funder-grant", kwargs={"pk": territory.pk})
    with translation.override("fr"):
        refused = chamber_client.post(grant, {"email": "pas une adresse"})
    assert refused.status_code == 400 and not FunderAccess.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        sent = chamber_client.post(grant, {"email": "tresorerie@ville-gap.fr"})
    assert sent.status_code == 302 and sent.url == report
    [message] = mail.outbox
    assert message.to == ["tresorerie@ville-gap.fr"] and "Bons d'achat du Pays gapençais" in message.subject
    link = next(word for word in message.body.split() if "/bons-cadeaux/financeur/" in word)
    path = link[link.index("/bons-cadeaux/"):]

    funder = Client()
    page = funder.get(path + "?mois=2027-03")
    body = page.content.decode()
    assert page.status_code == 200 and page["X-Robots-Tag"] == "noindex, nofollow" and page["Referrer-Policy"] == "no-referrer"
    assert "Au Fournil de Gap" in body and "Fromagerie de la Bâtie" in body
    statement = funder.get(path + "releve.csv?mois=2027-03")
    assert statement.status_code == 200 and statement["Content-Type"].startswith("text/csv")
    assert "Au Fournil de Gap" in statement.content.decode("utf-8-sig")
    assert funder.get(path + "mouvements.csv").status_code == 200
    access = FunderAccess.objects.get()
    assert access.last_opened_at is not None

    # A forged link, or one for another programme's access, opens nothing.
    assert funder.get(path[:-3] + "xx/").status_code == 404
    assert funder.get("/bons-cadeaux/financeur/1/").status_code == 404

    # The chamber's page lists the access; revoked, the link stops working at once.
    listed = chamber_client.get(report).content.decode()
    row = 'data-label="Envoyé à">tresorerie@ville-gap.fr</td>'
    assert row in listed
    revoke = reverse("chamber:programme-funder-revoke", kwargs={"pk": territory.pk, "access": access.pk})
    other = programme(name="Bons de Briançon", slug="briancon")
    assert chamber_client.post(reverse("chamber:programme-funder-revoke", kwargs={"pk": other.pk, "access": access.pk})).status_code == 404
    assert chamber_client.post(revoke).status_code == 302
    assert funder.get(path).status_code == 404 and funder.get(path + "releve.csv").status_code == 404
    assert row not in chamber_client.get(report).content.decode()
    assert list(AuditEntry.objects.filter(target_id=str(territory.pk)).values_list("action", "reason").order_by("pk")) == [
        (AuditEntry.Action.FUNDER_ACCESS_GRANTED, "tresorerie@ville-gap.fr"),
        (AuditEntry.Action.FUNDER_ACCESS_REVOKED, "tresorerie@ville-gap.fr"),
    ]
    # Only the chamber grants and revokes.
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.post(grant, {"email": "x@example.fr"}).status_code in (302, 403)
    assert FunderAccess.objects.count() == 1
