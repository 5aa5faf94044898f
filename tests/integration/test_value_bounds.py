"""Values have bounds, and the database keeps them whatever the code path: prices between 0,01 € and
100 000 €, a making time of a year at most, a bounded shop story; the screens say so in French, and
ids that cannot name a row are refused, never a 500."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.contrib.messages.storage.cookie import CookieStorage
from django.db import DataError, IntegrityError, transaction
from django.test import RequestFactory
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_class, get_model

from marketplace.models import Label, LabelGrant
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import OpeningPeriod, Shop
from shops.richtext import RICH_TEXT_MAX_CHARACTERS, RICH_TEXT_MAX_STORED_CHARACTERS
from shops.roles import chamber_group
from shops.slots import MAXIMUM_LEAD_DAYS
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

# Paris, the Saturday before the clocks go back (the checkout plans a year ahead from here).
SATURDAY_MORNING = datetime.datetime(2026, 10, 24, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2)))


def refused_by_the_database(change) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        change()


# -- the database ---------------------------------------------------------------------------------


@pytest.mark.parametrize("price", [Decimal("-1.00"), Decimal("0.00"), Decimal("100000.01")])
def test_the_database_refuses_a_price_out_of_bounds_however_it_is_written(price):
    record = ProductFactory().stockrecords.get()
    refused_by_the_database(lambda: StockRecord.objects.filter(pk=record.pk).update(price=price))
    record.price = price
    refused_by_the_database(record.save)
    # No price is no sale, not an error; the bounds themselves are prices.
    for allowed in (None, Decimal("0.01"), Decimal("100000.00")):
        StockRecord.objects.filter(pk=record.pk).update(price=allowed)


def test_the_database_refuses_a_making_time_beyond_a_year():
    product = ProductFactory(is_made_to_order=True)
    refused_by_the_database(lambda: Product.objects.filter(pk=product.pk).update(lead_time_days=MAXIMUM_LEAD_DAYS + 1))
    product.lead_time_days = 99_999_999_999
    # SQLite checks the bound (IntegrityError); PostgreSQL's smallint column cannot even hold it.
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        product.save()
    Product.objects.filter(pk=product.pk).update(lead_time_days=MAXIMUM_LEAD_DAYS)


def test_the_database_refuses_a_story_too_long():
    shop = ShopFactory()
    refused_by_the_database(lambda: Shop.objects.filter(pk=shop.pk).update(story="x" * (RICH_TEXT_MAX_STORED_CHARACTERS + 1)))
    shop.story = "Une histoire. " * 1_000_000  # 14 MB, sanitised by save() but not shortened
    refused_by_the_database(shop.save)
    Shop.objects.filter(pk=shop.pk).update(story="x" * RICH_TEXT_MAX_STORED_CHARACTERS)


# -- the screens ----------------------------------------------------------------------------------


def product_form_data(shop, price: str, lead_time_days: str = "0", description: str = "") -> dict:
    """What the artisan's product form (/espace-artisan/produits/nouveau/) posts for a made-to-order vase."""
    return {
        "title": "Vase", "description": description, "price": price, "vat_rate": "0.200", "stock": "5", "reference": "V1",
        "lead_time_days": lead_time_days, "is_made_to_order": "on", "ingredients": "", "net_quantity": "", "storage_instructions": "",
        "variants-TOTAL_FORMS": "0", "variants-INITIAL_FORMS": "0", "variants-MIN_NUM_FORMS": "0", "variants-MAX_NUM_FORMS": "30",
    }


@pytest.fixture
def potter(client):
    shop = ShopFactory(partner__name="Poterie du Lac")
    client.force_login(shop.owner)
    return shop, reverse("artisan:product-create")


@pytest.mark.parametrize("price", ["-1", "0", "0.00", "100000.01"])
def test_the_product_form_refuses_a_price_out_of_bounds_in_french(client, potter, price):
    shop, url = potter
    response = client.post(url, product_form_data(shop, price))
    assert response.status_code == 200 and not StockRecord.objects.filter(partner_sku="V1").exists()
    page = response.content.decode()
    assert ("au moins 0,01\xa0€" in page) if Decimal(price) < 1 else ("au plus 100\xa0000,00\xa0€" in page)


def test_the_product_form_takes_a_price_of_one_cent(client, potter):
    shop, url = potter
    assert client.post(url, product_form_data(shop, "0.01")).status_code == 302
    assert StockRecord.objects.get(partner_sku="V1").price == Decimal("0.01")


