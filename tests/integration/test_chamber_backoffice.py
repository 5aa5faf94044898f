"""The chamber's back-office: who may use it, featured producers, labels, moderation, audit log."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from marketplace import curation
from chamber.models import ApplicationNote, AuditEntry, Campaign, Feature
from chamber.tasks import refresh_shops_with_expired_labels
from marketplace.models import Label, LabelGrant
from search.models import SearchEntry
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 21)


@pytest.fixture
def chamber_user():
    user = UserFactory(username="agent@cma.example.fr", first_name="Agnès", last_name="Chambre", is_staff=False)
    user.groups.add(chamber_group())
    return user


@pytest.fixture
def shop():
    return ShopFactory(partner__name="Fournil des Écrins")


def actions():
    return list(AuditEntry.objects.order_by("pk").values_list("action", "actor_name", "target_label"))


# -- who may use it ------------------------------------------------------------------------------


@pytest.fixture
def chamber_urls(shop):
    label = Label.objects.create(name="Fait maison", slug="fait-maison")
    feature = Feature.objects.create(shop=shop, portrait="Pain au levain.", starts_on=TODAY)
    campaign = Campaign.objects.create(title="Noël", slug="noel", starts_on=TODAY)
    named = [
        ("chamber:applications", {}), ("chamber:application", {"pk": shop.pk}),
        ("chamber:labels", {}), ("chamber:label-create", {}), ("chamber:label-edit", {"pk": label.pk}),
        ("chamber:features", {}), ("chamber:feature-create", {}), ("chamber:feature-edit", {"pk": feature.pk}),
        ("chamber:feature-delete", {"pk": feature.pk}), ("chamber:audit-log", {}),
        ("chamber:campaigns", {}), ("chamber:campaign-create", {}), ("chamber:campaign-edit", {"pk": campaign.pk}),
        ("chamber:campaign-delete", {"pk": campaign.pk}), ("chamber:statistics", {}), ("chamber:statistics-csv", {}),
    ]
    return [reverse(name, kwargs=kwargs) for name, kwargs in named]


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["anonymous", "consumer", "artisan"])
def test_only_the_chamber_staff_reach_the_chamber_pages(client, chamber_urls, shop, who, method):
    if who == "consumer":
        client.force_login(UserFactory())
    elif who == "artisan":
        client.force_login(shop.owner)
    for url in chamber_urls:
        response = getattr(client, method)(url, {"decision": "suspend", "reason": "x", "hide_product": "1"})
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response.url, url
        else:
            assert response.status_code == 403, url
    # Nothing was changed by the refused POSTs.
    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED and AuditEntry.objects.count() == 0 and Feature.objects.count() == 1


def test_the_chamber_staff_reach_every_page(client, chamber_user, chamber_urls):
    client.force_login(chamber_user)
    for url in chamber_urls:
        if "retirer" in url or "supprimer" in url or "delete" in url:
            continue
        assert client.get(url).status_code == 200, url


# -- featured producers --------------------------------------------------------------------------


def test_a_feature_shows_only_inside_its_dates(shop):
    Feature.objects.create(shop=shop, portrait="Le meilleur pain au levain de Gap.", starts_on=TODAY + datetime.timedelta(days=1),
                           ends_on=TODAY + datetime.timedelta(days=7))
    assert curation.current_features(TODAY) == []
    assert [feature.shop for feature in curation.current_features(TODAY + datetime.timedelta(days=1))] == [shop]
    assert [feature.shop for feature in curation.current_features(TODAY + datetime.timedelta(days=7))] == [shop]
    assert curation.current_features(TODAY + datetime.timedelta(days=8)) == []  # gone by itself


def test_features_in_order_per_department_and_never_for_a_suspended_shop(shop):
    second = ShopFactory(partner__name="Poterie du Queyras")
    suspended = ShopFactory(partner__name="Suspendue", status=ShopStatus.SUSPENDED)
    Feature.objects.create(shop=second, portrait="…", starts_on=TODAY, position=1)
    Feature.objects.create(shop=shop, portrait="…", starts_on=TODAY, position=2)
    Feature.objects.create(shop=suspended, portrait="…", starts_on=TODAY, position=0)
    Feature.objects.create(shop=shop, portrait="Sur la page des Hautes-Alpes", starts_on=TODAY, department_code="05")
    assert [feature.shop.name for feature in curation.current_features(TODAY)] == ["Poterie du Queyras", "Fournil des Écrins"]
    assert [feature.portrait for feature in curation.current_features(TODAY, "05")] == ["Sur la page des Hautes-Alpes"]


def test_featuring_from_tomorrow_through_the_back_office(client, chamber_user, shop):
    client.force_login(chamber_user)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("chamber:feature-create"), {
        "shop": shop.pk, "portrait": "Un fournil au feu de bois.", "starts_on": tomorrow.isoformat(),
        "ends_on": (tomorrow + datetime.timedelta(days=6)).isoformat(), "position": 0, "department_code": "",
    })
    assert response.status_code == 302
    assert client.get("/").context["features"] == []  # not yet
    assert [feature.shop for feature in curation.current_features(tomorrow)] == [shop]
    assert actions() == [("feature_saved", "Agnès Chambre", "Fournil des Écrins")]
    refused = client.post(reverse("chamber:feature-create"), {
        "shop": shop.pk, "portrait": "x", "starts_on": tomorrow.isoformat(), "ends_on": TODAY.isoformat(), "position": 0,
    })
    assert refused.status_code == 200 and "La fin précède le début." in refused.content.decode()


def test_the_home_page_shows_the_current_selection(client, shop):
    Feature.objects.create(shop=shop, portrait="Un fournil au feu de bois.", starts_on=timezone.localdate())
    html = client.get("/").content.decode()
    assert "La sélection de la chambre" in html and "Un fournil au feu de bois." in html
    assert "jamais payé" in html


# -- labels --------------------------------------------------------------------------------------


def test_a_granted_label_shows_on_the_storefront_and_filters_search(client, chamber_user, shop, django_capture_on_commit_callbacks):
    label = Label.objects.create(name="Maître artisan", slug="maitre-artisan")
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(shop=shop, title="Pain de seigle")
    client.force_login(chamber_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("chamber:application", kwargs={"pk": shop.pk}), {
            "grant_label": "1", "label": label.pk, "evidence": "Brevet de maîtrise n° 1234 vérifié",
            "expires_on": (timezone.localdate() + datetime.timedelta(days=365)).isoformat(),
        })
    assert response.status_code == 302
    assert "Maître artisan" in client.get(shop.get_absolute_url()).content.decode()
    found = client.get("/api/search/", {"label": "maitre-artisan"}).json()
    assert [item["title"] for item in found["results"]] == ["Pain de seigle"]
    assert actions()[-1][0] == "label_granted" and "Brevet de maîtrise" in AuditEntry.objects.last().reason


def test_an_expired_label_no_longer_shows_nor_filters(shop, django_capture_on_commit_callbacks):
    label = Label.objects.create(name="Répar'acteur", slug="reparacteur")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(shop=shop)
        LabelGrant.objects.create(label=label, shop=shop, evidence="Charte signée", expires_on=yesterday)
    curation.attach_labels([shop])
    assert shop.valid_labels == []
    assert SearchEntry.objects.get(kind="shop", object_id=shop.pk).labels == ""
    # Granted while valid, then the night it expired: the nightly task refreshes the documents.
    LabelGrant.objects.filter(shop=shop).update(expires_on=timezone.localdate())
    from search import indexing

    indexing.refresh_shops([shop.pk])
    assert SearchEntry.objects.get(kind="shop", object_id=shop.pk).labels == "|reparacteur|"
    LabelGrant.objects.filter(shop=shop).update(expires_on=yesterday)
    with django_capture_on_commit_callbacks(execute=True):
        assert refresh_shops_with_expired_labels() == 1
    assert SearchEntry.objects.get(kind="shop", object_id=shop.pk).labels == ""


def test_withdrawing_a_label_is_audited(client, chamber_user, shop):
    grant = LabelGrant.objects.create(label=Label.objects.create(name="Fait maison", slug="fait-maison"), shop=shop, evidence="Visite")
    client.force_login(chamber_user)
    client.post(reverse("chamber:application", kwargs={"pk": shop.pk}), {"withdraw_label": grant.pk, "reason": "Recettes industrielles"})
    assert not LabelGrant.objects.exists()
    assert actions() == [("label_withdrawn", "Agnès Chambre", "Fournil des Écrins — Fait maison")]


# -- moderation ----------------------------------------------------------------------------------


def test_suspending_a_shop_hides_its_storefront_and_its_products(client, chamber_user, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ProductFactory(shop=shop, title="Fougasse")
    assert client.get("/api/search/", {"q": "fougasse"}).json()["count"] == 1
    client.force_login(chamber_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("chamber:application", kwargs={"pk": shop.pk}), {"decision": "suspend", "reason": "Hygiène à revoir"})
    client.logout()
    assert client.get(shop.get_absolute_url()).status_code == 404
    assert client.get("/api/search/", {"q": "fougasse"}).json()["count"] == 0
    assert actions() == [("shop_suspended", "Agnès Chambre", "Fournil des Écrins")]
    assert "Hygiène à revoir" in AuditEntry.objects.get().reason


def test_hiding_a_product_needs_a_reason_tells_the_artisan_and_can_be_undone(client, chamber_user, shop, django_capture_on_commit_callbacks):
    shop.email = "fournil@example.fr"
    shop.save()
    with django_capture_on_commit_callbacks(execute=True):
        product = ProductFactory(shop=shop, title="Pain au chocolat")
    client.force_login(chamber_user)
    url = reverse("chamber:application", kwargs={"pk": shop.pk})
    client.post(url, {"hide_product": product.pk, "reason": ""})
    product.refresh_from_db()
    assert not product.hidden_by_chamber  # no reason, nothing done
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"hide_product": product.pk, "reason": "Allégation « bio » sans certificat"})
    product.refresh_from_db()
    assert product.hidden_by_chamber and product.moderation_reason == "Allégation « bio » sans certificat"
    assert client.get(product.get_absolute_url()).status_code == 200  # the chamber still sees it
    client.logout()
    assert client.get(product.get_absolute_url()).status_code == 404
    storefront = client.get(shop.get_absolute_url())
    assert "Pain au chocolat" not in storefront.content.decode() and not storefront.context["products"]
    client.force_login(chamber_user)
    assert not SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()
    assert any("Allégation « bio » sans certificat" in message.body for message in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"restore_product": product.pk, "reason": ""})
    product.refresh_from_db()
    assert not product.hidden_by_chamber and SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()
    assert "Pain au chocolat" in client.get(shop.get_absolute_url()).content.decode()
    assert [action for action, _who, _what in actions()] == ["product_hidden", "product_restored"]


def test_a_product_of_another_shop_cannot_be_moderated_through_this_shop(client, chamber_user, shop):
    other = ProductFactory()
    client.force_login(chamber_user)
    response = client.post(reverse("chamber:application", kwargs={"pk": shop.pk}), {"hide_product": other.pk, "reason": "x"}, follow=True)
    # Refused as a choice the form does not offer, said on the shop's page.
    assert "pas vendu par cette boutique" in response.content.decode()
    other.refresh_from_db()
    assert not other.hidden_by_chamber and AuditEntry.objects.count() == 0


def test_notes_and_the_audit_log_with_filters(client, chamber_user, shop):
    client.force_login(chamber_user)
    client.post(reverse("chamber:application", kwargs={"pk": shop.pk}), {"add_note": "1", "text": "Appelé le 21/11 : SIRET à corriger."})
    assert ApplicationNote.objects.get().text.startswith("Appelé")
    client.post(reverse("chamber:label-create"), {"name": "Artisan d'art", "slug": "artisan-d-art", "description": ""})
    log = client.get(reverse("chamber:audit-log"), {"action": "note_added"})
    assert log.status_code == 200 and [entry.action for entry in log.context["entries"]] == ["note_added"]
    assert "Fournil des Écrins" in log.content.decode()
    assert [entry.action for entry in client.get(reverse("chamber:audit-log"), {"target": "artisan d"}).context["entries"]] == ["label_changed"]
    assert client.get(reverse("chamber:audit-log"), {"since": "pas une date"}).status_code == 200


def test_a_hidden_product_cannot_be_bought(shop):
    from shops.partner.strategy import MarketplaceStrategy

    product = ProductFactory(shop=shop)
    product.hidden_by_chamber = True
    product.save()
    info = MarketplaceStrategy().fetch_for_product(product)
    assert not info.availability.is_available_to_buy


def test_home_product_cards_carry_their_shops_labels_and_never_a_hidden_product(client, shop):
    LabelGrant.objects.create(label=Label.objects.create(name="Fait maison", slug="fait-maison"), shop=shop, evidence="Visite")
    ProductFactory(shop=shop, title="Pain de seigle")
    hidden = ProductFactory(shop=ShopFactory(partner__name="Autre"), title="Produit masqué")
    hidden.hidden_by_chamber = True
    hidden.save()
    response = client.get("/")
    assert [product.title for product in response.context["newest_products"]] == ["Pain de seigle"]
    assert '<span class="badge badge-info" title="">Fait maison</span>' in response.content.decode()


def test_removing_a_feature_and_approving_an_application_are_audited(client, chamber_user, shop):
    feature = Feature.objects.create(shop=shop, portrait="…", starts_on=TODAY)
    applicant = ShopFactory(partner__name="Savonnerie du Buëch", status=ShopStatus.SUBMITTED)
    client.force_login(chamber_user)
    client.post(reverse("chamber:feature-delete", kwargs={"pk": feature.pk}))
    client.post(reverse("chamber:application", kwargs={"pk": applicant.pk}), {"decision": "approve", "reason": ""})
    applicant.refresh_from_db()
    assert applicant.status == ShopStatus.APPROVED and not Feature.objects.exists()
    assert [(action, what) for action, _who, what in actions()] == [("feature_deleted", "Fournil des Écrins"), ("application_decided", "Savonnerie du Buëch")]
