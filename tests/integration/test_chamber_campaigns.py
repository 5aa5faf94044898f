"""The chamber's campaigns (back-office and public page) and the ranking-transparency page."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image

from catalogue.models import ImageRendition
from chamber.campaigns import active_campaigns
from chamber.models import AuditEntry, Campaign
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import PartnerFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def campaign(title="Noël chez nos artisans", slug=None, starts_on=None, ends_on=None, shops=(), products=(), **kwargs):
    made = Campaign.objects.create(
        title=title,
        slug=slug or title.lower().replace(" ", "-").replace("ë", "e"),
        starts_on=starts_on or TODAY - DAY,
        ends_on=ends_on,
        **kwargs,
    )
    made.shops.set(shops)
    made.products.set(products)
    return made


@pytest.fixture
def chamber_user():
    user = UserFactory(first_name="Inès", last_name="Arnaud")
    user.groups.add(chamber_group())
    return user


@pytest.fixture
def chamber_client(client, chamber_user):
    client.force_login(chamber_user)
    return client


def picture_upload(name="noel.jpg", size=(1800, 900)) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, "#aa3311").save(output, format="JPEG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def form_data(**overrides) -> dict:
    data = {
        "title": "Route des arts et gourmandises",
        "slug": "",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + 30 * DAY).isoformat(),
        "text": "Des ateliers à visiter.\n\nDes saveurs à goûter.",
        "shops": [],
        "products": [],
    }
    data.update(overrides)
    return data


# --- Periods -------------------------------------------------------------------------------------


def test_a_campaign_is_on_from_its_first_day_to_its_last_day_included():
    campaign(slug="ongoing", starts_on=TODAY - 3 * DAY, ends_on=TODAY + 3 * DAY)
    campaign(slug="starts-today", starts_on=TODAY, ends_on=TODAY + DAY)
    campaign(slug="ends-today", starts_on=TODAY - DAY, ends_on=TODAY)
    campaign(slug="open-ended", starts_on=TODAY - 100 * DAY, ends_on=None)
    campaign(slug="not-yet", starts_on=TODAY + DAY, ends_on=TODAY + 9 * DAY)
    campaign(slug="over", starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY)
    campaign(slug="open-ended-later", starts_on=TODAY + DAY, ends_on=None)

    assert {c.slug for c in active_campaigns()} == {"ongoing", "starts-today", "ends-today", "open-ended"}
    assert {c.slug for c in active_campaigns(TODAY + 2 * DAY)} == {"ongoing", "open-ended", "not-yet", "open-ended-later"}
    assert len(active_campaigns(limit=2)) == 2


def test_the_home_partial_lists_the_campaigns_on_and_nothing_without_one():
    assert render_to_string("chamber/partials/campaigns_home.html", {"campaigns": []}).strip() == ""
    campaign(title="Noël chez nos artisans", slug="noel")
    html = render_to_string("chamber/partials/campaigns_home.html", {"campaigns": active_campaigns()})
    assert "Noël chez nos artisans" in html and 'href="/campagnes/noel/"' in html
    assert 'href="/comment-nous-classons/"' in html


# --- The public page -----------------------------------------------------------------------------


def test_the_public_page_shows_a_campaign_that_is_on(client):
    campaign(title="Noël chez nos artisans", slug="noel", text="<p>Des <strong>cadeaux</strong> faits main.</p><script>alert(1)</script>")
    response = client.get("/campagnes/noel/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Noël chez nos artisans" in html and "<strong>cadeaux</strong>" in html
    assert "<script>alert(1)" not in html
    assert response.context["is_preview"] is False


@pytest.mark.parametrize("starts_on, ends_on", [(TODAY + DAY, None), (TODAY + DAY, TODAY + 5 * DAY), (TODAY - 5 * DAY, TODAY - DAY)])
def test_the_public_page_is_404_outside_the_period_for_the_public(client, starts_on, ends_on):
    campaign(slug="hors-periode", starts_on=starts_on, ends_on=ends_on)
    assert client.get("/campagnes/hors-periode/").status_code == 404
    client.force_login(UserFactory())
    assert client.get("/campagnes/hors-periode/").status_code == 404
    client.force_login(ShopFactory().owner)
    assert client.get("/campagnes/hors-periode/").status_code == 404


def test_an_unknown_campaign_is_404(client):
    assert client.get("/campagnes/inconnue/").status_code == 404


def test_the_chamber_previews_a_campaign_outside_its_period(chamber_client):
    campaign(slug="bientot", starts_on=TODAY + 10 * DAY, ends_on=TODAY + 20 * DAY)
    response = chamber_client.get("/campagnes/bientot/")
    assert response.status_code == 200
    assert response.context["is_preview"] is True
    assert "echoppe-preview-banner" in response.content.decode()


def test_only_approved_shops_and_visible_products_are_shown(client):
    approved = ShopFactory(partner__name="Fromagerie du Champsaur")
    suspended = ShopFactory(partner__name="Boulangerie suspendue", status=ShopStatus.SUSPENDED)
    submitted = ShopFactory(partner__name="Atelier en attente", status=ShopStatus.SUBMITTED)
    shown = ProductFactory(title="Tomme de montagne", shop=approved)
    private = ProductFactory(title="Tomme pas encore en vente", shop=approved, is_public=False)
    hidden = ProductFactory(title="Tomme retirée par la chambre", shop=approved, hidden_by_chamber=True)
    of_suspended = ProductFactory(title="Pain d'une boutique suspendue", shop=suspended)
    campaign(slug="fromages", shops=[approved, suspended, submitted], products=[shown, private, hidden, of_suspended])

    response = client.get("/campagnes/fromages/")
    html = response.content.decode()
    assert [shop.name for shop in response.context["shops"]] == ["Fromagerie du Champsaur"]
    assert [product.title for product in response.context["products"]] == ["Tomme de montagne"]
    for absent in ("Boulangerie suspendue", "Atelier en attente", "pas encore en vente", "retirée par la chambre", "boutique suspendue"):
        assert absent not in html


def test_the_public_page_costs_the_same_queries_for_2_or_8_shops_and_products(client):
    def page_queries(slug, count):
        shops = [ShopFactory() for _ in range(count)]
        products = [ProductFactory(shop=shop) for shop in shops]
        campaign(slug=slug, shops=shops, products=products)
        client.get(f"/campagnes/{slug}/")  # warm caches (content types, site)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/campagnes/{slug}/")
        assert len(response.context["shops"]) == len(response.context["products"]) == count
        return len(queries)

    assert page_queries("deux", 2) == page_queries("huit", 8)


# --- The transparency page -----------------------------------------------------------------------


def test_the_ranking_transparency_page_answers_in_french_and_cites_the_law(client):
    response = client.get("/comment-nous-classons/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr"' in html
    assert "L111-7" in html


# --- The back-office -----------------------------------------------------------------------------


def test_the_list_sorts_campaigns_into_on_now_coming_and_over(chamber_client):
    campaign(title="En cours", slug="en-cours", starts_on=TODAY - DAY, ends_on=TODAY + DAY)
    campaign(title="À venir", slug="a-venir", starts_on=TODAY + DAY)
    campaign(title="Terminée", slug="terminee", starts_on=TODAY - 9 * DAY, ends_on=TODAY - DAY)

    def titles(period):
        response = chamber_client.get("/chambre/campagnes/", {"periode": period} if period else {})
        assert response.status_code == 200
        return [c.title for c in response.context["campaigns"]]

    assert titles(None) == titles("active") == ["En cours"]
    assert titles("upcoming") == ["À venir"]
    assert titles("past") == ["Terminée"]


def test_the_list_is_paginated(chamber_client):
    for number in range(27):
        campaign(title=f"Campagne {number}", slug=f"campagne-{number}")
    first = chamber_client.get("/chambre/campagnes/")
    second = chamber_client.get("/chambre/campagnes/", {"periode": "active", "page": 2})
    assert len(first.context["campaigns"]) == 25 and len(second.context["campaigns"]) == 2


def test_the_chamber_creates_edits_and_deletes_a_campaign_each_time_logged(chamber_client, chamber_user, django_capture_on_commit_callbacks):
    shop = ShopFactory(partner__name="Poterie du Faron")
    pot = ProductFactory(title="Bol en grès", shop=shop)

    # Picking the shops first shows their products, without saving anything.
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(shops=[shop.pk], show_products="1"))
    assert response.status_code == 200 and not Campaign.objects.exists()
    assert "Bol en grès" in response.content.decode()
    assert not response.context["form"].errors

    with django_capture_on_commit_callbacks(execute=True):
        response = chamber_client.post(
            "/chambre/campagnes/nouvelle/", form_data(shops=[shop.pk], products=[pot.pk], image=picture_upload())
        )
    created = Campaign.objects.get()
    assert response.status_code == 302 and response.url == f"/chambre/campagnes/{created.pk}/"
    assert created.slug == "route-des-arts-et-gourmandises"  # suggested from the title
    assert list(created.shops.all()) == [shop] and list(created.products.all()) == [pot]
    assert created.text.startswith("<p>Des ateliers")
    assert created.image.name.startswith("campaigns/")
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.actor_name, entry.action) == (chamber_user, "Inès Arnaud", AuditEntry.Action.CAMPAIGN_SAVED)
    assert (entry.target_type, entry.target_id, entry.target_label) == ("campaign", str(created.pk), "Route des arts et gourmandises")
    assert entry.reason

    response = chamber_client.get(f"/chambre/campagnes/{created.pk}/")
    assert response.status_code == 200 and "Bol en grès" in response.content.decode()
    response = chamber_client.post(
        f"/chambre/campagnes/{created.pk}/",
        form_data(title="Route des arts", slug=created.slug, shops=[shop.pk], products=[pot.pk]),
    )
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.title == "Route des arts" and created.image  # the picture is kept
    edit = AuditEntry.objects.order_by("-pk").first()
    assert edit.action == AuditEntry.Action.CAMPAIGN_SAVED and edit.target_label == "Route des arts"
    assert str(Campaign._meta.get_field("title").verbose_name) in edit.reason.lower()

    response = chamber_client.get(f"/chambre/campagnes/{created.pk}/supprimer/")
    assert response.status_code == 200 and Campaign.objects.filter(pk=created.pk).exists()
    response = chamber_client.post(f"/chambre/campagnes/{created.pk}/supprimer/", {"reason": "Doublon de la campagne d'été"})
    assert response.status_code == 302 and response.url == "/chambre/campagnes/"
    assert not Campaign.objects.exists()
    deletion = AuditEntry.objects.order_by("-pk").first()
    assert (deletion.actor, deletion.action, deletion.reason) == (chamber_user, AuditEntry.Action.CAMPAIGN_DELETED, "Doublon de la campagne d'été")
    assert (deletion.target_id, deletion.target_label) == (str(created.pk), "Route des arts")
    assert AuditEntry.objects.count() == 3


def test_the_picture_gets_web_sizes_and_a_replaced_one_is_deleted(chamber_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        chamber_client.post("/chambre/campagnes/nouvelle/", form_data(image=picture_upload("premiere.jpg")))
    created = Campaign.objects.get()
    first = created.image.name
    assert set(ImageRendition.objects.filter(source=first).values_list("width", "format")) == {
        (width, extension) for width in (1600, 800, 400) for extension in ("webp", "jpg")
    }
    html = chamber_client.get(f"/campagnes/{created.slug}/").content.decode()
    assert 'type="image/webp"' in html and "-1600.webp 1600w" in html

    with django_capture_on_commit_callbacks(execute=True):
        chamber_client.post(
            f"/chambre/campagnes/{created.pk}/", form_data(slug=created.slug, image=picture_upload("seconde.jpg"))
        )
    created.refresh_from_db()
    assert created.image.name != first and "seconde" in created.image.name
    assert not default_storage.exists(first) and not ImageRendition.objects.filter(source=first).exists()
    assert ImageRendition.objects.filter(source=created.image.name).count() == 6


def test_an_end_before_the_start_is_refused(chamber_client):
    response = chamber_client.post(
        "/chambre/campagnes/nouvelle/", form_data(starts_on=TODAY.isoformat(), ends_on=(TODAY - DAY).isoformat())
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ends_on"]
    assert not Campaign.objects.exists() and not AuditEntry.objects.exists()


def test_an_open_ended_campaign_is_accepted(chamber_client):
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(ends_on=""))
    assert response.status_code == 302
    assert Campaign.objects.get().ends_on is None


def test_an_address_already_used_is_refused_with_a_suggestion(chamber_client):
    campaign(title="Noël", slug="noel")
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(title="Noël 2", slug="noel"))
    errors = response.context["form"].errors["slug"]
    assert response.status_code == 200 and "noel-2" in errors[0]
    assert Campaign.objects.count() == 1 and not AuditEntry.objects.exists()


def test_an_address_that_is_not_url_safe_is_refused_with_a_suggestion(chamber_client):
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(slug="Noël chez nous"))
    assert "noel-chez-nous" in response.context["form"].errors["slug"][0]
    assert not Campaign.objects.exists()


def test_a_blank_address_is_made_from_the_title_and_kept_free(chamber_client):
    campaign(title="Noël chez nos artisans", slug="noel-chez-nos-artisans")
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(title="Noël chez nos artisans", slug=""))
    assert response.status_code == 302
    assert Campaign.objects.filter(slug="noel-chez-nos-artisans-2").exists()


def test_a_product_of_a_shop_not_in_the_campaign_is_refused(chamber_client):
    chosen, other = ShopFactory(), ShopFactory()
    stranger = ProductFactory(title="Savon d'une autre boutique", shop=other)
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(shops=[chosen.pk], products=[stranger.pk]))
    assert response.status_code == 200
    assert "Savon d'une autre boutique" in response.context["form"].errors["products"][0]
    assert not Campaign.objects.exists() and not AuditEntry.objects.exists()


def test_only_approved_shops_can_be_picked(chamber_client):
    approved = ShopFactory(partner__name="B Approuvée")
    ShopFactory(partner__name="A Approuvée")
    pending = ShopFactory(partner__name="En attente", status=ShopStatus.SUBMITTED)
    form = chamber_client.get("/chambre/campagnes/nouvelle/").context["form"]
    assert [shop.name for shop in form.fields["shops"].queryset] == ["A Approuvée", "B Approuvée"]
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(shops=[approved.pk, pending.pk]))
    assert response.context["form"].errors["shops"]


def test_a_file_that_is_not_a_picture_is_refused(chamber_client):
    upload = SimpleUploadedFile("affiche.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")
    response = chamber_client.post("/chambre/campagnes/nouvelle/", form_data(image=upload))
    assert response.status_code == 200 and response.context["form"].errors["image"]
    assert not Campaign.objects.exists()


# --- Who may use the back-office -----------------------------------------------------------------


def chamber_urls():
    existing = campaign(slug="existante")
    return [
        "/chambre/campagnes/",
        "/chambre/campagnes/nouvelle/",
        f"/chambre/campagnes/{existing.pk}/",
        f"/chambre/campagnes/{existing.pk}/supprimer/",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_visitors_are_sent_to_the_login_page(client, method):
    for url in chamber_urls():
        response = getattr(client, method)(url, form_data() if method == "post" else {})
        assert response.status_code == 302 and "/login/" in response.url, url
    assert Campaign.objects.count() == 1 and not AuditEntry.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", ["consumer", "artisan", "partner_user"])
def test_consumers_and_artisans_are_refused(client, method, who):
    if who == "consumer":
        user = UserFactory()
    elif who == "artisan":
        user = ShopFactory().owner
    else:
        user = UserFactory()
        PartnerFactory().users.add(user)
    client.force_login(user)
    for url in chamber_urls():
        response = getattr(client, method)(url, form_data() if method == "post" else {})
        assert response.status_code == 403, url
    assert Campaign.objects.count() == 1 and not AuditEntry.objects.exists()