def test_the_product_form_refuses_a_making_time_beyond_a_year_and_a_description_too_long(client, potter):
    shop, url = potter
    page = client.post(url, product_form_data(shop, "4.50", lead_time_days="99999999999")).content.decode()
    assert "365 jours au plus" in page and not Product.objects.filter(title="Vase").exists()
    page = client.post(url, product_form_data(shop, "4.50", description="é" * (RICH_TEXT_MAX_CHARACTERS + 1))).content.decode()
    assert "trop long" in page and "20\xa0000" in page and not Product.objects.filter(title="Vase").exists()
    assert client.post(url, product_form_data(shop, "4.50", lead_time_days=str(MAXIMUM_LEAD_DAYS))).status_code == 302
    assert Product.objects.get(title="Vase").lead_time_days == MAXIMUM_LEAD_DAYS


# -- the bulk change of prices --------------------------------------------------------------------


def _request(user):
    request = RequestFactory().post("/dashboard/catalogue/products/bulk-action/")
    request.user = user
    request._messages = CookieStorage(request)
    return request


def price_form(shop, products, **data):
    form_class = get_class("dashboard.catalogue.forms", "SetProductPriceForm")
    return form_class(data={"selected_products": [product.pk for product in products], "partners": [shop.pk], **data},
                      products_queryset=Product.objects.all(), user=shop.owner)


@pytest.fixture
def two_prices():
    shop = ShopFactory()
    cheap = ProductFactory(shop=shop, title="Carte postale", shop__price=Decimal("1.00"))
    dear = ProductFactory(shop=shop, title="Vase", shop__price=Decimal("80.00"))
    return shop, [cheap, dear]


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"increase_by_percentage": "-500"}, "increase_by_percentage", "entre -99 et 1000"),
    ({"increase_by_percentage": "2000"}, "increase_by_percentage", "entre -99 et 1000"),
    ({"increase_by_percentage": "-99.5"}, "increase_by_percentage", "entre -99 et 1000"),
    # -99 % is in range, but brings 1,00 € to 0,01 €… and -99.5 % is out; -99.9 would bring it below a cent.
    ({"increase_by_amount": "-1"}, "increase_by_amount", "1,00\xa0€ à 0,00\xa0€"),
    ({"increase_by_amount": "-5"}, "increase_by_amount", "au moins 0,01\xa0€"),
    ({"increase_by_percentage": "200000"}, "increase_by_percentage", "entre -99 et 1000"),
    ({"increase_by_amount": "99950"}, "increase_by_amount", "au plus 100\xa0000,00\xa0€"),
    ({"new_price": "0"}, "new_price", "au moins 0,01\xa0€"),
    ({"new_price": "-3"}, "new_price", "au moins 0,01\xa0€"),
])
def test_the_bulk_price_change_refuses_what_would_bring_a_price_out_of_bounds(two_prices, data, field, message):
    shop, products = two_prices
    form = price_form(shop, products, **data)
    assert not form.is_valid()
    assert message in " ".join(form.errors[field]), form.errors
    assert sorted(StockRecord.objects.values_list("price", flat=True)) == [Decimal("1.00"), Decimal("80.00")]


def test_the_bulk_price_change_within_bounds_is_made(two_prices):
    shop, products = two_prices
    form = price_form(shop, products, increase_by_percentage="-50")
    assert form.is_valid(), form.errors
    get_class("dashboard.catalogue.bulk_actions", "SetProductPriceAction")().execute(_request(shop.owner), Product.objects.filter(pk__in=[p.pk for p in products]), form)
    assert sorted(StockRecord.objects.values_list("price", flat=True)) == [Decimal("0.50"), Decimal("40.00")]


def test_the_bulk_action_judges_the_prices_again_when_it_writes(two_prices):
    """The form was valid when shown; a price lowered since would be brought below a cent: nothing
    is written, the artisan is told why."""
    shop, products = two_prices
    form = price_form(shop, products, increase_by_amount="-0.90")
    assert form.is_valid(), form.errors
    StockRecord.objects.filter(product=products[0]).update(price=Decimal("0.50"))
    request = _request(shop.owner)
    get_class("dashboard.catalogue.bulk_actions", "SetProductPriceAction")().execute(request, Product.objects.filter(pk__in=[p.pk for p in products]), form)
    assert sorted(StockRecord.objects.values_list("price", flat=True)) == [Decimal("0.50"), Decimal("80.00")]
    assert any("au moins 0,01" in str(message) for message in request._messages._queued_messages)


# -- the CSV import, the story, the making time at checkout ----------------------------------------


@pytest.mark.parametrize("price", ["-1", "0", "0,00", "150000"])
def test_the_csv_import_refuses_a_price_out_of_bounds(client, price):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from catalogue.models import ProductImport

    shop = ShopFactory()
    client.force_login(shop.owner)
    upload = SimpleUploadedFile("produits.csv", f"reference;titre;prix\nA1;Miel;{price}\n".encode(), content_type="text/csv")
    client.post("/espace-artisan/import/", {"file": upload})
    row = ProductImport.objects.get().rows[0]
    assert "entre 0,01\xa0€ et 100\xa0000,00\xa0€" in " ".join(row["errors"])


