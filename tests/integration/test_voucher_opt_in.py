"""The artisan's gift vouchers: the programmes whose territory covers the shop's commune, opting in and
out, what vouchers paid the shop, and another shop that cannot change this shop's participation."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import CommuneFactory, ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, programme
from vouchers import ledger, participation
from vouchers.models import Participation, ProgrammeStatus

pytestmark = pytest.mark.django_db

D = Decimal
URL = "/espace-artisan/bons-cadeaux/"


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC), tick=False)


@pytest.fixture
def gap():
    return CommuneFactory(insee_code="05061", name="Gap", department_code="05")


@pytest.fixture
def digne():
    return CommuneFactory(insee_code="04070", name="Digne-les-Bains", department_code="04")


@pytest.fixture
def bakery(gap):
    return ShopFactory(partner__name="Au Fournil de Gap", commune=gap)


def test_the_url_and_its_name():
    assert reverse("artisan:vouchers") == URL


def test_a_programme_covers_a_shop_by_department_or_by_commune(gap, digne, bakery):
    by_department = programme(name="Hautes-Alpes", department_codes=["05"])
    by_commune = programme(name="Gap seulement", department_codes=[])
    by_commune.communes.add(gap)
    elsewhere = programme(name="Alpes-de-Haute-Provence", department_codes=["04"])
    elsewhere_commune = programme(name="Digne seulement", department_codes=[])
    elsewhere_commune.communes.add(digne)
    programme(name="Brouillon", status=ProgrammeStatus.DRAFT)
    programme(name="Clos", status=ProgrammeStatus.CLOSED)

    assert {item.name for item in participation.programmes_for_shop(bakery)} == {by_department.name, by_commune.name}
    assert participation.covers(elsewhere, gap) is False and participation.covers(by_commune, gap) is True
    assert participation.covers(elsewhere_commune, digne) is True


def test_the_artisan_opts_in_and_out(client, bakery):
    territory = programme()
    client.force_login(bakery.owner)
    with translation.override("fr"):
        page = client.get(URL)
    assert page.status_code == 200 and "Pays gapençais" in page.content.decode()

    assert client.post(URL, {"programme": territory.pk, "action": "join"}).status_code == 302
    assert Participation.objects.filter(programme=territory, shop=bakery, excluded_by_chamber=False).count() == 1
    client.post(URL, {"programme": territory.pk, "action": "join"})  # twice: still once
    assert Participation.objects.count() == 1
    voucher = paid_voucher(territory, UserFactory())
    assert ledger.accepts(bakery, voucher)

    assert client.post(URL, {"programme": territory.pk, "action": "leave"}).status_code == 302
    assert not Participation.objects.exists()
    assert not ledger.accepts(bakery, voucher)


def test_a_programme_outside_the_territory_or_unknown_is_404(client, bakery, digne):
    elsewhere = programme(department_codes=["04"])
    draft = programme(status=ProgrammeStatus.DRAFT)
    client.force_login(bakery.owner)
    for value in (elsewhere.pk, draft.pk, 99999, "x", ""):
        assert client.post(URL, {"programme": value, "action": "join"}).status_code == 404
    assert not Participation.objects.exists()


def test_a_shop_excluded_by_the_chamber_cannot_opt_in_again_nor_erase_its_exclusion(client, bakery):
    territory = programme()
    Participation.objects.create(programme=territory, shop=bakery, excluded_by_chamber=True, exclusion_reason="Alcool")
    client.force_login(bakery.owner)
    with translation.override("fr"):
        page = client.get(URL).content.decode()
    assert "Alcool" in page
    client.post(URL, {"programme": territory.pk, "action": "leave"})
    client.post(URL, {"programme": territory.pk, "action": "join"})
    entry = Participation.objects.get()
    assert entry.excluded_by_chamber and entry.exclusion_reason == "Alcool"


def test_another_shop_cannot_change_this_shops_participation(client, bakery, gap):
    territory = programme()
    Participation.objects.create(programme=territory, shop=bakery)
    other = ShopFactory(partner__name="Autre atelier", commune=gap)
    client.force_login(other.owner)
    # B's requests, whatever they slip in, only ever touch B's own participation.
    client.post(URL, {"programme": territory.pk, "action": "leave", "shop": bakery.pk})
    assert Participation.objects.filter(shop=bakery).exists()
    client.post(URL, {"programme": territory.pk, "action": "join", "shop": bakery.pk})
    assert set(Participation.objects.values_list("shop_id", flat=True)) == {bakery.pk, other.pk}
    page = client.get(URL)
    assert page.context["shop"] == other


def test_the_page_shows_what_vouchers_paid_the_shop(client, bakery, gap):
    territory = programme()
    Participation.objects.create(programme=territory, shop=bakery)
    other = ShopFactory(commune=gap)
    Participation.objects.create(programme=territory, shop=other)
    voucher = paid_voucher(territory, UserFactory(), "50.00")  # 60 € with the bonus
    first = ledger.redeem(voucher, D("12.30"), bakery, key="a")
    ledger.redeem(voucher, D("7.70"), bakery, key="b")
    ledger.redeem(voucher, D("30.00"), other, key="c")
    ledger.put_back(first.movement, D("2.30"), key="back")
    client.force_login(bakery.owner)
    with translation.override("fr"):
        page = client.get(URL)
    assert page.context["received_total"] == D("17.70")
    assert "17,70\u00a0€" in page.content.decode()


def test_a_visitor_is_sent_to_log_in_and_a_customer_without_shop_gets_404(client):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 404


def test_the_page_costs_the_same_queries_for_one_or_three_programmes(client, bakery):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(bakery.owner)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    first = programme(name="Un")
    Participation.objects.create(programme=first, shop=bakery)
    ledger.redeem(paid_voucher(first, UserFactory()), D("5.00"), bakery, key="one")
    one = queries()
    for name in ("Deux", "Trois"):
        more = programme(name=name)
        Participation.objects.create(programme=more, shop=bakery)
        ledger.redeem(paid_voucher(more, UserFactory()), D("5.00"), bakery, key=name)
    assert queries() == one
