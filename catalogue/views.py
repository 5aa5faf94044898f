from oscar.apps.catalogue.views import *  # noqa: F401,F403
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView

from shops.models import Shop, ShopStatus
from shops.views import can_manage

from .renditions import renditions_by_source


class ProductDetailView(OscarProductDetailView):
    """A product page inside its shop's theme; hidden with its shop when the shop is not public."""

    def shop(self, product) -> Shop | None:
        if not hasattr(self, "_shop"):
            self._shop = (
                Shop.objects.with_card_details().filter(partner__stockrecords__product=product).first()
            )
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
        return context
