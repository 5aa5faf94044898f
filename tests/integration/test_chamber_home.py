"""/chambre/, the chamber's day: what waits, counted and listed from data built here; who may see it;
what it costs in SQL whatever the number of shops; the checklist judged in SQL as shop_checklist judges it."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.core.loading import get_model

from chamber import todo
from marketplace.models import Label, LabelGrant
from payments.models import StripeAccount
from shops.checklist import shop_checklist, with_checklist
from shops.models import ClickAndCollectOption, LocalDeliveryOption, OpeningPeriod, Shop, ShopStatus
from shops.roles import chamber_group
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

Product = get_model("catalogue", "Product")
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 11, 24, 9, 30, tzinfo=PARIS)
TODAY = NOW.date()
HOME_MAX_QUERIES = 13  # session, user, permissions, then two per list at most


@pytest.fixture(autouse=True)
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def chamber_user():
    user = UserFactory(username="agent@cma.example.fr", first_name="Agnès", last_name="Chambre")
    user.groups.add(chamber_group())
    return user


@pytest.fixture
def chamber_client(client, chamber_user):
    client.force_login(chamber_user)
    return client


def complete(shop: Shop) -> Shop:
    """Every checklist item done (payments: on site, which the factory allows)."""
    shop.logo.save("logo.png", ContentFile(b"png"), save=False)
    shop.story = "<p>Au levain depuis 1987.</p>"
    shop.save()
    OpeningPeriod.objects.create(shop=shop, weekday=1, opens_at=datetime.time(8), closes_at=datetime.time(12))
    ClickAndCollectOption.objects.create(shop=shop, preparation_hours=1)
    ProductFactory(shop=shop)
    return shop


def approved_days_ago(days: int, **kwargs) -> Shop:
    shop = ShopFactory(**kwargs)
    Shop.objects.filter(pk=shop.pk).update(approved_at=NOW - datetime.timedelta(days=days))
    shop.refresh_from_db()
    return shop


def submitted(name: str, days: int) -> Shop:
    shop = ShopFactory(partner__name=name, status=ShopStatus.SUBMITTED)
    Shop.objects.filter(pk=shop.pk).update(submitted_at=NOW - datetime.timedelta(days=days))
    return shop


# -- who may see it ------------------------------------------------------------------------------


def test_the_home_answers_at_chambre():
    assert reverse("chamber:home") == "/chambre/"


def test_a_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("chamber:home"))
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_a_customer_is_refused(client):
    client.force_login(UserFactory())
    assert client.get(reverse("chamber:home")).status_code == 403


def test_an_artisan_is_refused(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    assert client.get(reverse("chamber:home")).status_code == 403


def test_the_account_menu_leads_the_chamber_to_its_home(chamber_client):
    page = chamber_client.get(reverse("home")).content.decode()
    assert f'href="{reverse("chamber:home")}"' in page
    assert reverse("chamber:applications") not in page


# -- what waits ----------------------------------------------------------------------------------


def test_applications_waiting_oldest_first_with_their_wait(chamber_client):
    submitted("Fournil récent", 1)
    oldest = submitted("Poterie ancienne", 9)
    ShopFactory(partner__name="Brouillon", status=ShopStatus.DRAFT)
    response = chamber_client.get(reverse("chamber:home"))
    day = response.context["day"]
    assert day.applications.count == 2
    assert [shop.name for shop in day.applications.items] == ["Poterie ancienne", "Fournil récent"]
    page = response.content.decode()
    assert reverse("chamber:application", kwargs={"pk": oldest.pk}) in page
    assert re.search(r"en attente depuis 1\xa0semaine, 2\xa0jours", page)


def test_only_the_first_applications_are_listed_and_the_others_counted():
    for index in range(todo.FIRST_ITEMS + 2):
        submitted(f"Atelier {index}", 20 - index)
    day = todo.chamber_day()
    assert day.applications.count == todo.FIRST_ITEMS + 2
    assert len(day.applications.items) == todo.FIRST_ITEMS
    assert day.applications.more == 2


def test_products_hidden_by_the_chamber_link_to_their_shop(chamber_client):
    shop = ShopFactory(partner__name="Fromagerie du col")
    hidden = ProductFactory(shop=shop, title="Tomme douteuse")
    Product.objects.filter(pk=hidden.pk).update(hidden_by_chamber=True, moderation_reason="Photo trompeuse")
    ProductFactory(shop=shop, title="Tomme visible")
    response = chamber_client.get(reverse("chamber:home"))
    day = response.context["day"]
    assert day.hidden_products.count == 1
    assert [(product.title, product.shop_name) for product in day.hidden_products.items] == [("Tomme douteuse", "Fromagerie du col")]
    assert reverse("chamber:application", kwargs={"pk": shop.pk}) + "#products-title" in response.content.decode()


def test_labels_expiring_in_the_next_thirty_days_soonest_first():
    label = Label.objects.create(name="Fait maison", slug="fait-maison")
    soon, later, beyond, expired, forever = (ShopFactory(partner__name=name) for name in ("Bientôt", "Plus tard", "Au-delà", "Expiré", "Toujours"))
    LabelGrant.objects.create(label=label, shop=later, expires_on=TODAY + datetime.timedelta(days=30))
    LabelGrant.objects.create(label=label, shop=soon, expires_on=TODAY)
    LabelGrant.objects.create(label=label, shop=beyond, expires_on=TODAY + datetime.timedelta(days=31))
    LabelGrant.objects.create(label=label, shop=expired, expires_on=TODAY - datetime.timedelta(days=1))
    LabelGrant.objects.create(label=label, shop=forever, expires_on=None)
    day = todo.chamber_day()
    assert [grant.shop.name for grant in day.expiring_labels.items] == ["Bientôt", "Plus tard"]
    assert day.expiring_labels.count == 2


def test_shops_stuck_on_their_checklist_a_week_after_approval(chamber_client):
    stuck = approved_days_ago(8, partner__name="Forge oubliée")
    complete(approved_days_ago(30, partner__name="Forge complète"))
    approved_days_ago(3, partner__name="Forge toute neuve")  # incomplete, but approved three days ago
    ShopFactory(partner__name="Candidate", status=ShopStatus.SUBMITTED)
    response = chamber_client.get(reverse("chamber:home"))
    day = response.context["day"]
    assert [shop.name for shop in day.stuck_shops.items] == ["Forge oubliée"]
    assert day.stuck_shops.count == 1
    page = response.content.decode()
    assert reverse("chamber:application", kwargs={"pk": stuck.pk}) in page
    assert "logo" in page and "premier produit" in page


def test_nothing_waits_on_an_empty_day(chamber_client):
    response = chamber_client.get(reverse("chamber:home"))
    assert response.context["day"].total == 0
    assert "Rien ne vous attend" in response.content.decode()


def test_the_home_links_to_every_chamber_screen(chamber_client):
    page = chamber_client.get(reverse("chamber:home")).content.decode()
    for name in ("applications", "features", "labels", "campaigns", "statistics", "audit-log"):
        assert f'href="{reverse(f"chamber:{name}")}"' in page, name


# -- the checklist in SQL, as shop_checklist says it ---------------------------------------------


def _checklist_variants():
    """Shops each missing a different set of items."""
    shops = [complete(ShopFactory(partner__name="Complète"))]
    bare = ShopFactory(partner__name="Rien", accepts_payment_on_site=False)
    bare.story = "   "
    bare.save()
    shops.append(bare)
    delivery_only = complete(ShopFactory(partner__name="Livraison seule"))
    ClickAndCollectOption.objects.filter(shop=delivery_only).update(is_active=False)
    LocalDeliveryOption.objects.create(shop=delivery_only, is_active=True)
    shops.append(delivery_only)
    closed = complete(ShopFactory(partner__name="Sans retrait actif"))
    ClickAndCollectOption.objects.filter(shop=closed).update(is_active=False)
    shops.append(closed)
    unpublished = complete(ShopFactory(partner__name="Produit non publié"))
    Product.objects.filter(stockrecords__partner_id=unpublished.pk).update(is_public=False)
    shops.append(unpublished)
    card_only = complete(ShopFactory(partner__name="Carte seule"))
    Shop.objects.filter(pk=card_only.pk).update(accepts_payment_on_site=False)
    StripeAccount.objects.create(shop=card_only, account_id="acct_todo1", charges_enabled=True, payouts_enabled=True)
    shops.append(card_only)
    card_not_ready = complete(ShopFactory(partner__name="Carte pas prête"))
    Shop.objects.filter(pk=card_not_ready.pk).update(accepts_payment_on_site=False)
    StripeAccount.objects.create(shop=card_not_ready, account_id="acct_todo2", charges_enabled=True, payouts_enabled=False)
    shops.append(card_not_ready)
    return shops


@pytest.mark.parametrize("cards", [False, True], ids=["cards off", "cards on"])
def test_the_checklist_in_sql_agrees_with_shop_checklist_item_by_item(settings, cards):
    if cards:
        settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    else:
        settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    shops = _checklist_variants()
    judged = {shop.pk: shop for shop in with_checklist(Shop.objects.filter(pk__in=[shop.pk for shop in shops]))}
    for shop in Shop.objects.filter(pk__in=judged).select_related("partner", "stripe_account"):
        items = shop_checklist(shop)
        # Every item of the checklist is known here, and none more.
        assert {item.code for item in items} == set(todo.CHECKLIST_LABELS), "shop_checklist changed: update chamber/todo.py"
        expected = [item.code for item in items if not item.is_done]
        assert todo.missing_items(judged[shop.pk]) == expected, shop.name
        assert judged[shop.pk].checklist_complete == (not expected), shop.name


# -- what it costs -------------------------------------------------------------------------------


def _fill(count: int, start: int) -> None:
    label = Label.objects.get_or_create(name="Fait maison", slug="fait-maison")[0]
    for index in range(start, start + count):
        submitted(f"Candidat {index}", index % 20 + 1)
        shop = approved_days_ago(10 + index, partner__name=f"Boutique {index}")
        product = ProductFactory(shop=shop)
        Product.objects.filter(pk=product.pk).update(hidden_by_chamber=True)
        LabelGrant.objects.create(label=label, shop=shop, expires_on=TODAY + datetime.timedelta(days=index % 30))


def _queries(client) -> int:
    client.get(reverse("chamber:home"))
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("chamber:home"))
    assert response.status_code == 200
    return len(captured)


def test_the_home_costs_the_same_queries_for_six_shops_of_each_kind_or_twenty(chamber_client):
    _fill(todo.FIRST_ITEMS + 1, 0)
    few = _queries(chamber_client)
    _fill(14, todo.FIRST_ITEMS + 1)
    many = _queries(chamber_client)
    assert many == few
    assert many <= HOME_MAX_QUERIES, many


def test_counting_stuck_shops_is_one_query_whatever_their_number():
    for index in range(12):
        approved_days_ago(10, partner__name=f"Boutique {index}")
    with CaptureQueriesContext(connection) as captured:
        assert todo.shops_stuck(NOW).count() == 12
    assert len(captured) == 1