def test_the_story_is_capped_with_a_french_message(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    data = {"tagline": "", "email": "", "phone": "", "website": "", "vacation_message": "", "vacation_until": ""}
    page = client.post("/espace-artisan/boutique/", {**data, "story": "Pain. " * 1_747_627}).content.decode()  # 10 MB
    assert "Ce texte est trop long\xa0: 20\xa0000 caractères au plus" in page
    shop.refresh_from_db()
    assert shop.story == ""
    # As long as allowed, line breaks counted once although the browser sends two characters.
    story = ("Un four à bois.\r\n" * 1200)[: RICH_TEXT_MAX_CHARACTERS + 1200]
    assert client.post("/espace-artisan/boutique/", {**data, "story": story}).status_code == 302
    shop.refresh_from_db()
    assert shop.story.startswith("<p>Un four à bois.<br>") and len(shop.story) <= RICH_TEXT_MAX_STORED_CHARACTERS


def test_the_checkout_plans_a_product_made_in_a_year(client, time_machine):
    """The longest making time still gets a pickup slot and a delivery day, a year ahead, in every
    shop of the basket (a making time without bound made /checkout/ answer 500 for all of them)."""
    time_machine.move_to(SATURDAY_MORNING, tick=False)
    gap = CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", latitude=44.55858, longitude=6.07868)
    cabinet_maker = ShopFactory(partner__name="Ébénisterie", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    baker = ShopFactory(partner__name="Fournil", commune=gap, latitude=gap.latitude, longitude=gap.longitude)
    for shop in (cabinet_maker, baker):
        ClickAndCollectOption.objects.create(shop=shop, preparation_hours=0, horizon_days=7)
        OpeningPeriod.objects.create(shop=shop, weekday=4, opens_at=datetime.time(9), closes_at=datetime.time(12))
    LocalDeliveryOption.objects.create(shop=cabinet_maker, is_active=True, radius_km=Decimal("20"), delivery_days=list(range(7)))
    table = ProductFactory(shop=cabinet_maker, title="Table", is_made_to_order=True, lead_time_days=MAXIMUM_LEAD_DAYS)
    client.force_login(UserFactory())
    client.post(f"/basket/add/{table.pk}/", {"quantity": 1})
    client.post(f"/basket/add/{ProductFactory(shop=baker, title='Pain').pk}/", {"quantity": 1})

    page = client.get("/checkout/")

    assert page.status_code == 200
    form = page.context["form"]
    table_days = [day for day, _label in form.fields[f"shop_{cabinet_maker.pk}_date"].choices if day]
    assert table_days[0] == str(datetime.date(2027, 10, 25))  # a year and a day: delivered the day after it is made
    table_slots = [slot for _day, slots in form.fields[f"shop_{cabinet_maker.pk}_slot"].choices[1:] for slot, _label in slots]
    assert table_slots[0].startswith("2027-10-29")  # the first Friday once the year of making is over
    bread_slots = [slot for _day, slots in form.fields[f"shop_{baker.pk}_slot"].choices[1:] for slot, _label in slots]
    assert bread_slots[0].startswith("2026-10-30")


# -- ids that name no row -------------------------------------------------------------------------


@pytest.fixture
def chamber_client(client):
    staff = UserFactory(username="agent@cma.example.fr")
    staff.groups.add(chamber_group())
    client.force_login(staff)
    return client


@pytest.mark.parametrize("url", [
    "/chambre/candidatures/99999999999999999999/", "/chambre/candidatures/abc/", "/chambre/candidatures/-1/",
    "/chambre/labels/99999999999999999999/", "/chambre/campagnes/99999999999999999999/supprimer/",
    "/chambre/commandes/%00/", "/espace-artisan/import/99999999999999999999/",
])
def test_an_id_that_names_no_row_is_a_404(chamber_client, url):
    assert chamber_client.get(url).status_code == 404


@pytest.mark.parametrize("action", ["hide_product", "restore_product", "withdraw_label"])
@pytest.mark.parametrize("value", ["abc", "99999999999999999999", "-1", "", "1.5"])
def test_a_chamber_action_on_an_id_that_names_nothing_is_refused_with_a_message(chamber_client, action, value):
    shop = ShopFactory()
    product = ProductFactory(shop=shop)
    LabelGrant.objects.create(label=Label.objects.create(name="Fait maison", slug="fait-maison"), shop=shop)
    response = chamber_client.post(f"/chambre/candidatures/{shop.pk}/", {action: value, "reason": "Allégation"}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages and any(word in " ".join(messages) for word in ("pas vendu", "ne détient pas", "Choisissez"))
    product.refresh_from_db()
    assert not product.hidden_by_chamber and LabelGrant.objects.count() == 1
