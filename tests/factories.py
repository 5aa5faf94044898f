"""Factories for users, communes, shops and products: the one place tests build their data."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from geography.models import Commune, CommunePostcode
from geography.text import normalize
from shops.models import Shop, ShopStatus
from shops.roles import artisan_group
from shops.trades import Trade

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.fr")
    email = factory.SelfAttribute("username")
    first_name = "Camille"
    last_name = "Martin"
    password = factory.django.Password("un-mot-de-passe-solide")


class CommuneFactory(factory.django.DjangoModelFactory):
    """A commune; ``postcodes`` also creates the postcode lookup rows."""

    class Meta:
        model = Commune
        django_get_or_create = ("insee_code",)
        skip_postgeneration_save = True

    # Codes no real commune has, so that factories never collide with the imported gazetteer.
    insee_code = factory.Sequence(lambda n: f"X{n % 10000:04d}")
    name = factory.Sequence(lambda n: f"Commune {n}")
    search_name = factory.LazyAttribute(lambda commune: normalize(commune.name))
    postcodes = factory.Sequence(lambda n: f"00{n % 1000:03d}")
    department_code = "05"
    department_name = "Hautes-Alpes"
    region_code = "93"
    region_name = "Provence-Alpes-Côte d'Azur"
    population = 1000
    latitude = 44.55858
    longitude = 6.07868
    coordinate_source = "geonames"

    @factory.post_generation
    def postcode_links(commune, create, extracted, **kwargs):
        if create:
            for postcode in commune.postcodes.split():
                CommunePostcode.objects.get_or_create(commune=commune, postcode=postcode)


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Atelier {n}")
    code = factory.Sequence(lambda n: f"atelier-{n}")


class ShopFactory(factory.django.DjangoModelFactory):
    """An approved shop with its partner and one artisan user (``shop.owner``)."""

    class Meta:
        model = Shop
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    slug = factory.Sequence(lambda n: f"boutique-{n}")
    trade = Trade.BAKERY
    tagline = "Pains au levain cuits au feu de bois"
    commune = factory.SubFactory(CommuneFactory)
    latitude = factory.SelfAttribute("commune.latitude")
    longitude = factory.SelfAttribute("commune.longitude")
    status = ShopStatus.APPROVED
    accepts_payment_on_site = True
    # An approved shop made for a test is already public; tests of shops.listing pass listed_at=None.
    listed_at = factory.LazyAttribute(
        lambda shop: timezone.now() if shop.status in (ShopStatus.APPROVED, ShopStatus.SUSPENDED) else None
    )

    @factory.post_generation
    def owner(shop, create, extracted, **kwargs):
        shop.owner = extracted or UserFactory()
        if create:
            shop.partner.users.add(shop.owner)
            shop.owner.groups.add(artisan_group())


class ProductClassFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductClass
        django_get_or_create = ("name",)

    name = "Produit artisanal"
    track_stock = True
    requires_shipping = True


class ProductFactory(factory.django.DjangoModelFactory):
    """A public product sold by ``shop`` (a new shop unless given), with one stock record."""

    class Meta:
        model = Product
        skip_postgeneration_save = True

    structure = "standalone"
    title = factory.Sequence(lambda n: f"Pain de campagne n°{n}")
    product_class = factory.SubFactory(ProductClassFactory)
    is_public = True

    @factory.post_generation
    def shop(product, create, extracted, **kwargs):
        if not create:
            return
        shop = extracted or ShopFactory()
        StockRecord.objects.create(
            product=product,
            partner=shop.partner,
            partner_sku=f"SKU-{product.pk}",
            price_currency="EUR",
            price=kwargs.get("price", Decimal("4.50")),
            num_in_stock=kwargs.get("num_in_stock", 10),
        )
