"""Bulk import of products from a CSV file: checked whole, previewed row by row, written by a task."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from catalogue.models import ProductImport
from tests.factories import ShopFactory

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db

GOOD = (
    "reference;titre;prix_ttc;tva;stock;description;categorie;perissable;sur_commande;delai_jours\n"
    "PAIN-1;Pain de campagne;4,20;5,5;12;Au levain;Pains;oui;non;\n"
    "PAIN-2;Fougasse aux olives;3,50;5,5;8;;;oui;non;\n"
    "GATEAU-1;Pièce montée;85,00;5,5;0;Sur commande;;oui;oui;3\n"
)


def csv_file(text: str, name="produits.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


@pytest.fixture
def artisan_client(client):
    shop = ShopFactory(trade="boulangerie")
    create_from_breadcrumbs("Boulangerie > Pains")
    client.force_login(shop.owner)
    client.shop = shop
    return client


def upload(client, text, **kwargs):
    return client.post("/espace-artisan/import/", {"file": csv_file(text, **kwargs)})


def test_a_good_file_is_previewed_then_imported_with_progress(artisan_client, django_capture_on_commit_callbacks):
    response = upload(artisan_client, GOOD)
    assert response.status_code == 302
    product_import = ProductImport.objects.get()
    assert (product_import.total_rows, product_import.valid_rows, product_import.status) == (3, 3, "preview")
    assert not Product.objects.exists()  # nothing written before confirmation
    preview = artisan_client.get(response.url).content.decode()
    assert "Pain de campagne" in preview and "Importer 3 produits" in preview

    with django_capture_on_commit_callbacks(execute=True):
        artisan_client.post(response.url)
    product_import.refresh_from_db()
    assert (product_import.status, product_import.processed_rows, product_import.created_count) == ("done", 3, 3)
    assert product_import.progress_percent == 100

    bread = Product.objects.get(title="Pain de campagne")
    record = bread.stockrecords.get()
    assert (record.partner_id, record.partner_sku, record.price, record.num_in_stock) == (artisan_client.shop.pk, "PAIN-1", Decimal("4.20"), 12)
    assert (bread.vat_rate, bread.is_perishable, bread.categories.get().name) == (Decimal("0.055"), True, "Pains")
    cake = Product.objects.get(title="Pièce montée")
    assert (cake.is_made_to_order, cake.lead_time_days) == (True, 3)
    assert Product.objects.get(title="Fougasse aux olives").categories.get().name == "Boulangerie"  # the trade's

    # The same file again updates the products instead of duplicating them.
    upload(artisan_client, GOOD.replace("4,20", "4,40"))
    second = ProductImport.objects.first()
    with django_capture_on_commit_callbacks(execute=True):
        artisan_client.post(f"/espace-artisan/import/{second.pk}/")
    second.refresh_from_db()
    assert (second.created_count, second.updated_count) == (0, 3)
    assert Product.objects.count() == 3
    assert StockRecord.objects.get(partner_sku="PAIN-1").price == Decimal("4.40")
    # Confirming twice does not import twice.
    assert artisan_client.post(f"/espace-artisan/import/{second.pk}/").status_code == 302
    second.refresh_from_db()
    assert second.updated_count == 3


def test_rows_with_errors_are_listed_and_skipped(artisan_client, django_capture_on_commit_callbacks):
    text = (
        "reference,titre,prix_ttc,tva,stock,categorie,perissable\n"
        "A1,Miel de lavande,\"12,50\",5.5,10,,oui\n"
        ",Sans référence,3,,,,\n"
        "A3,,3,,,,\n"
        "A4,Prix négatif,-2,,,,\n"
        "A5,TVA exotique,3,19,,,\n"
        "A6,Stock flou,3,,beaucoup,,\n"
        "A7,Catégorie inconnue,3,,,Astrologie,\n"
        "A8,Périssable ?,3,,,,peut-être\n"
        "A1,Doublon,3,,,,\n"
    )
    response = upload(artisan_client, text)
    product_import = ProductImport.objects.get()
    assert (product_import.total_rows, product_import.valid_rows) == (9, 1)
    errors = {row["line"]: " ".join(row["errors"]) for row in product_import.rows}
    assert errors[2] == ""
    assert "référence est vide" in errors[3]
    assert "titre est vide" in errors[4]
    assert "-2" in errors[5]
    assert "19" in errors[6]
    assert "beaucoup" in errors[7]
    assert "Astrologie" in errors[8]
    assert "peut-être" in errors[9]
    assert "deux fois" in errors[10]
    page = artisan_client.get(response.url).content.decode()
    assert "Astrologie" in page and "Importer 1 produit" in page
    with django_capture_on_commit_callbacks(execute=True):
        artisan_client.post(response.url)
    assert list(Product.objects.values_list("title", flat=True)) == ["Miel de lavande"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("", "vide"),
        ("titre;prix_ttc\nPain;3\n", "reference"),
        ("reference;titre;prix_ttc\n", "aucun produit"),
        ('reference;titre;prix_ttc\nA;"Pain non fermé;3\n', "Ligne"),
        ("reference;titre;prix_ttc\nA;Pain;3;en trop;encore\n", "Ligne 2"),
        ("\x00\x01\x02binary", "texte"),
    ],
)
def test_a_malformed_file_is_refused_whole_with_the_line_and_reason(artisan_client, content, fragment):
    response = upload(artisan_client, content)
    assert response.status_code == 200
    error = " ".join(response.context["form"].errors["file"])
    assert fragment in error
    assert not ProductImport.objects.exists() and not Product.objects.exists()


def test_a_windows_file_with_accents_is_read(artisan_client):
    upload(artisan_client, "reference;titre;prix_ttc\nC1;Crème de marrons;6,90\n", encoding="cp1252")
    assert ProductImport.objects.get().rows[0]["values"]["title"] == "Crème de marrons"


def test_a_file_over_2_mb_is_refused(artisan_client):
    big = "reference;titre;prix_ttc\n" + "X;" + "a" * (2 * 1024 * 1024) + ";3\n"
    response = upload(artisan_client, big)
    assert "2 Mo" in " ".join(response.context["form"].errors["file"])


def test_another_artisan_cannot_see_or_confirm_an_import(artisan_client, client):
    upload(artisan_client, GOOD)
    product_import = ProductImport.objects.get()
    other = ShopFactory()
    artisan_client.force_login(other.owner)
    assert artisan_client.get(f"/espace-artisan/import/{product_import.pk}/").status_code == 404
    assert artisan_client.post(f"/espace-artisan/import/{product_import.pk}/").status_code == 404
    product_import.refresh_from_db()
    assert product_import.status == "preview"
