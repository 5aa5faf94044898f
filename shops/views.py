from django.shortcuts import get_object_or_404
from django.views.generic import ListView
from oscar.core.loading import get_model

from .models import Shop, ShopStatus

Product = get_model("catalogue", "Product")

PRODUCTS_PER_PAGE = 24


class StorefrontView(ListView):
    """A shop's public page with its products. Unapproved shops: 404, except for their artisan."""

    template_name = "shops/storefront.html"
    context_object_name = "products"
    paginate_by = PRODUCTS_PER_PAGE

    def get_shop(self) -> Shop:
        queryset = Shop.objects.viewable_by(self.request.user).with_card_details()
        return get_object_or_404(queryset, slug=self.kwargs["slug"])

    def get(self, request, *args, **kwargs):
        self.shop = self.get_shop()
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Product.objects.filter(is_public=True, stockrecords__partner_id=self.shop.pk)
            .select_related("product_class")
            .prefetch_related("images", "stockrecords", "categories")
            .order_by("title", "pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shop"] = self.shop
        context["is_preview"] = self.shop.status != ShopStatus.APPROVED
        return context
