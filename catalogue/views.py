from oscar.apps.catalogue.views import *  # noqa: F401,F403
from urllib.parse import unquote, urlencode

from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from oscar.apps.catalogue.views import ProductDetailView as OscarProductDetailView
from oscar.core.loading import get_model

from marketplace.curation import attach_card_labels
from search.place_memory import remembered_place
from shops.models import Shop
from shops.richtext import story_html
from shops.views import can_manage

from .browsing import BrowseFilters, BrowseSort, browse
from .product_page import product_page
from .renditions import renditions_by_source

Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")


class ProductDetailView(OscarProductDetailView):
    """A product page inside its shop's theme; hidden with its shop when the shop is not public.

    A parent's page offers its variants (Oscar's ``child_id``); a variant's own address leads to
    its parent's page, as Oscar does with ``enforce_parent``."""

    enforce_parent = True

    def get_queryset(self):
        # What the page and the pricing strategy read, fetched with the product: its class, images,
        # stock record and the shop behind it (with what its card shows) in three queries.
        # The shop's fulfilment settings come too: the page tells how to get it.
        stockrecords = StockRecord.objects.select_related(
            "partner__shop__commune", "partner__shop__click_and_collect", "partner__shop__local_delivery"
        ).order_by("pk")
        # A parent's variants and their stock records come too (two queries), for its choice of variant.
        return (
            super().get_queryset()
            .with_option_flags()
            .select_related("product_class", "parent__product_class")
            .prefetch_related("images", Prefetch("stockrecords", queryset=stockrecords))
            .with_public_variants(stockrecords)
        )

    def shop(self, product) -> Shop | None:
        if not hasattr(self, "_shop"):
            # A parent has no stock record: its variants' give the shop.
            if product.is_parent:
                stockrecord = product.card_stockrecord or next((record for _child, record in product.variant_offers()), None)
            else:
                stockrecord = next(iter(product.stockrecords.all()), None)
            self._shop = getattr(stockrecord.partner, "shop", None) if stockrecord else None
            if self._shop is not None and hasattr(self.request, "strategy"):
                self.request.strategy.remember_shop(self._shop)
        return self._shop

    def is_viewable(self, product, request):
        shop = self.shop(product)
        manager = shop is not None and can_manage(request.user, shop)
        if shop is not None and not shop.is_public and not manager:
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
        strategy = self.request.strategy
        product = self.object
        purchase_info = strategy.fetch_for_parent(product) if product.is_parent else strategy.fetch_for_product(product)
        page = product_page(
            product, shop, purchase_info, timezone.now(), place=remembered_place(self.request), strategy=strategy,
        )
        if shop is not None:
            shop.distance_km = page.distance_km  # what the shop's card shows
        context["product_page"] = page
        return context


class CatalogueView(TemplateView):
    """/catalogue/: every product the public may see, with facets, sorted and paginated
    (catalogue/browsing.py), instead of Oscar's browsing through a search backend."""

    template_name = "catalogue/browse.html"
    category = None

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = BrowseFilters.from_query(self.request.GET)
        result = browse(self.category, filters)
        page = result.page()
        products = attach_card_labels(page.object_list)
        parameters = self.request.GET.copy()
        parameters.pop("page", None)
        filter_names = ("trade", "availability", "price_range")
        context.update(
            summary=_("All products"),
            category=self.category,
            browse=result,
            filters=filters,
            facets=result.facets,
            page_obj=page,
            paginator=page.paginator,
            products=products,
            renditions=renditions_by_source(
                image.original.name for product in products for image in product.images.all()[:1]
            ),
            query_without_page=parameters.urlencode(),
            sorts=BrowseSort.CHOICES,
            without_filters=self.request.path + "?" + urlencode(
                {name: value for name, value in parameters.items() if name not in filter_names}
            ),
            breadcrumbs=self.breadcrumbs(),
        )
        return context

    def breadcrumbs(self) -> list[tuple[str, str]]:
        return [(_("Home"), reverse("home"))]


class ProductCategoryView(CatalogueView):
    """A category's page: its products and its descendants', its sub-categories, its description."""

    template_name = "catalogue/category.html"

    def get(self, request, *args, **kwargs):
        self.category = get_object_or_404(Category, pk=kwargs["pk"])
        public = self.category.is_public and self.category.ancestors_are_public
        if not public and not request.user.is_staff:
            raise Http404()
        expected_path = self.category.get_absolute_url()
        if unquote(expected_path) != unquote(request.path):
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(expected_path + (f"?{query}" if query else ""))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            summary=self.category.name,
            # The empty page's way out: the parent category, or the whole catalogue for a top one.
            way_up=context["breadcrumbs"][-1],
            # Written in the dashboard's rich text editor: kept to the storefronts' safe HTML.
            description_html=story_html(self.category.description),
            long_description_html=story_html(self.category.long_description),
        )
        return context

    def breadcrumbs(self) -> list[tuple[str, str]]:
        trail = [*super().breadcrumbs(), (_("All products"), reverse("catalogue:index"))]
        parent_slug = None
        for ancestor in self.category.get_ancestors():
            url = ancestor._get_absolute_url(parent_slug=parent_slug)
            parent_slug = ancestor.get_full_slug(parent_slug=parent_slug)
            trail.append((ancestor.name, url))
        return trail
