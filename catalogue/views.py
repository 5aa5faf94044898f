from oscar.apps.catalogue.views import *  # noqa: F401,F403
from django.db.models import Prefetch
from django.utils import timezone
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from search.place_memory import remembered_place
from shops.models import Shop, ShopStatus
from shops.views import can_manage

from .product_page import product_page
from .renditions import renditions_by_source

StockRecord = get_model("partner", "StockRecord")


class ProductDetailView(OscarProductDetailView):
    """A product page inside its shop's theme; hidden with its shop when the shop is not public."""

    def get_queryset(self):
        # What the page and the pricing strategy read, fetched with the product: its class, images,
        # stock record and the shop behind it (with what its card shows) in three queries.
        # The shop's fulfilment settings come too: the page tells how to get it.
        stockrecords = StockRecord.objects.select_related(
            "partner__shop__commune", "partner__shop__click_and_collect", "partner__shop__local_delivery"
        ).order_by("pk")
        return (
            super().get_queryset()
            .with_option_flags()
            .select_related("product_class", "parent__product_class")
            .prefetch_related("images", Prefetch("stockrecords", queryset=stockrecords))
        )

    def shop(self, product) -> Shop | None:
        if not hasattr(self, "_shop"):
            stockrecord = next(iter(product.stockrecords.all()), None)
            self._shop = getattr(stockrecord.partner, "shop", None) if stockrecord else None
            if self._shop is not None and hasattr(self.request, "strategy"):
                self.request.strategy.remember_shop(self._shop)
        return self._shop

    def is_viewable(self, product, request):
        shop = self.shop(product)
        manager = shop is not None and can_manage(request.user, shop)
        if shop is not None and shop.status != ShopStatus.APPROVED and not manager:
            return False
        # Hidden by the chamber: its artisan still sees it (and why), the public does not.
        if product.hidden_by_chamber and not manager and not request.user.has_perm("shops.review_shop"):
            return False
        return super().is_viewable(product, request)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shop = self.shop(self.object)
        if shop is not None:
            sources = [image.original.name for image in self.object.get_all_images()]
            sources += [picture.name for picture in (shop.logo,) if picture]
            context.update(
                shop=shop,
                theme=shop.theme_definition,
                fonts=shop.font_pair_definition,
                renditions=renditions_by_source(sources),
            )
        page = product_page(
            self.object, shop, self.request.strategy.fetch_for_product(self.object), timezone.now(),
            place=remembered_place(self.request),
        )
        if shop is not None:
            shop.distance_km = page.distance_km  # what the shop's card shows
        context["product_page"] = page
        return context
