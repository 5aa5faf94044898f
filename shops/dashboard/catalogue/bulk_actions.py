"""Oscar's dashboard bulk actions, forked: they write with queryset.update(), which sends no save
signal, so they announce what they changed — the products (search documents, cached storefront
grids) or the categories' public status (the cached menu). The change of prices keeps every price
within the marketplace's bounds."""

from django.contrib import messages
from django.db import transaction
from oscar.apps.dashboard.catalogue import bulk_actions as oscar_bulk_actions
from oscar.core.loading import get_model

from catalogue.menu import forget_menu
from shops.partner.prices import adjusted_price_problem
from shops.signals import products_changed_in_bulk

StockRecord = get_model("partner", "StockRecord")


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
    @transaction.atomic
    def execute(self, request, objects, form):
        # The form refused a change bringing a price out of bounds; prices may have changed since it
        # was shown, so the prices it would change are locked and judged again before writing.
        amount = form.cleaned_data.get("increase_by_amount")
        percentage = form.cleaned_data.get("increase_by_percentage")
        if form.cleaned_data.get("new_price") is None and (amount is not None or percentage is not None):
            records = StockRecord.objects.filter(
                product__in=objects.values("pk"), partner__in=form.cleaned_data.get("partners") or [], price__isnull=False
            ).exclude(product_id__in=list(form.get_specific_prices()))
            if not request.user.is_staff:
                records = records.filter(partner__users=request.user)
            prices = list(records.select_for_update(of=("self",)).values_list("price", flat=True))
            problem = adjusted_price_problem(min(prices, default=None), max(prices, default=None), amount=amount, percentage=percentage)
            if problem:
                messages.error(request, problem)
                return
        super().execute(request, objects, form)


class ForgetsMenu:
    def execute(self, request, objects):
        super().execute(request, objects)
        transaction.on_commit(forget_menu)


class MakePublicAction(ForgetsMenu, oscar_bulk_actions.MakePublicAction):
    pass


class MakeNonPublicAction(ForgetsMenu, oscar_bulk_actions.MakeNonPublicAction):
    pass
