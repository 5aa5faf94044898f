import pytest

from shops.models import ShopStatus
from tests.factories import ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db

HIDDEN_STATUSES = [
    ShopStatus.DRAFT,
    ShopStatus.SUBMITTED,
    ShopStatus.CHANGES_REQUESTED,
    ShopStatus.REJECTED,
    ShopStatus.SUSPENDED,
]


def test_an_approved_shop_shows_its_products(client):
    shop = ShopFactory(partner__name="Fromagerie des Alpes")
    ProductFactory(shop=shop, title="Tomme de chèvre")
    ProductFactory(title="Produit d'une autre boutique")
    response = client.get(f"/shops/{shop.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Fromagerie des Alpes" in html and "Tomme de chèvre" in html
    assert "Produit d'une autre boutique" not in html
    assert "Aperçu" not in html


@pytest.mark.parametrize("status", HIDDEN_STATUSES)
def test_a_shop_that_is_not_approved_is_hidden_from_everyone_but_its_artisan(client, status):
    shop = ShopFactory(status=status)
    url = f"/shops/{shop.slug}/"
    assert client.get(url).status_code == 404

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404
    client.force_login(ShopFactory().owner)  # another artisan
    assert client.get(url).status_code == 404

    client.force_login(shop.owner)
    response = client.get(url)
    assert response.status_code == 200
    assert "Aperçu\xa0: cette boutique n'est pas encore publique" in response.content.decode()


def test_unknown_shop_is_a_404(client):
    assert client.get("/shops/nulle-part/").status_code == 404


def test_storefront_paginates_products(client):
    shop = ShopFactory()
    for number in range(30):
        ProductFactory(shop=shop, title=f"Pain {number:02d}")
    first = client.get(f"/shops/{shop.slug}/")
    assert len(first.context["products"]) == 24
    last = client.get(f"/shops/{shop.slug}/?page=2")
    assert [product.title for product in last.context["products"]] == [f"Pain {n}" for n in range(24, 30)]
    assert client.get(f"/shops/{shop.slug}/?page=99").status_code == 404
