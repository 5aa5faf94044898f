"""The product page's pictures: no carousel script, the first one loaded at once in web sizes, the
others in a row of their own."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from oscar.core.loading import get_model
from PIL import Image

from catalogue.renditions import make_renditions
from tests.factories import ProductFactory, ShopFactory

ProductImage = get_model("catalogue", "ProductImage")
pytestmark = pytest.mark.django_db


def stored_picture(name: str, width: int = 1000) -> str:
    output = io.BytesIO()
    Image.new("RGB", (width, width), "#b5651d").save(output, format="JPEG")
    return default_storage.save(f"images/products/{name}.jpg", ContentFile(output.getvalue()))


def test_pictures_in_web_sizes_first_at_once_no_carousel(client):
    product = ProductFactory(shop=ShopFactory(), title="Bol en grès")
    for number in range(3):
        source = stored_picture(f"bol-{number}")
        ProductImage.objects.create(product=product, original=source, display_order=number)
        make_renditions(source)
    html = client.get(product.get_absolute_url()).content.decode()
    gallery = html[html.index('class="echoppe-gallery'):]
    gallery = gallery[:gallery.index("</div>")]
    assert gallery.count('class="echoppe-gallery__slide"') == 3
    assert "carousel" not in html and "data-slide" not in html
    assert gallery.count('loading="eager"') == 1 and gallery.count('loading="lazy"') == 2
    first = gallery[:gallery.index("</li>")]
    assert 'type="image/webp"' in first and "800w" in first and 'alt="Bol en grès"' in first
    assert "3 photos" in gallery


def test_a_product_without_pictures_shows_no_empty_gallery(client):
    product = ProductFactory(shop=ShopFactory())
    assert "echoppe-gallery" not in client.get(product.get_absolute_url()).content.decode()
