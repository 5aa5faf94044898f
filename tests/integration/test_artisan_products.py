"""The artisan's products back-office (/espace-artisan/produits/): list, form, variants, pictures,
copy, bulk actions, safe returns, and another shop's ids answering 404 everywhere."""

import io
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
from PIL import Image

from search.models import SearchEntry
from shops import product_editing
from tests.factories import ProductFactory, ShopFactory

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db

LIST = "/espace-artisan/produits/"
CREATE = "/espace-artisan/produits/nouveau/"


def picture(name="photo.jpg", colour="#336699", size=(600, 400)) -> SimpleUploadedFile:
    output = io.BytesIO()
    Image.new("RGB", size, colour).save(output, format="JPEG")
    return SimpleUploadedFile(name, output.getvalue(), content_type="image/jpeg")


def errors(response):
    """The forms' errors of a page shown again, to tell why a save failed."""
    if response.status_code != 200 or response.context is None or "form" not in response.context:
        return response.status_code
    return response.context["form"].errors, response.context["variants"].errors, response.context["variants"].non_form_errors()


def form_data(**overrides):
    data = {
        "title": "Confiture d'abricots", "description": "Abricots du Buëch.\n\nCuite au chaudron.",
        "price": "6,50", "vat_rate": "0.055", "stock": "12", "reference": "", "lead_time_days": "",
        "ingredients": "", "net_quantity": "", "storage_instructions": "",
        "variants-TOTAL_FORMS": "1", "variants-INITIAL_FORMS": "0", "variants-MIN_NUM_FORMS": "0", "variants-MAX_NUM_FORMS": "30",
        "variants-0-id": "", "variants-0-name": "", "variants-0-price": "", "variants-0-stock": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def shop():
    return ShopFactory(partner__name="Atelier des Abricots")


@pytest.fixture
def artisan(client, shop):
    client.force_login(shop.owner)
    return client


def test_create_a_product_with_pictures_and_variants(artisan, shop, django_capture_on_commit_callbacks):
    section = create_from_breadcrumbs("Épicerie > Confitures")
    data = form_data(**{
        "pictures": [picture("un.jpg"), picture("deux.jpg", "#aa3300")], "sections": [section.pk],
        "allergens": ["nuts"], "is_perishable": "on", "ingredients": "Abricots, sucre, amandes",
        "variants-TOTAL_FORMS": "2",
        "variants-0-name": "250 g", "variants-0-price": "4,20", "variants-0-stock": "5",
        "variants-1-id": "", "variants-1-name": "500 g", "variants-1-price": "7,80", "variants-1-stock": "3",
    })
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan.post(CREATE, data)
    assert response.status_code == 302, errors(response)
    assert response["Location"] == LIST
    product = Product.objects.get(title="Confiture d'abricots")
    assert product.is_parent and product.is_public and product.vat_rate == Decimal("0.055")
    assert product.description == "<p>Abricots du Buëch.</p>\n\n<p>Cuite au chaudron.</p>" or "<p>Abricots du Buëch.</p>" in product.description
    assert list(product.categories.all()) == [section]
    assert [image.display_order for image in product.images.order_by("display_order")] == [0, 1]
    assert not product.stockrecords.exists()  # a parent's stock is its variants'
    children = {product_editing.variant_name(child, product.title): child for child in product.children.all()}
    assert set(children) == {"250 g", "500 g"}
    small = children["250 g"]
    assert small.title == "Confiture d'abricots – 250 g"
    assert small.allergens == ["nuts"] and small.is_perishable and small.vat_rate == Decimal("0.055")
    record = small.stockrecords.get()
    assert record.partner_id == shop.pk and record.price == Decimal("4.20") and record.num_in_stock == 5
    # The product is found once, through its parent's document (a variant is never indexed alone).
    assert SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()
    assert not SearchEntry.objects.filter(kind="product", object_id=small.pk).exists()

    page = artisan.get(LIST).content.decode()
    assert "Confiture d&#x27;abricots" in page or "Confiture d'abricots" in page
    assert "4,20" in page and "2 variantes" in page


def test_a_standalone_product_is_created_indexed_and_edited(artisan, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artisan.post(CREATE, form_data(title="Miel de lavande", price="11,20 €", reference="MIEL-1",
                                       description="Abricots du Buëch.\r\n\r\nCuite au chaudron."))
    product = Product.objects.get(title="Miel de lavande")
    record = product.stockrecords.get()
    assert (record.price, record.num_in_stock, record.partner_sku) == (Decimal("11.20"), 12, "MIEL-1")
    assert product.categories.exists()  # the trade's category when none is chosen
    assert SearchEntry.objects.get(kind="product", object_id=product.pk).title == "Miel de lavande"
    assert "11,20\u00a0€" in artisan.get(LIST).content.decode()

    edit = reverse("artisan:product-edit", kwargs={"pk": product.pk})
    response = artisan.get(edit)
    assert response.context["form"]["description"].value() == "Abricots du Buëch.\n\nCuite au chaudron."
    page = response.content.decode()
    assert "MIEL-1" in page and "Rayons" not in page and "UPC" not in page and "Vente incitative" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan.post(edit, form_data(title="Miel de lavande fine", price="12", stock="4", reference="MIEL-1",
                                                is_made_to_order="on", lead_time_days="3"))
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.title == "Miel de lavande fine" and product.is_made_to_order and product.lead_time_days == 3
    assert product.stockrecords.get().price == Decimal("12.00")
    assert [category.name for category in product.categories.all()] == ["Boulangerie"]  # none chosen: the trade's
    assert SearchEntry.objects.get(kind="product", object_id=product.pk).title == "Miel de lavande fine"


def test_validation_messages_are_in_french(artisan, shop):
    ProductFactory(shop=shop, title="Autre")
    StockRecord.objects.filter(partner_id=shop.pk).update(partner_sku="PRIS")
    response = artisan.post(CREATE, form_data(
        title="", price="abc", stock="-2", reference="PRIS", lead_time_days="400", is_made_to_order="on",
        pictures=[SimpleUploadedFile("faux.jpg", b"<?php echo 1; ?>", content_type="image/jpeg")],
    ))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Donnez un nom au produit." in page
    assert "Indiquez un montant en euros, par exemple 4,50." in page
    assert "Un stock ne peut pas être négatif." in page
    assert "Un autre de vos produits a déjà cette référence." in page
    assert "365" in page
    assert "faux.jpg" in page
    assert not Product.objects.filter(title="").exists()

    response = artisan.post(CREATE, form_data(price="0,001"))
    assert "Indiquez un montant en euros, par exemple 4,50." in response.content.decode()
    response = artisan.post(CREATE, form_data(price="200000"))
    assert errors(response)[0]["price"][0].startswith("Un prix est d'au plus 100")
    response = artisan.post(CREATE, form_data(price="", **{"variants-0-name": "250 g"}))
    assert "Indiquez le prix de la variante, TVA comprise." in response.content.decode()
    response = artisan.post(CREATE, form_data(price="", stock=""))
    assert "Indiquez le prix payé par les clients, TVA comprise, par exemple 11,20." in response.content.decode()


def test_variants_are_changed_added_and_removed(artisan, shop):
    artisan.post(CREATE, form_data(title="Savon", **{
        "variants-TOTAL_FORMS": "2", "variants-0-name": "Lavande", "variants-0-price": "5", "variants-0-stock": "2",
        "variants-1-name": "Miel", "variants-1-price": "5,50", "variants-1-stock": "1"}))
    product = Product.objects.get(title="Savon")
    lavender, honey = product.children.order_by("pk")
    edit = reverse("artisan:product-edit", kwargs={"pk": product.pk})
    page = artisan.get(edit).content.decode()
    assert 'value="Lavande"' in page and 'value="Miel"' in page
    artisan.post(edit, form_data(title="Savon surgras", price="", **{
        "variants-TOTAL_FORMS": "3", "variants-INITIAL_FORMS": "2",
        "variants-0-id": str(lavender.pk), "variants-0-name": "Lavande", "variants-0-price": "6", "variants-0-stock": "9",
        "variants-1-id": str(honey.pk), "variants-1-name": "Miel", "variants-1-price": "5,50", "variants-1-stock": "1", "variants-1-DELETE": "on",
        "variants-2-name": "Rose", "variants-2-price": "7", "variants-2-stock": "4"}))
    product.refresh_from_db()
    names = sorted(child.title for child in product.children.all())
    assert names == ["Savon surgras – Lavande", "Savon surgras – Rose"]
    assert not Product.objects.filter(pk=honey.pk).exists()
    assert StockRecord.objects.get(product_id=lavender.pk).num_in_stock == 9

    # Every variant removed: the product is sold on its own again, at the price given.
    children = list(product.children.order_by("pk"))
    data = form_data(title="Savon surgras", price="6,50", stock="3", **{"variants-TOTAL_FORMS": "2", "variants-INITIAL_FORMS": "2"})
    for index, child in enumerate(children):
        data.update({f"variants-{index}-id": str(child.pk), f"variants-{index}-name": "x", f"variants-{index}-price": "1",
                     f"variants-{index}-stock": "1", f"variants-{index}-DELETE": "on"})
    assert artisan.post(edit, data).status_code == 302
    product.refresh_from_db()
    assert product.is_standalone and product.stockrecords.get().price == Decimal("6.50")


def test_pictures_are_reordered_and_removed(artisan, shop, django_capture_on_commit_callbacks):
    product = ProductFactory(shop=shop, title="Bol")
    first = ProductImage.objects.create(product=product, original=picture("a.jpg"), display_order=0)
    second = ProductImage.objects.create(product=product, original=picture("b.jpg"), display_order=1)
    third = ProductImage.objects.create(product=product, original=picture("c.jpg"), display_order=2)
    edit = reverse("artisan:product-edit", kwargs={"pk": product.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan.post(edit, form_data(title="Bol", price="20", **{
            f"picture-{first.pk}-order": "3", f"picture-{second.pk}-order": "1", f"picture-{third.pk}-order": "2",
            f"picture-{third.pk}-remove": "on"}))
    assert response.status_code == 302
    assert list(product.images.order_by("display_order").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_a_copy_is_archived_with_its_variants_and_pictures(artisan, shop):
    artisan.post(CREATE, form_data(title="Tasse", pictures=[picture()], **{
        "variants-0-name": "Bleue", "variants-0-price": "15", "variants-0-stock": "2"}))
    product = Product.objects.get(title="Tasse")
    response = artisan.post(reverse("artisan:product-duplicate", kwargs={"pk": product.pk}), follow=True)
    copy = Product.objects.get(title="Tasse (copie)")
    assert not copy.is_public and copy.is_parent
    child = copy.children.get()
    assert child.title == "Tasse (copie) – Bleue" and not child.is_public
    assert child.stockrecords.get().price == Decimal("15.00")
    assert copy.images.count() == 1 and copy.images.get().original.name != product.images.get().original.name
    assert "pas encore en ligne" in response.content.decode()
    assert response.redirect_chain[-1][0].startswith(reverse("artisan:product-edit", kwargs={"pk": copy.pk}))
    # A GET copies nothing.
    artisan.get(reverse("artisan:product-duplicate", kwargs={"pk": product.pk}))
    assert Product.objects.filter(title__startswith="Tasse (copie)", parent=None).count() == 1


def test_bulk_actions_archive_restore_and_sell_out(artisan, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        vase = ProductFactory(shop=shop, title="Vase")
        jug = ProductFactory(shop=shop, title="Pichet")
        made = ProductFactory(shop=shop, title="Plat sur mesure", is_made_to_order=True, lead_time_days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan.post(LIST, {"product": [vase.pk, jug.pk], "action": "archive"})
    assert response.status_code == 302
    assert not Product.objects.filter(pk__in=[vase.pk, jug.pk], is_public=True).exists()
    assert not SearchEntry.objects.filter(kind="product", object_id=vase.pk).exists()
    page = artisan.get(f"{LIST}?archives=1").content.decode()
    assert "Vase" in page and "Pichet" in page and "Plat sur mesure" not in page
    with django_capture_on_commit_callbacks(execute=True):
        artisan.post(LIST, {"product": [vase.pk], "action": "restore"})
    assert Product.objects.get(pk=vase.pk).is_public
    assert SearchEntry.objects.filter(kind="product", object_id=vase.pk).exists()

    response = artisan.post(LIST, {"product": [vase.pk, made.pk], "action": "sold_out"}, follow=True)
    assert StockRecord.objects.get(product=vase).net_stock_level == 0
    assert StockRecord.objects.get(product=made).num_in_stock == 10  # made to order: no stock to sell out
    assert "1 produit est marqué comme épuisé." in response.content.decode()
    response = artisan.post(LIST, {"product": [vase.pk], "action": "delete"}, follow=True)
    assert "Choisissez une action." in response.content.decode() and Product.objects.filter(pk=vase.pk).exists()
    response = artisan.post(LIST, {"action": "archive"}, follow=True)
    assert "Cochez au moins un produit." in response.content.decode()


def test_list_filters_and_empty_states(artisan, shop):
    assert "Aucun produit pour l’instant" in artisan.get(LIST).content.decode() or "Aucun produit" in artisan.get(LIST).content.decode()
    jams = create_from_breadcrumbs("Épicerie > Confitures")
    jam = ProductFactory(shop=shop, title="Confiture de figues")
    jam.categories.add(jams)
    ProductFactory(shop=shop, title="Pain au levain", shop__num_in_stock=0)
    ProductFactory(shop=shop, title="Gâteau d'anniversaire", is_made_to_order=True)
    ProductFactory(title="Confiture d'un autre")  # another shop's

    def titles(query):
        context = artisan.get(f"{LIST}?{query}").context
        return sorted(product.title for product in context["products"])

    assert titles("") == ["Confiture de figues", "Gâteau d'anniversaire", "Pain au levain"]
    assert titles("q=confiture") == ["Confiture de figues"]
    assert titles(f"section={jams.pk}") == ["Confiture de figues"]
    assert titles("stock=sold_out") == ["Pain au levain"]
    assert titles("stock=in_stock") == ["Confiture de figues"]
    assert titles("stock=made_to_order") == ["Gâteau d'anniversaire"]
    assert titles("section=abc&stock=nope&page=zz") == titles("")
    assert titles("q=%00") == titles("")
    assert "Aucun produit ne correspond à ces filtres." in artisan.get(f"{LIST}?q=xyz").content.decode()
    assert "Aucun produit archivé." in artisan.get(f"{LIST}?archives=1").content.decode()


def test_the_list_costs_the_same_whatever_its_number_of_products(artisan, shop):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert artisan.get(LIST).status_code == 200
        return len(captured)

    product = ProductFactory(shop=shop)
    ProductImage.objects.create(product=product, original=picture())
    one = queries()
    for _ in range(6):
        product = ProductFactory(shop=shop)
        ProductImage.objects.create(product=product, original=picture())
    parent = Product.objects.create(title="Parent", structure="parent", product_class=product.product_class)
    for name in ("S", "M"):
        child = Product.objects.create(title=f"Parent – {name}", structure="child", parent=parent)
        StockRecord.objects.create(product=child, partner=shop.partner, partner_sku=f"C-{name}", price=Decimal("3"), num_in_stock=1)
    assert queries() == one
    assert one <= 12, one


def test_next_is_followed_only_within_the_site(artisan, shop):
    product = ProductFactory(shop=shop, title="Vase")
    edit = reverse("artisan:product-edit", kwargs={"pk": product.pk})
    data = form_data(title="Vase", price="9")
    assert artisan.post(f"{edit}?next=/espace-artisan/produits/%3Fq%3Dvase", data)["Location"] == "/espace-artisan/produits/?q=vase"
    assert artisan.post(edit, {**data, "next": "https://evil.example/"})["Location"] == LIST
    assert artisan.post(edit, {**data, "next": "//evil.example/x"})["Location"] == LIST
    assert artisan.post(edit, {**data, "next": "0"})["Location"] == LIST  # not a view's name either
    assert artisan.post(LIST, {"product": [product.pk], "action": "restore", "next": "home"})["Location"] == f"{LIST}?archives=1"
    assert artisan.post(LIST, {"product": [product.pk], "action": "archive", "next": "https://evil.example/"})["Location"] == LIST
    page = artisan.get(f"{edit}?next=https://evil.example/").content.decode()
    assert "evil.example" not in page


@pytest.fixture
def foreign():
    other = ShopFactory()
    product = ProductFactory(shop=other, title="Vase de l'autre")
    parent = Product.objects.create(title="Savon de l'autre", structure="parent", product_class=product.product_class)
    child = Product.objects.create(title="Savon de l'autre – Rose", structure="child", parent=parent)
    StockRecord.objects.create(product=child, partner=other.partner, partner_sku="R", price=Decimal("3"), num_in_stock=1)
    return {"product": product, "parent": parent, "child": child}


@pytest.mark.parametrize("name", ["artisan:product-edit", "artisan:product-duplicate"])
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("which", ["product", "parent", "child"])
def test_another_shops_products_answer_404(artisan, shop, foreign, name, method, which):
    url = reverse(name, kwargs={"pk": foreign[which].pk})
    response = getattr(artisan, method)(url, form_data(title="Volé", price="1"))
    assert response.status_code == 404
    assert not Product.objects.filter(title__startswith="Volé").exists()
    assert Product.objects.filter(title__startswith="Vase de l'autre").count() == 1


@pytest.mark.parametrize("action", ["archive", "restore", "sold_out"])
def test_bulk_actions_on_another_shops_products_answer_404(artisan, shop, foreign, action):
    own = ProductFactory(shop=shop)
    for ids in ([foreign["product"].pk], [own.pk, foreign["product"].pk], [foreign["child"].pk], ["abc"], ["-1"]):
        assert artisan.post(LIST, {"product": ids, "action": action}).status_code == 404
    assert Product.objects.get(pk=foreign["product"].pk).is_public
    assert StockRecord.objects.get(product=foreign["product"]).num_in_stock == 10


def test_a_variant_of_another_product_cannot_be_posted(artisan, shop, foreign):
    own = ProductFactory(shop=shop, title="Savon")
    edit = reverse("artisan:product-edit", kwargs={"pk": own.pk})
    data = form_data(title="Savon", **{"variants-0-id": str(foreign["child"].pk), "variants-0-name": "Volée",
                                       "variants-0-price": "1", "variants-0-stock": "1"})
    assert artisan.post(edit, data).status_code == 404
    foreign["child"].refresh_from_db()
    assert foreign["child"].title == "Savon de l'autre – Rose"


def test_the_list_and_forms_need_a_shop(client):
    response = client.get(LIST)
    assert response.status_code == 302
    client.force_login(ShopFactory().owner)
    assert client.get(CREATE).status_code == 200


def test_another_shops_pictures_cannot_be_removed_or_moved(artisan, shop):
    other_product = ProductFactory(title="Vase de l'autre")
    foreign_image = ProductImage.objects.create(product=other_product, original=picture("x.jpg"), display_order=0)
    own = ProductFactory(shop=shop, title="Bol")
    edit = reverse("artisan:product-edit", kwargs={"pk": own.pk})
    response = artisan.post(edit, form_data(title="Bol", price="3", **{
        f"picture-{foreign_image.pk}-remove": "on", f"picture-{foreign_image.pk}-order": "5"}))
    assert response.status_code == 302
    foreign_image.refresh_from_db()
    assert foreign_image.product_id == other_product.pk and foreign_image.display_order == 0


def test_archiving_a_product_with_variants_takes_its_variants_out_of_search(artisan, shop, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        artisan.post(CREATE, form_data(title="Savon", **{"variants-0-name": "Rose", "variants-0-price": "5", "variants-0-stock": "2"}))
    product = Product.objects.get(title="Savon")
    child = product.children.get()
    assert SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()  # the parent's document
    with django_capture_on_commit_callbacks(execute=True):
        artisan.post(LIST, {"product": [product.pk], "action": "archive"})
    child.refresh_from_db()
    assert not child.is_public
    assert not SearchEntry.objects.filter(kind="product", object_id__in=[product.pk, child.pk]).exists()
    with django_capture_on_commit_callbacks(execute=True):
        artisan.post(LIST, {"product": [product.pk], "action": "restore"})
    assert SearchEntry.objects.filter(kind="product", object_id=product.pk).exists()


def test_prices_change_by_a_percentage_within_bounds(artisan, shop, django_capture_on_commit_callbacks):
    bread = ProductFactory(shop=shop, title="Pain", shop__price=Decimal("4.50"))
    artisan.post(CREATE, form_data(title="Savon", **{"variants-0-name": "Rose", "variants-0-price": "5", "variants-0-stock": "2"}))
    soap = Product.objects.get(title="Savon")
    other = ProductFactory(title="Pain de l'autre", shop__price=Decimal("4.50"))
    with django_capture_on_commit_callbacks(execute=True):
        response = artisan.post(LIST, {"product": [bread.pk, soap.pk], "action": "prices", "percentage": "10 %"}, follow=True)
    assert "2 prix sont modifiés." in response.content.decode()
    assert StockRecord.objects.get(product=bread).price == Decimal("4.95")
    assert StockRecord.objects.get(product__parent=soap).price == Decimal("5.50")
    assert StockRecord.objects.get(product=other).price == Decimal("4.50")
    assert SearchEntry.objects.get(kind="product", object_id=bread.pk).price == Decimal("4.95")

    response = artisan.post(LIST, {"product": [bread.pk], "action": "prices", "percentage": "-99,9"}, follow=True)
    assert "Indiquez un pourcentage entre -99 et 1000." in response.content.decode()
    response = artisan.post(LIST, {"product": [bread.pk], "action": "prices", "percentage": "-99.8"}, follow=True)
    assert "Indiquez un pourcentage entre -99 et 1000." in response.content.decode()
    response = artisan.post(LIST, {"product": [bread.pk], "action": "prices", "percentage": "-99"}, follow=True)
    assert StockRecord.objects.get(product=bread).price == Decimal("0.05")  # 4,95 € divided by 100, rounded
    response = artisan.post(LIST, {"product": [bread.pk], "action": "prices", "percentage": "-90"}, follow=True)
    assert "au moins 0,01" in response.content.decode()  # 0,005 € is below a cent: refused whole
    assert StockRecord.objects.get(product=bread).price == Decimal("0.05")
    for bad in ("", "abc", "1e400", "NaN"):
        response = artisan.post(LIST, {"product": [bread.pk], "action": "prices", "percentage": bad}, follow=True)
        assert response.status_code == 200
        assert StockRecord.objects.get(product=bread).price == Decimal("0.05")


@pytest.mark.parametrize("hostile", [
    {"variants-TOTAL_FORMS": "abc"},
    {"variants-TOTAL_FORMS": "999999"},
    {"variants-0-id": "99999999999999999999999", "variants-0-name": "x", "variants-0-price": "1"},
    {"variants-0-id": "abc", "variants-0-name": "x", "variants-0-price": "1"},
    {"sections": ["999999999999999999999"]},
    {"sections": ["abc"]},
    {"allergens": ["arsenic"]},
    {"vat_rate": "0.33"},
    {"price": "1e400"},
    {"price": "NaN"},
    {"stock": "99999999999999999999"},
    {"title": "x" * 300},
    {"title": "Pain\x00"},
    {"description": "<script>alert(1)</script>" + "a" * 30000},
])
def test_hostile_form_input_gets_a_french_answer_never_a_500(artisan, shop, hostile):
    product = ProductFactory(shop=shop, title="Bol")
    for url in (CREATE, reverse("artisan:product-edit", kwargs={"pk": product.pk})):
        response = artisan.post(url, form_data(**hostile))
        assert response.status_code in (200, 302, 404), response.status_code
    assert not Product.objects.filter(title__startswith="x" * 256).exists()


@pytest.mark.parametrize("query", ["section=99999999999999999999999", "page=99999999999", "stock=%00", "q=" + "a" * 500, "archives=yes"])
def test_hostile_list_queries_are_no_filter(artisan, shop, query):
    ProductFactory(shop=shop, title="Bol")
    assert artisan.get(f"{LIST}?{query}").status_code == 200


def test_categories_come_by_family_folded_except_where_the_product_is(artisan, shop):
    jams = create_from_breadcrumbs("Épicerie > Confitures")
    create_from_breadcrumbs("Boulangerie > Viennoiseries")
    product = ProductFactory(shop=shop, title="Confiture d'abricots")
    product.categories.add(jams)
    html = artisan.get(reverse("artisan:product-edit", kwargs={"pk": product.pk})).content.decode()
    families = [(opened, name.strip()) for opened, name in re.findall(r'<details class="product-form__family"( open)?>\s*<summary>([^<]+)', html)]
    assert ("", "Boulangerie") in families and (" open", "Épicerie") in families
    assert "1 choisie" in html


def test_each_picture_says_what_it_shows_for_customers_who_do_not_see_it(artisan, shop):
    product = ProductFactory(shop=shop, title="Miel de lavande")
    image = ProductImage.objects.create(product=product, original=picture("miel.jpg"), display_order=0)
    url = reverse("artisan:product-edit", kwargs={"pk": product.pk})
    data = form_data(title="Miel de lavande", **{f"picture-{image.pk}-order": "1", f"picture-{image.pk}-description": "  Pot de 250 g, couvercle doré  "})
    response = artisan.post(url, data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    image.refresh_from_db()
    assert image.caption == "Pot de 250 g, couvercle doré"
    assert 'value="Pot de 250 g, couvercle doré"' in artisan.get(url).content.decode()
    too_long = artisan.post(url, {**data, f"picture-{image.pk}-description": "x" * 201})
    assert too_long.status_code == 200
    image.refresh_from_db()
    assert image.caption == "Pot de 250 g, couvercle doré"
