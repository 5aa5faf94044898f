"""Oscar's dashboard bulk actions, forked: they write with queryset.update(), which sends no save
signal, so they announce what they changed — the products (search documents, cached storefront
grids) or the categories' public status (the cached menu)."""

from django.db import transaction
from oscar.apps.dashboard.catalogue import bulk_actions as oscar_bulk_actions

from catalogue.menu import forget_menu
from shops.signals import products_changed_in_bulk


class AnnouncesChangedProducts:
    def execute(self, request, objects, form):
        product_ids = list(objects.values_list("pk", flat=True))
        super().execute(request, objects, form)
        products_changed_in_bulk.send(sender=type(self), product_ids=product_ids)


class MakeProductsPublicAction(AnnouncesChangedProducts, oscar_bulk_actions.MakeProductsPublicAction):
    pass


class MakeProductsNonPublicAction(AnnouncesChangedProducts, oscar_bulk_actions.MakeProductsNonPublicAction):
    pass


class SetProductPriceAction(AnnouncesChangedProducts, oscar_bulk_actions.SetProductPriceAction):
    pass


class ForgetsMenu:
    def execute(self, request, objects):
        super().execute(request, objects)
        transaction.on_commit(forget_menu)


class MakePublicAction(ForgetsMenu, oscar_bulk_actions.MakePublicAction):
    pass


class MakeNonPublicAction(ForgetsMenu, oscar_bulk_actions.MakeNonPublicAction):
    pass
