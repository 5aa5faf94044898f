"""Signals other apps listen to, so that shops/ never imports them (search re-indexes on these)."""

from django.dispatch import Signal

# Sent after stock records changed through queryset.update() (no post_save): product_ids=[…].
stock_levels_changed = Signal()

# Sent after products or their stock records changed through queryset.update() (Oscar's dashboard
# bulk actions: public status, prices): product_ids=[…].
products_changed_in_bulk = Signal()
