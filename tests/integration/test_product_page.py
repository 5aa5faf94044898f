"""A product page that answers before buying: the price with its VAT mention, the quantity, the
availability (made to order is orderable, with its making time), how to get it from this shop (next
pickup slot, delivery zone, fee, minimum, free above), the shop's distance from the remembered place,
and for food the information of EU regulation 1169/2011 — without Oscar's leftovers."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from catalogue.food import highlighted_ingredients, parse_allergens, validate_allergens
from search.place_memory import SESSION_KEY
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption, PickupSlotLoad
from shops.models import OpeningPeriod
from tests.factories import CommuneFactory, ProductFactory, ShopFactory
from tests.integration.search_world import north_of
from tests.integration.page_text import NBSP
from tests.integration.page_text import page_words as text

Product = get_model("catalogue", "Product")
pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# A Thursday afternoon: the baker's next slot is tomorrow 8:00, delivery possible from tomorrow.
NOW = datetime.datetime(2026, 12, 10, 16, 0, tzinfo=PARIS)


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def gap():
    return CommuneFactory(insee_code="05061", name="Gap", postcodes="05000", latitude=44.55858, longitude=6.07868)


@pytest.fixture
def baker(gap, clock):
    """A baker in Gap, VAT-registered, open every morning, collecting and delivering within 10 km."""
    shop = ShopFactory(partner__name="Fournil de Gap", legal_name="SARL Fournil de Gap", vat_regime="registered",
                       commune=gap, address_line="3 rue Carnot", postcode="05000")
    for weekday in range(7):
        OpeningPeriod.objects.create(shop=shop, weekday=weekday, opens_at=datetime.time(8), closes_at=datetime.time(12, 30))
    ClickAndCollectOption.objects.create(shop=shop, preparation_hours=2, horizon_days=14)
    LocalDeliveryOption.objects.create(
        shop=shop, is_active=True, radius_km=Decimal("10.0"), flat_fee=Decimal("5.00"), minimum_order=Decimal("15.00"),
        free_above=Decimal("40.00"), delivery_days=list(range(7)),
    )
    return shop


def bread_of(shop, **kwargs):
    defaults = dict(title="Pain aux noix", vat_rate=Decimal("0.055"), is_perishable=True,
                    ingredients="Farine de blé, eau, noix, levain, sel", allergens=["gluten", "nuts"],
                    net_quantity="500 g", storage_instructions="À conserver dans un torchon, à consommer sous 3 jours.")
    defaults.update(kwargs)
    return ProductFactory(shop=shop, shop__price=Decimal("11.20"), **defaults)


def test_the_price_says_its_vat_and_no_oscar_leftover_remains(client, baker):
    bread = bread_of(baker, upc="UPC-12345")
    response = client.get(bread.get_absolute_url())
    page = text(response)
    assert f"11,20{NBSP}€ TTC, dont TVA 5,5{NBSP}%" in page
    html = response.content.decode()
    assert 'name="quantity"' in html and 'min="1"' in html and "Quantité" in page
    for leftover in ("UPC-12345", "UPC", "Prix HT", "Taxes", "disponible(s)", "Informations produit", "Type de produit"):
        assert leftover not in page, leftover
    assert not re.search(r"(?<![\d,])0,00", page)  # no « Taxes 0,00 € »


def test_a_vat_exempt_shop_says_so_instead_of_a_rate(client, baker):
    baker.vat_regime = "franchise"
    baker.save()
    page = text(client.get(bread_of(baker).get_absolute_url()))
    assert "TVA non applicable, art. 293 B du CGI" in page and "dont TVA" not in page


def test_stock_is_told_with_how_many_when_few(client, baker):
    bread = bread_of(baker)
    assert "En stock" in text(client.get(bread.get_absolute_url()))  # 10 in stock
    bread.stockrecords.update(num_in_stock=3)
    page = text(client.get(bread.get_absolute_url()))
    assert "Plus que 3 en stock" in page
    assert 'max="3"' in client.get(bread.get_absolute_url()).content.decode()


def test_a_product_made_to_order_without_stock_is_orderable_with_its_making_time(client, baker):
    cake = bread_of(baker, title="Pièce montée", is_made_to_order=True, lead_time_days=3)
    cake.stockrecords.update(num_in_stock=0)
    response = client.get(cake.get_absolute_url())
    page = text(response)
    assert f"Fait sur commande{NBSP}: prêt en 3 jours" in page
    assert "Épuisé" not in page and 'id="add_to_basket_form"' in response.content.decode()
    # Its making time moves the first pickup: ordered Thursday, ready Sunday morning.
    assert f"Retrait en boutique dimanche 13 décembre dès 8{NBSP}h" in page
    # And it goes into the basket, however many are wanted.
    client.post(f"/basket/add/{cake.pk}/", {"quantity": 4})
    assert "Pièce montée" in text(client.get("/basket/"))


def test_a_product_made_to_order_holds_no_stock_when_ordered(baker):
    from shops.reservations import StockRequest, allocate_stock

    cake = bread_of(baker, title="Pièce montée", is_made_to_order=True, lead_time_days=3)
    cake.stockrecords.update(num_in_stock=0)
    record = cake.stockrecords.get()
    allocate_stock([StockRequest(record.pk, 4)])  # made for the order: nothing to take from a shelf
    record.refresh_from_db()
    assert not record.num_allocated and record.num_in_stock == 0


def test_a_product_made_to_order_without_stock_can_be_found():
    from search import documents, indexing

    with indexing.paused():
        cake = ProductFactory(title="Pièce montée", is_made_to_order=True, lead_time_days=3, shop__num_in_stock=0)
        sold_out = ProductFactory(shop__num_in_stock=0)
    entries, hidden = documents.product_entries([cake.pk, sold_out.pk])
    assert [entry.object_id for entry in entries] == [cake.pk] and hidden == {sold_out.pk}
    assert not entries[0].in_stock  # not « available now »: it takes 3 days


def test_a_product_sold_out_says_so_and_offers_no_basket(client, baker):
    bread = bread_of(baker)
    bread.stockrecords.update(num_in_stock=0)
    response = client.get(bread.get_absolute_url())
    assert "Épuisé" in text(response) and 'id="add_to_basket_form"' not in response.content.decode()


def test_how_to_get_it_next_pickup_slot_and_delivery_terms(client, baker):
    page = text(client.get(bread_of(baker).get_absolute_url()))
    assert f"Retrait en boutique demain dès 8{NBSP}h" in page
    assert "3 rue Carnot, 05000 Gap" in page
    assert f"Livraison à 5,00{NBSP}€ dans un rayon de 10{NBSP}km, offerte dès 40,00{NBSP}€" in page
    assert f"Commande minimum pour la livraison{NBSP}: 15,00{NBSP}€" in page
    assert f"Prochaine livraison{NBSP}: demain" in page


def test_the_next_pickup_follows_the_clock_and_skips_a_full_slot(client, baker, time_machine):
    bread = bread_of(baker)
    time_machine.move_to(datetime.datetime(2026, 12, 10, 6, 0, tzinfo=PARIS), tick=False)  # Thursday 6:00
    assert f"Retrait en boutique aujourd'hui dès 8{NBSP}h" in text(client.get(bread.get_absolute_url()))
    PickupSlotLoad.objects.create(shop=baker, starts_at=datetime.datetime(2026, 12, 10, 8, 0, tzinfo=PARIS), capacity=5, booked=5)
    assert f"Retrait en boutique aujourd'hui dès 8{NBSP}h{NBSP}30" in text(client.get(bread.get_absolute_url()))


def test_a_delivery_fee_by_distance_is_a_range_and_free_delivery_is_said(client, baker):
    bread = bread_of(baker)
    LocalDeliveryOption.objects.filter(shop=baker).update(distance_bands=[["5", "2.00"]], postcodes=["05000", "05100"])
    page = text(client.get(bread.get_absolute_url()))
    assert f"Livraison de 2,00{NBSP}€ à 5,00{NBSP}€ dans un rayon de 10{NBSP}km et à 05000, 05100" in page
    LocalDeliveryOption.objects.filter(shop=baker).update(distance_bands=[], flat_fee=Decimal("0.00"), free_above=None, postcodes=[])
    page = text(client.get(bread.get_absolute_url()))
    assert f"Livraison offerte dans un rayon de 10{NBSP}km" in page and "offerte dès" not in page


def remember(client, label: str, point, insee: str = "") -> None:
    session = client.session
    session[SESSION_KEY] = {"label": label, "insee": insee, "latitude": point.latitude, "longitude": point.longitude}
    session.save()


def test_the_shops_card_says_how_far_it_is_from_the_remembered_place(client, baker, gap):
    bread = bread_of(baker)
    page = text(client.get(bread.get_absolute_url()))
    assert "Fournil de Gap" in page and " km" not in page.split("Vendu par")[1].split("Composition")[0]
    remember(client, "Laragne (05300)", north_of(baker.point, 12.0))
    page = text(client.get(bread.get_absolute_url()))
    assert "12,0 km" in page and "Distance depuis Laragne (05300), le lieu de votre dernière recherche." in page
    assert "Laragne (05300) est hors de la zone de livraison." in page
    remember(client, "La Freissinouse (05000)", north_of(baker.point, 6.5))
    page = text(client.get(bread.get_absolute_url()))
    assert "6,5 km" in page and "La Freissinouse (05000) est dans la zone de livraison." in page


def test_food_information_is_shown_with_its_allergens_highlighted(client, baker):
    response = client.get(bread_of(baker).get_absolute_url())
    html, page = response.content.decode(), text(response)
    assert "Composition et conservation" in page
    assert '<strong class="product-allergen">blé</strong>' in html and '<strong class="product-allergen">noix</strong>' in html
    assert "Céréales contenant du gluten" in page and "Fruits à coque" in page
    assert "Quantité nette 500 g" in page
    assert "À conserver dans un torchon, à consommer sous 3 jours." in page
    assert "Producteur SARL Fournil de Gap, 3 rue Carnot, 05000 Gap" in page


def test_no_food_section_for_a_craft_product(client):
    potter = ShopFactory(partner__name="Poterie du Lac", trade="ceramique")
    vase = ProductFactory(shop=potter, title="Vase", is_perishable=False)
    page = text(client.get(vase.get_absolute_url()))
    assert "Vase" in page and "Composition et conservation" not in page and "Allergènes" not in page


def test_ingredients_are_escaped_and_allergen_words_found_in_their_french_forms():
    html = highlighted_ingredients("Œufs frais, crème & beurre <b>, blette", ["eggs", "milk", "gluten"])
    assert html == ('<strong class="product-allergen">Œufs</strong> frais, <strong class="product-allergen">crème</strong> '
                    '&amp; <strong class="product-allergen">beurre</strong> &lt;b&gt;, blette')
    assert parse_allergens("Lait, gluten / œufs, fruits à coque, pâte") == (["gluten", "eggs", "milk", "nuts"], ["pâte"])


# -- Where the artisan gives the food information: the product form and the CSV import -------------


@pytest.fixture
def potter_form(client):
    from tests.integration.test_value_bounds import product_form_data

    shop = ShopFactory(partner__name="Biscuiterie du Lac")
    client.force_login(shop.owner)
    return shop, reverse("artisan:product-create"), product_form_data(shop, "6.90")


def test_the_product_form_takes_the_food_information(client, potter_form):
    shop, url, data = potter_form
    form_page = client.get(url).content.decode()
    assert 'name="allergens"' in form_page and "Fruits à coque" in form_page and 'name="net_quantity"' in form_page
    data.update(ingredients="Farine de blé, beurre, sucre", allergens=["gluten", "milk"], net_quantity="250 g",
                storage_instructions="Au sec, dans sa boîte.", is_perishable="on")
    assert client.post(url, data).status_code == 302
    product = Product.objects.get(stockrecords__partner_sku="V1")
    assert (product.ingredients, product.allergens, product.net_quantity, product.storage_instructions) == (
        "Farine de blé, beurre, sucre", ["gluten", "milk"], "250 g", "Au sec, dans sa boîte.")


def test_the_product_form_refuses_an_allergen_not_in_the_annex_in_french(client, potter_form):
    shop, url, data = potter_form
    data.update(allergens=["gluten", "chocolate"])
    response = client.post(url, data)
    assert response.status_code == 200 and not Product.objects.filter(stockrecords__partner_sku="V1").exists()
    assert f"«{NBSP}chocolate{NBSP}» n’est pas l’un des 14 allergènes à déclarer." in text(response)


FOOD_CSV = (
    "reference;titre;prix_ttc;tva;stock;perissable;ingredients;allergenes;quantite_nette;conservation\n"
    "SABLE-1;Sablés au beurre;11,20;5,5;12;oui;Farine de blé, beurre, œufs, sucre;gluten, lait, œufs;250 g;Au sec, 3 semaines.\n"
    "SABLE-2;Sablés au chocolat;6,00;5,5;5;oui;Farine, chocolat;chocolat, lait;200 g;Au sec.\n"
)


def test_the_csv_import_takes_the_food_columns_and_shows_amounts_in_french(client, django_capture_on_commit_callbacks):
    from catalogue.models import ProductImport
    from tests.integration.test_csv_import import upload

    shop = ShopFactory(trade="boulangerie")
    client.force_login(shop.owner)
    response = upload(client, FOOD_CSV)
    assert response.status_code == 302
    preview = text(client.get(response.url))
    assert f"11,20{NBSP}€" in preview and f"6,00{NBSP}€" in preview
    assert f"Allergènes{NBSP}: «{NBSP}chocolat{NBSP}» n’est pas l’un des 14 allergènes à déclarer" in preview
    product_import = ProductImport.objects.get()
    assert (product_import.total_rows, product_import.valid_rows) == (2, 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response.url)
    biscuits = Product.objects.get(title="Sablés au beurre")
    assert biscuits.allergens == ["gluten", "eggs", "milk"]
    assert (biscuits.ingredients, biscuits.net_quantity, biscuits.storage_instructions) == (
        "Farine de blé, beurre, œufs, sucre", "250 g", "Au sec, 3 semaines.")
    assert not Product.objects.filter(title="Sablés au chocolat").exists()


def test_the_import_page_documents_the_food_columns(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    page = text(client.get("/espace-artisan/import/"))
    for column in ("ingredients", "allergenes", "quantite_nette", "conservation"):
        assert column in page


def test_the_page_speaks_english_under_en(client, baker):
    bread = bread_of(baker, is_made_to_order=True, lead_time_days=1)
    page = text(client.get("/en" + bread.get_absolute_url()))
    assert "11.20" in page and "incl. VAT, of which 5.5\u00a0% VAT" in page
    assert "Made to order: ready in 1 day" in page and "Pickup at the shop" in page and "Composition and storage" in page


def test_the_demos_food_products_tell_their_composition_and_its_crafts_do_not():
    from marketplace.demo.food import _FOOD, demo_food

    honey = demo_food("miellerie", "Miels")
    assert honey["ingredients"].startswith("Miel") and honey["allergens"] == [] and honey["net_quantity"] == "250 g"
    assert demo_food("boulangerie", "Viennoiseries")["allergens"] == ["gluten", "milk", "eggs"]
    assert demo_food("poterie-ceramique", "Vaisselle") == {}
    for food in _FOOD.values():
        validate_allergens(list(food.allergens))
