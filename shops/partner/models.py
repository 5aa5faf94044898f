from django.db import models
from django.utils.functional import cached_property
from oscar.apps.partner.abstract_models import AbstractStockRecord

from .prices import MAXIMUM_PRICE, MINIMUM_PRICE


class StockRecord(AbstractStockRecord):
    @cached_property
    def can_track_allocations(self):
        """A product made to order is made for each order: no stock to allocate or consume (the
        pricing strategy sells it whatever its stock)."""
        return super().can_track_allocations and not self.product.is_made_to_order

    class Meta(AbstractStockRecord.Meta):
        # Oscar's allocate() adds to num_allocated without checking stock under a lock; whatever the
        # code path, the database refuses to promise more than there is.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(num_allocated__isnull=True)
                | models.Q(num_in_stock__isnull=True)
                | models.Q(num_allocated__lte=models.F("num_in_stock")),
                name="stockrecord_allocated_within_stock",
            ),
            models.CheckConstraint(
                condition=models.Q(num_allocated__isnull=True) | models.Q(num_allocated__gte=0),
                name="stockrecord_allocated_not_negative",
            ),
            # No screen, bulk action or import may sell at 0 € or less (an order of -3,00 €), nor
            # at a price beyond what an order's columns hold. No price: not for sale.
            models.CheckConstraint(
                condition=models.Q(price__isnull=True)
                | models.Q(price__gte=MINIMUM_PRICE, price__lte=MAXIMUM_PRICE),
                name="stockrecord_price_in_range",
            ),
        ]


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
