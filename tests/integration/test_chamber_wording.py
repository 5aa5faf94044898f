"""The chamber's forms in French: a shop named with its town in every select of shops (without a query
per shop), the featured producers' position called « Ordre », never « Commande »."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from chamber.forms import FeatureForm
from chamber.forms_campaigns import CampaignForm
from chamber.models import Feature
from shops.models import ShopStatus
from shops.roles import chamber_group
from tests.factories import CommuneFactory, ProductFactory, ShopFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chamber_client(client):
    user = UserFactory(username="agent@cma.example.fr")
    user.groups.add(chamber_group())
    client.force_login(user)
    return client


@pytest.fixture
def twins():
    return [ShopFactory(partner__name="Le Fournil", commune=CommuneFactory(name=town)) for town in ("Gap", "Embrun")]


def _labels(field) -> list[str]:
    return [str(label) for value, label in field.choices if value != ""]


def test_the_feature_form_names_each_shop_with_its_town(twins):
    assert _labels(FeatureForm().fields["shop"]) == ["Le Fournil — Embrun", "Le Fournil — Gap"]


def test_the_campaign_form_names_each_shop_with_its_town(twins):
    ShopFactory(partner__name="Le Fournil", commune=CommuneFactory(name="Briançon"), status=ShopStatus.SUBMITTED)
    assert _labels(CampaignForm().fields["shops"]) == ["Le Fournil — Embrun", "Le Fournil — Gap"]


def test_the_campaign_products_are_grouped_under_the_shop_and_its_town(twins):
    gap, embrun = twins
    ProductFactory(shop=gap, title="Miche")
    ProductFactory(shop=embrun, title="Fougasse")
    form = CampaignForm(data={"shops": [gap.pk, embrun.pk]})
    assert [group for group, _products in form.fields["products"].choices] == ["Le Fournil — Embrun", "Le Fournil — Gap"]


@pytest.mark.parametrize("form_class, field", [(FeatureForm, "shop"), (CampaignForm, "shops")])
def test_listing_the_shops_costs_one_query_whatever_their_number(form_class, field):
    for index in range(8):
        ShopFactory(partner__name=f"Atelier {index}")
    form = form_class()
    with CaptureQueriesContext(connection) as captured:
        assert len(_labels(form.fields[field])) == 8
    assert len(captured) == 1


def test_the_position_of_a_featured_producer_is_an_order_not_a_purchase(chamber_client, twins):
    Feature.objects.create(shop=twins[0], portrait="Pain au levain.", starts_on=datetime.date(2026, 1, 1))
    with translation.override("fr"):
        assert str(FeatureForm().fields["position"].label) == "Ordre"
    form_page = chamber_client.get(reverse("chamber:feature-create")).content.decode()
    assert ">Ordre" in form_page and "Commande" not in form_page
    list_page = chamber_client.get(reverse("chamber:features")).content.decode()
    assert ">Ordre</th>" in list_page and "Commande" not in list_page
