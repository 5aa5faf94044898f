"""How the marketplace prices and sells a product.

Artisans enter prices including VAT, as French consumers read them; the VAT inside comes from
the product's rate, or is nil for a shop under the VAT exemption. A shop that is not approved, or
is on vacation, sells nothing, whatever its stock. A product made to order is made for each order:
its stock does not limit it (and its stock record tracks no allocation, see partner/models.py).
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.strategy import *  # noqa: F401,F403
from oscar.apps.partner.strategy import Selector as OscarSelector
from oscar.apps.partner.strategy import StockRequired, Structured, UseFirstStockRecord
from oscar.core.loading import get_class

Unavailable = get_class("partner.availability", "Unavailable")
Available = get_class("partner.availability", "Available")
StockRequiredAvailability = get_class("partner.availability", "StockRequired")
UnavailablePrice = get_class("partner.prices", "Unavailable")
FixedPrice = get_class("partner.prices", "FixedPrice")

CENT = Decimal("0.01")


class ShopNotSelling(Unavailable):
    code = "shop-closed"
    message = _("This shop takes no order at the moment")


class MadeToOrder(Available):
    """Made for each order: orderable whatever the stock (the making time delays the pickup or
    delivery instead, see shops/slots.py)."""

    code = "made-to-order"

    def __init__(self, lead_time_days: int = 0):
        self.lead_time_days = lead_time_days

    @property
    def message(self) -> str:
        if self.lead_time_days:
            return ngettext("Made to order: ready in %(days)d day", "Made to order: ready in %(days)d days",
                            self.lead_time_days) % {"days": self.lead_time_days}
        return gettext("Made to order")

    @property
    def short_message(self) -> str:
        return gettext("Made to order")


class MarketplaceStrategy(UseFirstStockRecord, StockRequired, Structured):
    def __init__(self, request=None):
        super().__init__(request)
        self._shops = {}
        self._product_classes = {}

    def fetch_for_line(self, line, stockrecord=None):
        # The line knows its stock record: no need to look the product's first one up again.
        return self.fetch_for_product(line.product, stockrecord or line.stockrecord)

    def product_class_of(self, product):
        """The product's class, fetched once per class for the whole request."""
        if product.is_child or "product_class" in product._state.fields_cache:
            return product.get_product_class()
        if product.product_class_id not in self._product_classes:
            self._product_classes[product.product_class_id] = product.get_product_class()
        return self._product_classes[product.product_class_id]

    def remember_shop(self, shop) -> None:
        """A shop the view already holds, so that pricing and availability do not fetch it again."""
        self._shops[shop.pk] = shop

    def shop_of(self, stockrecord):
        """The stock record's shop, fetched once per shop for the whole request."""
        from shops.models import Shop

        if stockrecord.partner_id not in self._shops and "partner" in stockrecord._state.fields_cache:
            # Fetched with the stock record (ProductQuerySet.for_cards): no query.
            cached = stockrecord.partner._state.fields_cache
            if "shop" in cached:
                self._shops[stockrecord.partner_id] = cached["shop"]
        if stockrecord.partner_id not in self._shops:
            self._shops[stockrecord.partner_id] = Shop.objects.filter(pk=stockrecord.partner_id).only(
                "partner_id", "status", "on_vacation", "vat_regime"
            ).first()
        return self._shops[stockrecord.partner_id]

    def availability_policy(self, product, stockrecord):
        if not stockrecord:
            return Unavailable()
        shop = self.shop_of(stockrecord)
        if shop is None or not shop.accepts_orders:
            return ShopNotSelling()
        if product.hidden_by_chamber or (product.is_child and product.parent.hidden_by_chamber):
            return Unavailable()
        if product.is_made_to_order:
            return MadeToOrder(product.lead_time_days)
        if not self.product_class_of(product).track_stock:
            return Available()
        return StockRequiredAvailability(stockrecord.net_stock_level)

    def pricing_policy(self, product, stockrecord):
        if not stockrecord or stockrecord.price is None:
            return UnavailablePrice()
        price_incl_tax = stockrecord.price
        shop = self.shop_of(stockrecord)
        rate = Decimal("0") if shop is None or shop.vat_regime == "franchise" else product.vat_rate
        excl_tax = (price_incl_tax / (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        return FixedPrice(currency=stockrecord.price_currency, excl_tax=excl_tax, tax=price_incl_tax - excl_tax)

    def parent_pricing_policy(self, product, children_stock):
        """A parent's price is its cheapest variant's among those that can be bought (its page and
        card say « à partir de »), or the cheapest of all when none can."""
        priced = [(child, record) for child, record in children_stock if record is not None and record.price is not None]
        if not priced:
            return UnavailablePrice()
        buyable = [(child, record) for child, record in priced if self.availability_policy(child, record).is_available_to_buy]
        child, stockrecord = min(buyable or priced, key=lambda offer: (offer[1].price, offer[1].pk))
        return self.pricing_policy(child, stockrecord)


class Selector(OscarSelector):
    def strategy(self, request=None, user=None, **kwargs):
        return MarketplaceStrategy(request)
