from django.db import models
from oscar.apps.partner.abstract_models import AbstractStockRecord


class StockRecord(AbstractStockRecord):
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
        ]


from oscar.apps.partner.models import *  # noqa: E402,F401,F403
