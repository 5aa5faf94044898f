"""What a product page tells before buying, computed once for its template.

The price with its VAT mention, the availability (in stock, how many when few, made to order with
its making time, or why not), how to get it from this shop (the next free pickup slot, the delivery
zone with its fee, minimum and free-above amount, the next delivery day), how far the shop is from
the place the visitor last searched around, and for food the information a distance sale owes
(catalogue/food.py). The rules are the checkout's: slots from shops/slots.py with the full ones left
out, fees from the shop's delivery settings, words for moments from checkout/offers.py.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import prefetch_related_objects
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from checkout.offers import day_words, full_slots, pickup_place, slot_words
from geography.distance import haversine_km
from shops.models import VatRegime
from shops.partner.prices import euros
from shops.slots import pickup_slots

from .food import allergen_labels, highlighted_ingredients

# Below this many items left (or the artisan's low-stock threshold when set), the page says how many.
FEW_LEFT = 5
# The quantity field's ceiling when the stock does not bound it (made to order, untracked stock).
MAXIMUM_QUANTITY = 99


@dataclass(frozen=True)
class PriceMention:
    amount: Decimal  # VAT included
    vat_words: str  # « TTC, dont TVA 5,5 % », or the VAT exemption's mention


@dataclass(frozen=True)
class Availability:
    code: str  # in-stock, few-left, made-to-order, unavailable
    words: str
    is_orderable: bool
    maximum_quantity: int = MAXIMUM_QUANTITY


@dataclass(frozen=True)
class WaysToGet:
    pickup: str = ""  # « Retrait en boutique demain dès 8 h »
    pickup_place: str = ""
    delivery: str = ""  # « Livraison à 5,00 € dans un rayon de 10 km, offerte dès 40,00 € »
    delivery_minimum: str = ""  # « Commande minimum : 15,00 € »
    delivery_day: str = ""  # « Prochaine livraison : jeudi 10 décembre »
    delivers_to_place: bool | None = None  # None: no remembered place, or the zone cannot tell

    @property
    def offers_something(self) -> bool:
        return bool(self.pickup or self.delivery)


@dataclass(frozen=True)
class FoodInformation:
    ingredients: SafeString  # escaped, allergens emphasised
    allergens: list[str] = field(default_factory=list)
    net_quantity: str = ""
    storage: str = ""
    producer_name: str = ""
    producer_address: str = ""


@dataclass(frozen=True)
class VariantChoice:
    """One of a parent's variants as its page offers it: the customer picks one (Oscar's
    ``child_id``), and the basket gets that variant."""

    pk: int
    name: str  # « 500 g »: the variant's own words
    price: PriceMention | None
    availability: Availability
    checked: bool = False

    @property
    def is_orderable(self) -> bool:
        return self.availability.is_orderable and self.price is not None


@dataclass(frozen=True)
class ProductPage:
    price: PriceMention | None
    availability: Availability
    ways: WaysToGet
    distance_km: float | None = None  # from the remembered place
    place_label: str = ""
    food: FoodInformation | None = None
    variants: tuple[VariantChoice, ...] = ()  # a parent's, in their order
    price_varies: bool = False  # a parent whose variants' prices differ: « à partir de »

    @property
    def can_choose_variant(self) -> bool:
        return any(variant.is_orderable for variant in self.variants)

    @property
    def maximum_quantity(self) -> int:
        """The quantity field's ceiling: the product's, or the largest of its orderable variants'
        (the basket checks the chosen variant's stock)."""
        if self.variants:
            return max((variant.availability.maximum_quantity for variant in self.variants if variant.is_orderable), default=0)
        return self.availability.maximum_quantity


def plain_number(value: Decimal) -> str:
    """« 5,5 », « 20 », « 10 »: a decimal without its trailing zeros, in the reader's format."""
    value = value.normalize()
    return number_format(value, max(-value.as_tuple().exponent, 0), use_l10n=True)


def percentage(rate: Decimal) -> str:
    """« 5,5 % », « 20 % »: a VAT rate as a French reader writes it."""
    return f"{plain_number(rate * 100)}\u00a0%"


def price_mention(product, shop, price) -> PriceMention | None:
    """The price VAT included and what the law asks to say about the VAT inside it."""
    if price is None or not price.exists or not price.is_tax_known:
        return None
    if shop is not None and shop.vat_regime == VatRegime.FRANCHISE:
        words = shop.vat_mention
    else:
        words = _("incl. VAT, of which %(rate)s VAT") % {"rate": percentage(product.vat_rate)}
    return PriceMention(amount=price.incl_tax, vat_words=words)


def availability_of(product, stockrecord, availability) -> Availability:
    """The strategy's availability said for this page: how many when few, the making time."""
    if availability is None or not availability.is_available_to_buy:
        if availability is not None and availability.code == "outofstock":
            return Availability("unavailable", _("Sold out"), False, 0)
        message = str(availability.message) if availability is not None else ""
        return Availability("unavailable", message or _("Unavailable"), False, 0)
    if availability.code == "made-to-order":
        return Availability("made-to-order", str(availability.message), True)
    left = getattr(availability, "num_available", None)
    if left is None:
        return Availability("in-stock", _("Available"), True)
    threshold = stockrecord.low_stock_threshold if stockrecord is not None and stockrecord.low_stock_threshold else FEW_LEFT
    maximum = min(left, MAXIMUM_QUANTITY)
    if left <= threshold:
        return Availability("few-left", ngettext("Only %(count)d left", "Only %(count)d left", left) % {"count": left},
                            True, maximum)
    return Availability("in-stock", _("In stock"), True, maximum)


def _lead_days(product) -> int:
    return product.lead_time_days if product.is_made_to_order else 0


def next_pickup_words(product, shop, now: datetime.datetime) -> str:
    """« Retrait en boutique demain dès 8 h », or why no slot can be offered; "" without click-and-collect."""
    option = getattr(shop, "click_and_collect", None)
    if option is None or not option.is_active:
        return ""
    rules = option.slot_rules(_lead_days(product))
    full = full_slots([shop], now).get(shop.pk, set())
    slots = [slot for slot in pickup_slots(list(shop.opening_periods.all()), list(shop.closures.all()), rules, now)
             if slot.starts_at not in full]
    if not slots:
        return _("Pickup at the shop: no free slot in the coming %(days)d days") % {"days": rules.horizon_days}
    return _("Pickup at the shop %(when)s") % {"when": slot_words(slots[0], now)}


def delivery_words(option) -> str:
    """« Livraison à 5,00 € dans un rayon de 10 km, offerte dès 40,00 € »."""
    pricing = option.pricing()
    fees = [fee for _up_to, fee in pricing.distance_bands] + [pricing.flat_fee]
    lowest, highest = min(fees), max(fees)
    if highest == 0:
        fee = _("Free delivery")
    elif lowest == highest:
        fee = _("Delivery at %(fee)s") % {"fee": euros(lowest)}
    else:
        fee = _("Delivery from %(lowest)s to %(highest)s") % {"lowest": euros(lowest), "highest": euros(highest)}
    zones = []
    if option.radius_km is not None:
        zones.append(_("within %(radius)s km") % {"radius": plain_number(option.radius_km)})
    if option.postcodes:
        zones.append(_("in %(postcodes)s") % {"postcodes": ", ".join(sorted(option.postcodes))})
    zone = _("%(first)s and %(second)s") % {"first": zones[0], "second": zones[1]} if len(zones) == 2 else "".join(zones)
    words = f"{fee} {zone}".strip()
    if highest and pricing.free_above is not None:
        words += _(", free from %(amount)s") % {"amount": euros(pricing.free_above)}
    return words


def ways_to_get(product, shop, now: datetime.datetime, place=None) -> WaysToGet:
    if shop is None or not shop.accepts_orders:
        return WaysToGet()
    collect, option = getattr(shop, "click_and_collect", None), getattr(shop, "local_delivery", None)
    if (collect is not None and collect.is_active) or (option is not None and option.is_active):
        # Hours and closures once for both ways (and not at all for a shop offering neither).
        prefetch_related_objects([shop], "opening_periods", "closures")
    pickup = next_pickup_words(product, shop, now)
    if option is None or not option.is_active:
        return WaysToGet(pickup=pickup, pickup_place=pickup_place(shop) if pickup else "")
    pricing = option.pricing()
    days = option.delivery_dates(now, count=1, lead_days=_lead_days(product), closures=list(shop.closures.all()))
    delivers_to_place = None
    if place is not None:
        if place.insee_code and place.insee_code in option.zone().insee_codes:
            delivers_to_place = True
        elif option.radius_km is not None and haversine_km(shop.point, place.point) <= float(option.radius_km) + 1e-6:
            delivers_to_place = True
        elif not option.postcodes:
            delivers_to_place = False  # else its postcode may be listed: the page cannot tell
    return WaysToGet(
        pickup=pickup,
        pickup_place=pickup_place(shop) if pickup else "",
        delivery=delivery_words(option),
        delivery_minimum=_("Minimum order for delivery: %(amount)s") % {"amount": euros(pricing.minimum_order)}
        if pricing.minimum_order is not None else "",
        delivery_day=_("Next delivery: %(day)s") % {"day": day_words(days[0], timezone.localdate(now))} if days else "",
        delivers_to_place=delivers_to_place,
    )


def food_information(product, shop) -> FoodInformation | None:
    if not product.has_food_information:
        return None
    producer_name, producer_address = "", ""
    if shop is not None:
        producer_name = shop.legal_name or shop.name
        producer_address = ", ".join(part for part in (shop.address_line, f"{shop.postcode} {shop.commune.name}".strip()) if part)
    return FoodInformation(
        ingredients=highlighted_ingredients(product.ingredients, product.allergens),
        allergens=allergen_labels(product.allergens),
        net_quantity=product.net_quantity,
        storage=product.storage_instructions,
        producer_name=producer_name,
        producer_address=producer_address,
    )


def variant_words(child, parent) -> str:
    """« 500 g » for the variant titled « Confiture – 500 g » (shops.product_editing.variant_title)."""
    from shops.product_editing import variant_name

    return variant_name(child, parent.title) or child.get_title()


def variant_choices(product, shop, strategy) -> tuple[VariantChoice, ...]:
    """A parent's public variants with a stock record, each priced and said available by the
    strategy; the cheapest orderable one is chosen beforehand (the page works without a script).
    No query: the variants and their stock records come with the product (with_public_variants)."""
    if not product.is_parent:
        return ()
    choices = []
    for child, record in product.variant_offers():
        info = strategy.fetch_for_product(child, record)
        choices.append(VariantChoice(
            pk=child.pk,
            name=variant_words(child, product),
            price=price_mention(child, shop, info.price),
            availability=availability_of(child, record, info.availability),
        ))
    orderable = [choice for choice in choices if choice.is_orderable]
    if orderable:
        cheapest = min(orderable, key=lambda choice: choice.price.amount)
        choices = [VariantChoice(**{**choice.__dict__, "checked": choice is cheapest}) for choice in choices]
    return tuple(choices)


def product_page(product, shop, purchase_info, now: datetime.datetime | None = None, place=None, strategy=None) -> ProductPage:
    """Everything the page says before buying; ``place`` is the remembered search place (or None).
    For a parent, ``purchase_info`` is the strategy's for the parent (its cheapest variant's price)
    and ``strategy`` prices each variant."""
    now = now or timezone.now()
    stockrecord = getattr(purchase_info, "stockrecord", None)
    distance = haversine_km(place.point, shop.point) if place is not None and shop is not None else None
    variants = variant_choices(product, shop, strategy) if strategy is not None else ()
    prices = {choice.price.amount for choice in variants if choice.price is not None}
    availability = availability_of(product, stockrecord, getattr(purchase_info, "availability", None))
    if product.is_parent:
        # Orderable when one variant is; else why not, when every variant says the same (all sold
        # out, the shop closed), as a standalone product's page says it.
        if any(choice.is_orderable for choice in variants):
            availability = Availability("in-stock", _("Available"), True)
        else:
            reasons = {choice.availability.words for choice in variants}
            availability = Availability("unavailable", reasons.pop() if len(reasons) == 1 else _("Unavailable"), False, 0)
    return ProductPage(
        price=price_mention(product, shop, getattr(purchase_info, "price", None)),
        availability=availability,
        ways=ways_to_get(product, shop, now, place),
        distance_km=distance,
        place_label=place.label if place is not None else "",
        food=food_information(product, shop),
        variants=variants,
        price_varies=len(prices) > 1,
    )
