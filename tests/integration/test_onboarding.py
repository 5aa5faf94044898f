"""From « Ouvrir ma boutique » to a live storefront: sign-up, application, the chamber's decisions."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from marketplace.models import OutgoingEmail
from shops import workflow
from shops.fulfilment import ClickAndCollectOption
from shops.models import OpeningPeriod, Shop, ShopDecision, ShopStatus
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

APPLICATION = {
    "name": "Fournil des Alpes",
    "trade": "boulangerie",
    "tagline": "Pains au levain",
    "legal_name": "Jeanne Martin",
    "legal_form": "micro",
    "siret": "732 829 320 00074",
    "trades_register_number": "732 829 320 RM 05",
    "vat_regime": "franchise",
    "vat_number": "",
    "email": "jeanne@fournil.fr",
    "phone": "04 92 51 00 00",
    "website": "",
    "address_line": "3 rue du Four",
    "postcode": "05000",
    "commune_name": "gap",
}


@pytest.fixture
def gap():
    return CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", population=41000)


@pytest.fixture
def chamber_user():
    user = UserFactory(username="chambre@example.fr", is_staff=False)
    user.groups.add(chamber_group())
    return user


def sign_up(client, email="jeanne@example.fr"):
    return client.post(
        "/ouvrir-ma-boutique/",
        {"first_name": "Jeanne", "last_name": "Martin", "email": email, "password1": "Levain-2026-Gap", "password2": "Levain-2026-Gap"},
    )


def test_a_newcomer_applies_the_chamber_approves_and_the_shop_goes_live(client, gap, chamber_user, django_capture_on_commit_callbacks):
    assert client.get("/ouvrir-ma-boutique/").status_code == 200
    response = sign_up(client)
    assert response.status_code == 302 and response.url == "/ouvrir-ma-boutique/demande/"
    artisan = get_user_model().objects.get(email="jeanne@example.fr")

    response = client.post("/ouvrir-ma-boutique/demande/", {**APPLICATION, "save": "1"})
    assert response.status_code == 302
    shop = Shop.objects.get()
    assert (shop.status, shop.name, shop.commune, shop.siret) == (ShopStatus.DRAFT, "Fournil des Alpes", gap, "73282932000074")
    assert shop.partner.users.get() == artisan
    assert not artisan.has_perm("partner.dashboard_access")  # /espace-artisan/, never Oscar's dashboard
    assert client.get(f"/shops/{shop.slug}/").status_code == 200  # the artisan previews
    assert client.get("/espace-artisan/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ouvrir-ma-boutique/demande/", {**APPLICATION, "submit": "1"})
    assert response.status_code == 302 and response.url == "/espace-artisan/"
    shop.refresh_from_db()
    assert shop.status == ShopStatus.SUBMITTED and shop.submitted_at
    assert sorted(message.to[0] for message in mail.outbox) == ["chambre@example.fr", "jeanne@example.fr"]
    # Once sent, the application cannot be edited behind the chamber's back.
    assert client.get("/ouvrir-ma-boutique/demande/").url == "/espace-artisan/"

    client.logout()
    assert client.get(f"/shops/{shop.slug}/").status_code == 404
    client.force_login(chamber_user)
    assert shop.name in client.get("/chambre/candidatures/").content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED and shop.approved_at
    assert [message.to for message in mail.outbox] == [["jeanne@example.fr"]]
    assert f"/shops/{shop.slug}/" in mail.outbox[0].body

    # Approved, but not public until it can sell: hours, a way to collect, payment (on site), a product.
    client.logout()
    assert client.get(f"/shops/{shop.slug}/").status_code == 404
    OpeningPeriod.objects.create(shop=shop, weekday=2, opens_at=datetime.time(7), closes_at=datetime.time(13))
    ClickAndCollectOption.objects.create(shop=shop, is_active=True)
    Shop.objects.filter(pk=shop.pk).update(accepts_payment_on_site=True)
    ProductFactory(shop=shop)
    storefront = client.get(f"/shops/{shop.slug}/")
    assert storefront.status_code == 200
    assert "Aperçu" not in storefront.content.decode()
    assert [d.to_status for d in ShopDecision.objects.order_by("pk")] == [ShopStatus.SUBMITTED, ShopStatus.APPROVED]


def test_sending_an_incomplete_application_keeps_it_as_a_draft(client, gap):
    sign_up(client)
    incomplete = {**APPLICATION, "siret": "", "trades_register_number": "", "submit": "1"}
    response = client.post("/ouvrir-ma-boutique/demande/", incomplete, follow=True)
    shop = Shop.objects.get()
    assert shop.status == ShopStatus.DRAFT
    page = response.content.decode()
    assert "SIRET" in page and ShopDecision.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"siret": "73282932000075"}, "siret", "SIRET"),
        ({"postcode": "99999"}, "postcode", "99999"),
        ({"postcode": "5000"}, "postcode", "05000"),
        ({"commune_name": "Marseille"}, "commune_name", "Gap"),
        ({"vat_regime": "registered", "vat_number": ""}, "vat_number", "TVA"),
        ({"vat_regime": "registered", "vat_number": "FR41732829320"}, "vat_number", "SIREN"),
        ({"name": ""}, "name", ""),
        ({"trade": "astrologue"}, "trade", "astrologue"),
    ],
)
def test_application_errors_are_explained_in_french(client, gap, changes, field, fragment):
    sign_up(client)
    response = client.post("/ouvrir-ma-boutique/demande/", {**APPLICATION, **changes, "save": "1"})
    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors and fragment in " ".join(errors)
    assert not Shop.objects.exists()


def test_sign_up_refuses_weak_passwords_and_never_says_an_e_mail_is_in_use(client):
    UserFactory(username="pris@example.fr", email="pris@example.fr")
    response = sign_up(client, email="PRIS@example.fr")
    # Answered like a new address, nobody signed in (see test_accounts_security.py for the e-mails).
    assert response.status_code == 302 and response.url == "/ouvrir-ma-boutique/demande/"
    assert "_auth_user_id" not in client.session
    assert get_user_model().objects.filter(email__iexact="pris@example.fr").count() == 1
    response = client.post("/ouvrir-ma-boutique/", {"first_name": "A", "last_name": "B", "email": "new@example.fr", "password1": "123", "password2": "123"})
    assert "password1" in response.context["form"].errors
    assert not get_user_model().objects.filter(email="new@example.fr").exists()


def test_the_chamber_asks_for_changes_and_the_artisan_sends_again(client, gap, chamber_user, django_capture_on_commit_callbacks):
    sign_up(client)
    client.post("/ouvrir-ma-boutique/demande/", {**APPLICATION, "submit": "1"})
    shop = Shop.objects.get()
    artisan = shop.partner.users.get()

    client.force_login(chamber_user)
    response = client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "request_changes", "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["decision_form"].errors
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "request_changes", "reason": "Le numéro RM est illisible."})
    shop.refresh_from_db()
    assert shop.status == ShopStatus.CHANGES_REQUESTED
    assert "Le numéro RM est illisible." in mail.outbox[0].body

    client.force_login(artisan)
    page = client.get("/ouvrir-ma-boutique/demande/").content.decode()
    assert "Le numéro RM est illisible." in page
    client.post("/ouvrir-ma-boutique/demande/", {**APPLICATION, "trades_register_number": "732 829 320 RM 05 (Gap)", "submit": "1"})
    shop.refresh_from_db()
    assert shop.status == ShopStatus.SUBMITTED and shop.trades_register_number.endswith("(Gap)")


def test_a_rejection_needs_a_reason_and_ends_the_application(gap, chamber_user, django_capture_on_commit_callbacks):
    shop = ShopFactory(status=ShopStatus.SUBMITTED, commune=gap)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.reject(shop, chamber_user, "  ")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.reject(shop, chamber_user, "Activité hors du champ de l'artisanat.")
    assert shop.status == ShopStatus.REJECTED
    assert "Activité hors du champ de l'artisanat." in mail.outbox[-1].body
    for step in ("approve", "request_changes", "submit", "reinstate"):
        with pytest.raises(workflow.TransitionNotAllowed):
            workflow.apply_step(shop, step, chamber_user, "raison")
    assert OutgoingEmail.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (ShopStatus.DRAFT, {"submit"}),
        (ShopStatus.SUBMITTED, {"approve", "reject", "request_changes"}),
        (ShopStatus.CHANGES_REQUESTED, {"submit"}),
        (ShopStatus.APPROVED, {"suspend"}),
        (ShopStatus.REJECTED, set()),
        (ShopStatus.SUSPENDED, {"reinstate"}),
    ],
)
def test_which_steps_each_status_allows(status, allowed):
    shop = ShopFactory(status=status, legal_name="X", legal_form="micro", siret="73282932000074", trades_register_number="RM",
                       email="x@example.fr", address_line="1 rue", postcode="00001")
    for step in workflow.STEPS:
        shop.status = status
        Shop.objects.filter(pk=shop.pk).update(status=status)
        if step in allowed:
            workflow.apply_step(shop, step, None, "raison")
        else:
            with pytest.raises(workflow.TransitionNotAllowed):
                workflow.apply_step(shop, step, None, "raison")


CHAMBER_URLS = ["/chambre/candidatures/", "/chambre/candidatures/{pk}/"]


@pytest.mark.parametrize("url", CHAMBER_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["anonymous", "consumer", "artisan", "staff_without_role"])
def test_chamber_pages_refuse_everyone_else(client, url, method, who):
    shop = ShopFactory(status=ShopStatus.SUBMITTED)
    if who == "consumer":
        client.force_login(UserFactory())
    elif who == "artisan":
        client.force_login(shop.owner)
    elif who == "staff_without_role":
        client.force_login(UserFactory(is_staff=True))
    response = getattr(client, method)(url.format(pk=shop.pk), {"decision": "approve"})
    if who == "anonymous":
        assert response.status_code == 302 and "/login/" in response.url
    else:
        assert response.status_code == 403
    shop.refresh_from_db()
    assert shop.status == ShopStatus.SUBMITTED


def test_chamber_queue_filters(client, chamber_user):
    gap = CommuneFactory(department_code="05")
    nice = CommuneFactory(department_code="06")
    ShopFactory(status=ShopStatus.SUBMITTED, commune=gap, trade="fromagerie", partner__name="Fromagerie A")
    ShopFactory(status=ShopStatus.SUBMITTED, commune=nice, trade="boulangerie", partner__name="Boulangerie B")
    ShopFactory(status=ShopStatus.APPROVED, commune=nice, partner__name="Déjà validée")
    client.force_login(chamber_user)

    def names(params):
        return [shop.name for shop in client.get("/chambre/candidatures/", params).context["shops"]]

    assert sorted(names({})) == ["Boulangerie B", "Fromagerie A"]
    assert names({"department": "06", "status": "submitted"}) == ["Boulangerie B"]
    assert names({"trade": "fromagerie", "status": "submitted"}) == ["Fromagerie A"]
    assert names({"status": "approved"}) == ["Déjà validée"]
    assert names({"status": "submitted", "age": "7"}) == []
    assert client.get("/chambre/candidatures/", {"status": "n'importe quoi", "age": "x"}).status_code == 200
