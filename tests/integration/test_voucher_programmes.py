"""The chamber's voucher programmes: the form's rules in French, who may see the screens, the audit
log, the participating shops and their exclusion, and the expiry task."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from chamber.models import AuditEntry
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ShopFactory, UserFactory
from tests.integration.vouchers_support import paid_voucher, participating, programme
from tests.integration.vouchers_support import clock  # noqa: F401 (fixtures)
from vouchers import ledger, participation
from vouchers.forms import ProgrammeForm
from vouchers.models import Movement, MovementKind, Participation, Programme, ProgrammeStatus, VoucherStatus
from vouchers.tasks import expire_vouchers

pytestmark = pytest.mark.django_db

D = Decimal
NBSP = "\u00a0"


@pytest.fixture
def chamber_user():
    user = UserFactory(first_name="Inès", last_name="Arnaud")
    user.groups.add(chamber_group())
    return user


@pytest.fixture
def chamber_client(client, chamber_user):
    client.force_login(chamber_user)
    return client


@pytest.fixture
def gap():
    return CommuneFactory(insee_code="05061", name="Gap", department_code="05")


def form_data(**overrides) -> dict:
    data = {
        "name": "Bons d'achat du Pays gapençais", "slug": "", "funder_name": "Communauté d'agglomération Gap-Tallard-Durance",
        "funder_kind": "intercommunality", "departments": "05", "commune_list": "", "values": "10, 20, 50",
        "minimum_value": "10", "maximum_value": "200", "bonus_percent": "20", "bonus_cap": "", "bonus_budget": "10000",
        "sale_starts_on": "2027-03-01", "sale_ends_on": "2027-05-31", "valid_until": "2028-03-01", "purchase_limit": "",
        "terms": "Valable chez les artisans participants.",
        "limits-TOTAL_FORMS": "0", "limits-INITIAL_FORMS": "0", "limits-MIN_NUM_FORMS": "0", "limits-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


def errors_in_french(data, instance=None) -> dict:
    with translation.override("fr"):
        form = ProgrammeForm(data, instance=instance)
        form.is_valid()
        return {name: [str(message) for message in messages] for name, messages in form.errors.items()}


def test_a_valid_programme_is_saved_with_its_values_and_territory(gap):
    CommuneFactory(insee_code="04209", name="Sisteron", department_code="04")
    form = ProgrammeForm(form_data(commune_list="Gap", departments="04, 05"))
    assert form.is_valid(), form.errors
    saved = form.save()
    assert saved.fixed_values == ["10.00", "20.00", "50.00"]
    assert saved.department_codes == ["04", "05"]
    assert list(saved.communes.all()) == [gap]
    assert saved.slug == "bons-dachat-du-pays-gapencais"
    assert saved.status == ProgrammeStatus.DRAFT


@pytest.mark.parametrize("text, expected", [
    ("10, 20, 50", [D("10"), D("20"), D("50")]),
    ("12,50 ; 25", [D("12.50"), D("25")]),
    ("50 20 20 10 €", [D("10"), D("20"), D("50")]),
    ("", []),
])
def test_fixed_values_are_read_the_french_way(gap, text, expected):
    form = ProgrammeForm(form_data(values=text))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["values"] == expected


@pytest.mark.parametrize("overrides, field, message", [
    ({"values": "10,20,50"}, "values", "«" + NBSP + "10,20,50" + NBSP + "» n'est pas un montant"),
    ({"values": "10, -5"}, "values", "Chaque montant est compris entre 0,01"),
    ({"values": "10, 12,555"}, "values", "en euros et centimes"),
    ({"sale_ends_on": "2027-02-01"}, "sale_ends_on", "La vente doit finir"),
    ({"valid_until": "2027-05-30"}, "valid_until", "au moins jusqu'à la fin de la vente"),
    ({"minimum_value": "50", "maximum_value": "20"}, "maximum_value", "ne peut pas être inférieur au plus petit"),
    ({"minimum_value": "0"}, "minimum_value", "supérieur à 0"),
    ({"bonus_budget": "0"}, "bonus_budget", "Un bonus a besoin d'un budget"),
    ({"bonus_cap": "-1"}, "bonus_cap", "négatif"),
    ({"bonus_percent": "120"}, "bonus_percent", "100"),
    ({"purchase_limit": "5"}, "purchase_limit", "même le plus petit bon (10,00" + NBSP + "€)"),
    ({"departments": "", "commune_list": ""}, "departments", "Indiquez le territoire"),
    ({"departments": "Hautes-Alpes"}, "departments", "n'est pas un code de département"),
    ({"departments": "99"}, "departments", "Aucune commune n'est connue dans le département 99"),
    ({"commune_list": "Atlantis"}, "commune_list", "Aucune commune ne s'appelle «" + NBSP + "Atlantis" + NBSP + "»"),
])
def test_bad_input_gets_a_clear_french_message(gap, overrides, field, message):
    errors = errors_in_french(form_data(**overrides))
    assert field in errors, errors
    assert any(message in error for error in errors[field]), errors[field]


def test_two_communes_of_the_same_name_ask_for_the_insee_code(gap):
    CommuneFactory(insee_code="05999", name="Gap", department_code="05")
    errors = errors_in_french(form_data(commune_list="Gap"))
    assert "05061" in errors["commune_list"][0] and "05999" in errors["commune_list"][0]
    assert ProgrammeForm(form_data(commune_list="05061")).is_valid()


def test_the_budget_cannot_fall_below_the_bonus_already_committed(clock, gap):
    territory = programme(bonus_budget="100")
    paid_voucher(territory, UserFactory(), "50.00")  # 10 € of bonus committed
    territory.refresh_from_db()
    assert territory.bonus_committed == D("10.00")
    data = form_data(bonus_budget="9,99", slug=territory.slug, sale_starts_on="2027-02-27", valid_until="2027-09-05")
    errors = errors_in_french(data, instance=territory)
    assert "10,00" + NBSP + "€" in errors["bonus_budget"][0]
    assert ProgrammeForm(form_data(bonus_budget="10", slug=territory.slug), instance=territory).is_valid()


@pytest.mark.parametrize("url_name, kwargs", [
    ("chamber:programmes", {}), ("chamber:programme-create", {}), ("chamber:voucher-movements", {}),
    ("chamber:programme-edit", {"pk": 1}), ("chamber:programme-shops", {"pk": 1}), ("chamber:programme-report", {"pk": 1}),
    ("chamber:programme-statement", {"pk": 1}), ("chamber:programme-movements", {"pk": 1}),
])
def test_customers_and_artisans_get_a_403_and_visitors_the_login_page(client, clock, url_name, kwargs):
    existing = programme()
    kwargs = {"pk": existing.pk} if kwargs else {}
    url = reverse(url_name, kwargs=kwargs)
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(ShopFactory().owner)
    assert client.get(url).status_code == 403
    assert client.post(reverse("chamber:programme-status", kwargs={"pk": existing.pk}), {"action": "close"}).status_code == 403
    existing.refresh_from_db()
    assert existing.status == ProgrammeStatus.PUBLISHED


def test_an_unknown_programme_is_404_for_the_chamber(chamber_client):
    assert chamber_client.get(reverse("chamber:programme-edit", kwargs={"pk": 999})).status_code == 404


def test_the_chamber_creates_edits_publishes_and_closes_each_time_logged(chamber_client, chamber_user, gap):
    response = chamber_client.post(reverse("chamber:programme-create"), form_data())
    created = Programme.objects.get()
    assert response.status_code == 302 and response.url == reverse("chamber:programme-edit", kwargs={"pk": created.pk})
    page = chamber_client.get(response.url)
    assert page.status_code == 200 and "10,00, 20,00, 50,00" in page.content.decode()

    chamber_client.post(response.url, form_data(slug=created.slug, bonus_percent="25"))
    created.refresh_from_db()
    assert created.bonus_percent == D("25")
    chamber_client.post(reverse("chamber:programme-status", kwargs={"pk": created.pk}), {"action": "publish"})
    created.refresh_from_db()
    assert created.status == ProgrammeStatus.PUBLISHED
    chamber_client.post(reverse("chamber:programme-status", kwargs={"pk": created.pk}), {"action": "close"})
    created.refresh_from_db()
    assert created.status == ProgrammeStatus.CLOSED

    entries = AuditEntry.objects.order_by("created_at", "pk")
    assert [entry.action for entry in entries] == [
        participation.PROGRAMME_CREATED, participation.PROGRAMME_SAVED, participation.PROGRAMME_PUBLISHED, participation.PROGRAMME_CLOSED,
    ]
    assert {entry.actor_id for entry in entries} == {chamber_user.pk}
    assert {entry.target_label for entry in entries} == {"Bons d'achat du Pays gapençais"}
    assert {(entry.target_type, entry.target_id) for entry in entries} == {("programme", str(created.pk))}


def test_an_invalid_post_saves_nothing_and_logs_nothing(chamber_client, gap):
    with translation.override("fr"):
        response = chamber_client.post(reverse("chamber:programme-create"), form_data(sale_ends_on="2027-01-01"))
    assert response.status_code == 400
    assert not Programme.objects.exists() and not AuditEntry.objects.exists()


def test_the_chamber_limits_categories_once_each_and_never_an_excluded_one(chamber_client, gap):
    from oscar.core.loading import get_class, get_model

    from vouchers.models import CategoryLimit

    create_from_breadcrumbs = get_class("catalogue.categories", "create_from_breadcrumbs")
    wine = create_from_breadcrumbs("Boissons > Vins")
    spirits = create_from_breadcrumbs("Boissons > Spiritueux")
    Category = get_model("catalogue", "Category")
    limits = {"limits-TOTAL_FORMS": "2", "limits-0-category": str(wine.pk), "limits-0-max_amount": "20,50"}

    with translation.override("fr"):
        twice = chamber_client.post(reverse("chamber:programme-create"), form_data(**limits, **{
            "limits-1-category": str(wine.pk), "limits-1-max_amount": "5"}))
        excluded = chamber_client.post(reverse("chamber:programme-create"), form_data(
            **limits, excluded_categories=[str(wine.pk)]))
        zero = chamber_client.post(reverse("chamber:programme-create"), form_data(**{
            "limits-TOTAL_FORMS": "1", "limits-0-category": str(spirits.pk), "limits-0-max_amount": "0"}))
    assert twice.status_code == excluded.status_code == zero.status_code == 400
    assert "Cette catégorie est déjà limitée plus haut." in twice.content.decode()
    assert "Cette catégorie est exclue" in excluded.content.decode()
    assert "Entre 0,01" in zero.content.decode()
    assert not Programme.objects.exists()

    created = chamber_client.post(reverse("chamber:programme-create"), form_data(**limits))
    assert created.status_code == 302
    territory = Programme.objects.get()
    assert list(territory.category_limits.values_list("category__name", "max_amount")) == [("Vins", D("20.50"))]
    limit = territory.category_limits.get()
    edit = form_data(slug=territory.slug, **{"limits-TOTAL_FORMS": "2", "limits-INITIAL_FORMS": "1", "limits-0-id": str(limit.pk),
                                             "limits-0-category": str(wine.pk), "limits-0-max_amount": "20,50", "limits-0-DELETE": "on",
                                             "limits-1-category": str(Category.objects.get(name="Boissons").pk), "limits-1-max_amount": "30"})
    assert chamber_client.post(reverse("chamber:programme-edit", kwargs={"pk": territory.pk}), edit).status_code == 302
    assert list(CategoryLimit.objects.values_list("category__name", "max_amount")) == [("Boissons", D("30.00"))]


def test_editing_keeps_the_bonus_committed_by_sales(clock, chamber_client, gap):
    territory = programme(bonus_budget="100")
    paid_voucher(territory, UserFactory(), "50.00")
    stale = chamber_client.get(reverse("chamber:programme-edit", kwargs={"pk": territory.pk}))
    assert stale.status_code == 200
    data = form_data(slug=territory.slug, name="Autre nom", sale_starts_on="2027-02-27", valid_until="2027-09-05")
    assert chamber_client.post(reverse("chamber:programme-edit", kwargs={"pk": territory.pk}), data).status_code == 302
    territory.refresh_from_db()
    assert territory.name == "Autre nom" and territory.bonus_committed == D("10.00")


def test_the_chamber_excludes_with_a_reason_and_includes_again(clock, chamber_client, chamber_user):
    territory = programme()
    bakery = ShopFactory(partner__name="Au Fournil de Gap")
    participating(territory, bakery)
    url = reverse("chamber:programme-shops", kwargs={"pk": territory.pk})
    page = chamber_client.get(url)
    assert page.status_code == 200 and "Au Fournil de Gap" in page.content.decode()

    with translation.override("fr"):
        refused = chamber_client.post(url, {"shop": bakery.pk, "action": "exclude", "reason": "  "})
    assert refused.status_code == 400
    assert "Dites pourquoi" in refused.content.decode()
    assert not Participation.objects.get().excluded_by_chamber

    voucher = paid_voucher(territory, UserFactory())
    assert chamber_client.post(url, {"shop": bakery.pk, "action": "exclude", "reason": "Vend surtout de l'alcool"}).status_code == 302
    entry = Participation.objects.get()
    assert entry.excluded_by_chamber and entry.exclusion_reason == "Vend surtout de l'alcool"
    assert not ledger.accepts(bakery, voucher)
    log = AuditEntry.objects.get()
    assert log.action == participation.SHOP_EXCLUDED and log.target_id == str(bakery.pk) and "alcool" in log.reason
    assert log.actor == chamber_user

    chamber_client.post(url, {"shop": bakery.pk, "action": "include"})
    entry.refresh_from_db()
    assert not entry.excluded_by_chamber and entry.exclusion_reason == ""
    assert ledger.accepts(bakery, voucher)
    assert AuditEntry.objects.filter(action=participation.SHOP_REINCLUDED).count() == 1


def test_a_shop_not_participating_cannot_be_excluded(clock, chamber_client):
    territory = programme()
    other = ShopFactory()
    response = chamber_client.post(reverse("chamber:programme-shops", kwargs={"pk": territory.pk}),
                                   {"shop": other.pk, "action": "exclude", "reason": "Test"})
    assert response.status_code == 404
    assert not Participation.objects.exists() and not AuditEntry.objects.exists()


def test_the_chamber_menu_lists_the_gift_vouchers(chamber_client):
    with translation.override("fr"):
        page = chamber_client.get(reverse("chamber:programmes"))
    assert page.status_code == 200
    assert reverse("chamber:programmes") in page.content.decode()
    links = {link.url: link for link in page.context["chamber_menu"]}
    assert links[reverse("chamber:programmes")].is_current


# --- Expiry ---------------------------------------------------------------------------------------


def test_the_expiry_task_expires_past_vouchers_in_batches_once(time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC), tick=False)
    territory = programme(valid_until=datetime.date(2027, 4, 30))
    buyer = UserFactory()
    vouchers = [paid_voucher(territory, buyer, "20.00") for _ in range(3)]
    bakery = ShopFactory()
    participating(territory, bakery)
    ledger.redeem(vouchers[0], D("5.00"), bakery, key="r1")
    assert expire_vouchers() == 0  # not yet
    time_machine.move_to(datetime.datetime(2027, 4, 30, 22, 30, tzinfo=datetime.UTC), tick=False)  # 1 May, 00:30 in Paris
    assert expire_vouchers(batch_size=2) == 3
    for voucher in vouchers:
        voucher.refresh_from_db()
        assert voucher.status == VoucherStatus.EXPIRED and voucher.balance() == 0
    assert [m.amount for m in Movement.objects.filter(kind=MovementKind.EXPIRY).order_by("voucher_id")] == [D("-19.00"), D("-24.00"), D("-24.00")]
    assert expire_vouchers() == 0
    assert Movement.objects.filter(kind=MovementKind.EXPIRY).count() == 3


def test_the_last_day_of_validity_is_still_valid(time_machine):
    time_machine.move_to(datetime.datetime(2027, 3, 9, 10, 0, tzinfo=datetime.UTC), tick=False)
    territory = programme(valid_until=datetime.date(2027, 4, 30))
    voucher = paid_voucher(territory, UserFactory())
    time_machine.move_to(datetime.datetime(2027, 4, 30, 20, 0, tzinfo=datetime.UTC), tick=False)  # 22:00 in Paris, 30 April
    assert expire_vouchers() == 0
    voucher.refresh_from_db()
    assert voucher.status == VoucherStatus.ACTIVE


# --- Demo -----------------------------------------------------------------------------------------


def test_the_demo_has_the_pays_gapencais_programme_and_two_vouchers_for_the_customer(communes_imported):
    from marketplace.demo.seeding import CONSUMER_EMAIL, seed_demo
    from vouchers.models import Voucher

    seed_demo(4, 1)
    territory = Programme.objects.get(slug="pays-gapencais")
    assert territory.name == "Bons d'achat du Pays gapençais" and territory.status == ProgrammeStatus.PUBLISHED
    assert territory.funder_name == "Communauté d'agglomération Gap-Tallard-Durance"
    assert (territory.bonus_percent, territory.bonus_budget, territory.department_codes) == (D("20"), D("10000.00"), ["05"])
    assert territory.fixed_values == ["10.00", "20.00", "50.00"]
    shops = {entry.shop for entry in Participation.objects.filter(programme=territory).select_related("shop__commune")}
    assert shops and {shop.commune.department_code for shop in shops} == {"05"}
    vouchers = Voucher.objects.filter(programme=territory, buyer__email=CONSUMER_EMAIL).order_by("face_value")
    assert [(v.status, v.face_value, v.bonus, v.balance()) for v in vouchers] == [
        (VoucherStatus.ACTIVE, D("20.00"), D("4.00"), D("24.00")), (VoucherStatus.ACTIVE, D("50.00"), D("10.00"), D("60.00")),
    ]
    assert all(ledger.accepts(shop, vouchers[0]) for shop in shops if shop.is_public)

    seed_demo(4, 1)
    assert Programme.objects.filter(slug="pays-gapencais").count() == 1
    assert Participation.objects.filter(programme=territory).count() == len(shops)
    assert Voucher.objects.filter(programme=territory).count() == 2 and Movement.objects.count() == 4
    territory.refresh_from_db()
    assert territory.bonus_committed == D("14.00")


def test_programme_actions_read_with_their_label_in_the_audit_log():
    for action in ("programme_created", "programme_saved", "programme_published", "programme_closed",
                   "programme_shop_excluded", "programme_shop_included"):
        label = str(dict(AuditEntry.Action.choices)[action])
        assert label and label != action and "bons d'achat" in label
