"""The artisan's collection and delivery settings, and the delivery days they give."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from shops.checklist import shop_checklist
from shops.fulfilment import LocalDeliveryOption
from shops.models import ClickAndCollectOption
from tests.factories import CommuneFactory, ShopFactory

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")

FORM = {
    "collect-is_active": "on", "collect-pickup_address": "", "collect-slot_minutes": "30", "collect-preparation_hours": "2",
    "collect-same_day_cutoff": "", "collect-capacity_per_slot": "4", "collect-horizon_days": "14",
    "delivery-is_active": "on", "delivery-radius_km": "12", "delivery-postcodes_text": "05000, 05100",
    "delivery-flat_fee": "6,00", "delivery-bands_text": "5: 2,50\n10 km : 4", "delivery-free_above": "60",
    "delivery-minimum_order": "15", "delivery-delivery_days": ["1", "3", "5"], "delivery-cutoff_time": "18:00",
    "delivery-morning_window": "on", "delivery-afternoon_window": "",
}


@pytest.fixture
def artisan(client):
    CommuneFactory(insee_code="05061", postcodes="05000")
    CommuneFactory(insee_code="05023", postcodes="05100")
    shop = ShopFactory()
    client.force_login(shop.owner)
    client.shop = shop
    return client


def test_settings_are_saved_and_complete_the_checklist(artisan):
    item = next(item for item in shop_checklist(artisan.shop) if item.code == "fulfilment")
    assert not item.is_done
    assert artisan.get("/espace-artisan/retrait-livraison/").status_code == 200
    response = artisan.post("/espace-artisan/retrait-livraison/", FORM)
    assert response.status_code == 302
    collect = ClickAndCollectOption.objects.get(shop=artisan.shop)
    delivery = LocalDeliveryOption.objects.get(shop=artisan.shop)
    assert (collect.capacity_per_slot, collect.slot_rules(lead_days=2).lead_days) == (4, 2)
    assert delivery.postcodes == ["05000", "05100"]
    assert delivery.distance_bands == [["5", "2.50"], ["10", "4.00"]]
    assert delivery.delivery_days == [1, 3, 5]
    assert delivery.pricing().distance_bands == ((Decimal("5"), Decimal("2.50")), (Decimal("10"), Decimal("4.00")))
    assert delivery.zone().radius_km == Decimal("12")
    assert next(item for item in shop_checklist(artisan.shop) if item.code == "fulfilment").is_done
    # The page shows the saved settings back as they were typed.
    page = artisan.get("/espace-artisan/retrait-livraison/").content.decode()
    assert "05000, 05100" in page and "5: 2,50" in page


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"delivery-radius_km": "", "delivery-postcodes_text": ""}, "radius_km", "rayon"),
        ({"delivery-postcodes_text": "05000, 5100"}, "postcodes_text", "5100"),
        ({"delivery-postcodes_text": "99999"}, "postcodes_text", "99999"),
        ({"delivery-bands_text": "5 euros"}, "bands_text", "Ligne 1"),
        ({"delivery-bands_text": "10: 4\n5: 2"}, "bands_text", "Ligne 2"),
        ({"delivery-delivery_days": []}, "delivery_days", "jour"),
        ({"delivery-morning_window": ""}, "afternoon_window", "matin"),
        ({"delivery-radius_km": "500"}, "radius_km", "100"),
        ({"delivery-flat_fee": "-2"}, "flat_fee", "0"),
    ],
)
def test_delivery_settings_are_validated_in_french(artisan, changes, field, fragment):
    response = artisan.post("/espace-artisan/retrait-livraison/", {**FORM, **changes})
    assert response.status_code == 200
    assert fragment in " ".join(response.context["delivery_form"].errors[field])
    assert not LocalDeliveryOption.objects.exists()


def test_a_shop_offers_at_least_one_way(artisan):
    response = artisan.post("/espace-artisan/retrait-livraison/", {**FORM, "collect-is_active": "", "delivery-is_active": ""})
    assert response.status_code == 200 and response.context["collect_form"].errors["is_active"]


def test_delivery_dates_skip_the_same_day_and_follow_the_cutoff():
    option = LocalDeliveryOption(delivery_days=[1, 3, 5], cutoff_time=datetime.time(18, 0))
    monday_noon = datetime.datetime(2026, 11, 23, 12, 0, tzinfo=PARIS)
    assert option.delivery_dates(monday_noon, count=3) == [datetime.date(2026, 11, 24), datetime.date(2026, 11, 26), datetime.date(2026, 11, 28)]
    monday_evening = datetime.datetime(2026, 11, 23, 18, 30, tzinfo=PARIS)
    assert option.delivery_dates(monday_evening, count=1) == [datetime.date(2026, 11, 26)]
    assert option.delivery_dates(monday_noon, count=1, lead_days=3) == [datetime.date(2026, 11, 28)]
