"""Uploaded pictures are judged by content, cleaned of their metadata, and resized in the background."""

import io
import struct
import zlib

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from catalogue.image_validation import MAX_UPLOAD_BYTES, ImageRejected, validate_and_clean_image
from catalogue.models import ImageRendition
from catalogue.renditions import make_renditions, renditions_by_source
from tests.factories import ShopFactory

pytestmark = pytest.mark.django_db


def jpeg(width=1200, height=900, exif=None) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (width, height), "#b5651d").save(output, format="JPEG", exif=exif or b"")
    return output.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims huge dimensions, with almost no pixel data: a decompression bomb."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps[2] = (44.0, 33.0, 30.0)  # GPSLatitude
    gps[1] = "N"
    return exif.tobytes()


def upload(data: bytes, name="photo.jpg"):
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def test_a_good_picture_is_kept_without_its_exif_and_gps():
    original = jpeg(exif=exif_with_gps())
    assert Image.open(io.BytesIO(original)).getexif().get(0x010F) == "PhoneMaker"
    cleaned = validate_and_clean_image(upload(original))
    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "JPEG" and image.size == (1200, 900)
    assert len(image.getexif()) == 0
    assert cleaned.name == "photo.jpg"


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"Bonjour, je ne suis pas une image.", "photo.jpg", "n'est pas une image"),
        (jpeg()[:4000], "truncated.jpg", "endommagée ou incomplète"),
        (png_header_only(10_000, 10_000), "bomb.png", "mégapixels"),
        (png_header_only(100_000, 100_000), "huge.png", ""),
        (b"", "empty.jpg", "vide"),
        (b"GIF89a" + b"\x00" * 20, "broken.gif", ""),
    ],
)
def test_hostile_or_broken_files_are_rejected_with_a_clear_message(data, name, message):
    with pytest.raises(ImageRejected) as rejected:
        validate_and_clean_image(upload(data, name))
    assert message in str(rejected.value)


def test_a_file_over_10_mb_is_rejected_before_decoding():
    big = upload(b"\xff" * (MAX_UPLOAD_BYTES + 1), "big.jpg")
    with pytest.raises(ImageRejected, match="10 Mo"):
        validate_and_clean_image(big)


def test_renditions_are_made_once_in_webp_and_jpeg_without_enlarging():
    source = default_storage.save("shops/logos/atelier.jpg", io.BytesIO(jpeg(1000, 500)))
    assert make_renditions(source) == 4  # 800 and 400 px wide, WebP and JPEG; no 1600 (never enlarged)
    assert make_renditions(source) == 0  # idempotent
    sizes = sorted(ImageRendition.objects.filter(source=source).values_list("width", "height", "format"))
    assert sizes == [(400, 200, "jpg"), (400, 200, "webp"), (800, 400, "jpg"), (800, 400, "webp")]
    webp = ImageRendition.objects.get(source=source, width=800, format="webp")
    with default_storage.open(webp.file.name) as handle:
        assert Image.open(handle).format == "WEBP"
    assert [r.width for r in renditions_by_source([source])[source]] == [400, 400, 800, 800]


def test_a_hostile_file_does_not_crash_the_worker():
    bomb = default_storage.save("shops/logos/bomb.png", io.BytesIO(png_header_only(20_000, 20_000)))
    text = default_storage.save("shops/logos/text.jpg", io.BytesIO(b"not an image"))
    assert make_renditions(bomb) == 0
    assert make_renditions(text) == 0
    assert make_renditions("shops/logos/missing.jpg") == 0
    assert not ImageRendition.objects.exists()


def test_the_artisan_uploads_a_logo_and_gets_web_sizes(client, django_capture_on_commit_callbacks):
    shop = ShopFactory()
    client.force_login(shop.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/espace-artisan/apparence/", {"upload": "1", "logo": upload(jpeg(900, 900, exif=exif_with_gps()), "logo.jpg")})
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.logo.name.startswith("shops/logos/logo")
    with default_storage.open(shop.logo.name) as handle:
        assert len(Image.open(handle).getexif()) == 0
    assert ImageRendition.objects.filter(source=shop.logo.name).count() == 4
    page = client.get(shop.get_absolute_url()).content.decode()
    assert 'type="image/webp"' in page and "-400.webp 400w" in page


def test_a_text_file_named_jpg_is_refused_on_the_page(client):
    shop = ShopFactory()
    client.force_login(shop.owner)
    response = client.post("/espace-artisan/apparence/", {"upload": "1", "banner": upload(b"<?php echo 1; ?>", "banner.jpg")})
    assert response.status_code == 200
    assert "n'est pas une image" in " ".join(response.context["images_form"].errors["banner"])
    shop.refresh_from_db()
    assert not shop.banner
