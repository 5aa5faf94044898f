"""Regressions for defects found in review: each test names the defect it guards against."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image

from catalogue.csv_import import check_row, run_import
from catalogue.image_validation import validate_and_clean_image
from catalogue.models import ImageRendition, ProductImport
from shops import workflow
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import ShopFactory, UserFactory

StockRecord = get_model("partner", "StockRecord")
pytestmark = pytest.mark.django_db


def picture(colour, image_format) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (900, 900), colour).save(output, format=image_format)
    return output.getvalue()


def test_two_shops_pictures_with_the_same_name_keep_their_own_renditions(client, django_capture_on_commit_callbacks):
    shop_a, shop_b = ShopFactory(), ShopFactory()
    client.force_login(shop_a.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/espace-artisan/apparence/", {"upload": "1", "logo": SimpleUploadedFile("logo.jpg", picture("#ff0000", "JPEG"))})
    client.force_login(shop_b.owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/espace-artisan/apparence/", {"upload": "1", "logo": SimpleUploadedFile("logo.png", picture("#0000ff", "PNG"))})
    shop_a.refresh_from_db()
    shop_b.refresh_from_db()
    files_a = set(ImageRendition.objects.filter(source=shop_a.logo.name).values_list("file", flat=True))
    files_b = set(ImageRendition.objects.filter(source=shop_b.logo.name).values_list("file", flat=True))
    assert len(files_a) == len(files_b) == 4 and not files_a & files_b
    rendition_a = ImageRendition.objects.get(source=shop_a.logo.name, width=800, format="jpg")
    with rendition_a.file.open() as handle:
        red, green, blue = Image.open(handle).convert("RGB").getpixel((10, 10))
    assert red > 200 and blue < 60  # still A's red logo


def test_reimporting_fewer_columns_leaves_the_others_as_they_were(client, django_capture_on_commit_callbacks):
    shop = ShopFactory()
    client.force_login(shop.owner)
    for content in (
        "reference;titre;prix_ttc;tva;stock;description;perissable\nR1;Pain;4,50;5,5;30;Au levain;oui\n",
        "reference;titre;prix_ttc\nR1;Pain;4,80\n",
    ):
        client.post("/espace-artisan/import/", {"file": SimpleUploadedFile("p.csv", content.encode())})
        with django_capture_on_commit_callbacks(execute=True):
            client.post(f"/espace-artisan/import/{ProductImport.objects.first().pk}/")
    record = StockRecord.objects.get(partner_sku="R1")
    product = record.product
    assert (str(record.price), record.num_in_stock) == ("4.80", 30)
    assert (str(product.vat_rate), product.is_perishable, product.description) == ("0.055", True, "Au levain")


def test_reading_an_odd_csv_does_not_change_pythons_csv_dialect(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    client.post("/espace-artisan/import/", {"file": SimpleUploadedFile("p.csv", b"reference\x0btitre\x0bprix_ttc\n")})
    output = io.StringIO()
    csv.writer(output, dialect=csv.excel).writerow(["a", "b"])
    assert output.getvalue() == "a,b\r\n"


def test_camera_jpegs_read_as_mpo_are_accepted_as_jpeg():
    output = io.BytesIO()
    Image.new("RGB", (640, 480), "#884400").save(output, format="MPO", save_all=True, append_images=[Image.new("RGB", (160, 120))])
    assert Image.open(io.BytesIO(output.getvalue())).format == "MPO"
    cleaned = validate_and_clean_image(SimpleUploadedFile("camera.jpg", output.getvalue()))
    assert Image.open(io.BytesIO(cleaned.read())).format == "JPEG" and cleaned.name == "camera.jpg"


def test_sending_no_picture_says_so(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/apparence/", {"upload": "1"})
    assert response.status_code == 200
    assert "Choisissez un logo ou une bannière" in response.content.decode()


def test_a_chamber_reviewer_previews_an_application_but_cannot_decide_on_their_own_shop(client):
    reviewer = UserFactory()
    reviewer.groups.add(chamber_group())
    pending = ShopFactory(status=ShopStatus.SUBMITTED)
    client.force_login(reviewer)
    assert client.get(pending.get_absolute_url()).status_code == 200

    own = ShopFactory(status=ShopStatus.SUBMITTED, owner=reviewer)
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.approve(own, reviewer)
    response = client.post(f"/chambre/candidatures/{own.pk}/", {"decision": "approve"})
    assert response.status_code == 200
    own.refresh_from_db()
    assert own.status == ShopStatus.SUBMITTED


def test_the_chamber_suspends_and_reinstates_a_shop_with_a_reason(client, django_capture_on_commit_callbacks):
    reviewer = UserFactory()
    reviewer.groups.add(chamber_group())
    shop = ShopFactory(owner=UserFactory(email="artisan@example.fr", username="artisan@example.fr"))
    client.force_login(reviewer)
    assert client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "suspend", "reason": ""}).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "suspend", "reason": "Produits non conformes."})
    shop.refresh_from_db()
    assert shop.status == ShopStatus.SUSPENDED
    assert "Produits non conformes." in mail.outbox[-1].body
    client.logout()
    assert client.get(shop.get_absolute_url()).status_code == 404
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/chambre/candidatures/{shop.pk}/", {"decision": "reinstate", "reason": ""})
    shop.refresh_from_db()
    assert shop.status == ShopStatus.APPROVED


def test_stock_records_are_priced_in_euros_only(client):
    from oscar.core.loading import get_class

    StockRecordForm = get_class("dashboard.catalogue.forms", "StockRecordForm")
    shop = ShopFactory()
    product_class = get_model("catalogue", "ProductClass").objects.create(name="Objet", track_stock=True)
    form = StockRecordForm(product_class, shop.owner, data={"partner": shop.pk, "partner_sku": "X", "price_currency": "XYZ", "price": "4.50", "num_in_stock": "1"})
    assert not form.is_valid() and "price_currency" in form.errors


def test_phone_number_errors_are_in_french(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/boutique/", {"tagline": "", "story": "", "email": "", "phone": "pas un numéro", "website": ""})
    assert "Saisissez un numéro de téléphone valide" in " ".join(response.context["form"].errors["phone"])


def test_a_redelivered_import_task_does_not_run_a_second_writer():
    shop = ShopFactory()
    running = ProductImport.objects.create(
        shop=shop, file_name="p.csv", status=ProductImport.Status.RUNNING, started_at=timezone.now(), columns=["price", "reference", "title"],
        rows=[{"line": 2, "values": check_row({"line": 2, "reference": "R", "title": "T", "price": "1,00"}, {}, set()).values, "errors": []}],
        total_rows=1, valid_rows=1,
    )
    run_import(running.pk)
    running.refresh_from_db()
    assert (running.status, running.processed_rows) == (ProductImport.Status.RUNNING, 0)
    # A claim older than the lease belongs to a dead worker: the import starts over.
    ProductImport.objects.filter(pk=running.pk).update(started_at=timezone.now() - datetime.timedelta(hours=1))
    run_import(running.pk)
    running.refresh_from_db()
    assert (running.status, running.processed_rows) == (ProductImport.Status.DONE, 1)
