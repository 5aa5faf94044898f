from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalogue.renditions import renditions_by_source

from marketplace import curation

from . import appearance, hours, product_grid
from .models import Shop

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

PRODUCTS_PER_PAGE = 24


def can_manage(user, shop: Shop) -> bool:
    """The shop's artisans, and the chamber (staff and reviewers), may see what is not public yet."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.has_perm("shops.review_shop") or shop.partner.users.filter(pk=user.pk).exists()


def served_points(shop) -> list:
    """The shared collection points whose sessions this shop serves (one query)."""
    from collection.models import CollectionPoint

    return list(CollectionPoint.objects.active().filter(sessions__shop_services__shop=shop, sessions__is_active=True).distinct().order_by("name"))


class StorefrontView(TemplateView):
    """A shop's public page in its theme. Unapproved shops: 404, except for their artisan.

    The product grid is rendered apart (``GRID_TEMPLATE``) and cached per catalogue version
    (shops.product_grid): a page served from the cache runs none of the product queries.
    """

    GRID_TEMPLATE = "themes/partials/product_grid.html"
    paginate_by = PRODUCTS_PER_PAGE

    def get(self, request, *args, **kwargs):
        from collection.models import ShopSession

        # Whether it serves a shared collection point, read with the shop: no query for the many that do not.
        queryset = Shop.objects.viewable_by(request.user).with_card_details().annotate(
            serves_collection_points=Exists(ShopSession.objects.filter(shop=OuterRef("pk")))
        )
        self.shop = get_object_or_404(queryset, slug=kwargs["slug"])
        self.is_draft_preview = bool(
            request.GET.get(appearance.PREVIEW_PARAMETER) and self.shop.appearance_draft and can_manage(request.user, self.shop)
        )
        if self.is_draft_preview:
            appearance.with_draft_applied(self.shop)
        self.category = self.selected_category()
        return super().get(request, *args, **kwargs)

    def get_template_names(self):
        return [self.shop.theme_definition.template]

    def shop_products(self):
        # What the public may buy here: the chamber's hidden products are listed in the artisan's
        # back-office with the reason, not on the storefront (nor its section counts).
        # Standalone products and parents, each once (EXISTS: no join), never a variant alone: a
        # parent has no stock record of its own, its variants have (with the shop as partner).
        stocked = StockRecord.objects.filter(partner_id=self.shop.pk)
        return Product.objects.alias(
            stocked_here=Exists(stocked.filter(product=OuterRef("pk"))),
            variant_stocked_here=Exists(stocked.filter(product__parent=OuterRef("pk"))),
        ).filter(
            Q(structure=Product.STANDALONE, stocked_here=True) | Q(structure=Product.PARENT, variant_stocked_here=True),
            is_public=True,
            hidden_by_chamber=False,
        )

    def selected_category(self):
        category_id = self.request.GET.get("categorie", "")
        if not (category_id.isascii() and category_id.isdecimal() and len(category_id) <= 9):
            return None
        return Category.objects.filter(pk=int(category_id)).first()

    def get_queryset(self):
        products = self.shop_products()
        if self.category:
            products = products.filter(categories=self.category)
        # The cards show a picture, the price and whether it is out of stock, read from the stock
        # record: no pricing strategy, hence none of for_cards()'s shop and options.
        # A parent's card shows its cheapest variant (Product.card_stockrecord): its public variants
        # and their stock records come in two queries for the page.
        return products.prefetch_related("images", "stockrecords").with_public_variants(StockRecord.objects.all()).order_by("title", "pk")

    def grid_cache_key(self) -> str | None:
        """None when the address holds anything the cached grid's links would not carry (a preview,
        a campaign's tracking parameters, a misspelt section): that page is rendered afresh."""
        query = self.request.GET
        if set(query) - {"page", "categorie"} or any(len(query.getlist(name)) > 1 for name in query):
            return None
        if "categorie" in query and (self.category is None or query["categorie"] != str(self.category.pk)):
            return None
        page = query.get("page", "1")
        if not (page.isascii() and page.isdecimal() and len(page) <= 6):
            return None
        category_id = self.category.pk if self.category else None
        return product_grid.grid_key(
            self.shop, language=get_language(), category_id=category_id, page=int(page), per_page=self.paginate_by
        )

    def render_grid(self) -> str:
        paginator = Paginator(self.get_queryset(), self.paginate_by)
        try:
            page = paginator.page(self.request.GET.get("page") or 1)
        except InvalidPage:
            raise Http404("No such page of products")
        products = page.object_list
        image_sources = [image.original.name for product in products for image in product.images.all()]
        query = self.request.GET.copy()
        query.pop("page", None)
        return render_to_string(
            self.GRID_TEMPLATE,
            {
                "products": products,
                "page_obj": page,
                "paginator": paginator,
                "is_paginated": page.has_other_pages(),
                "categories": Category.objects.filter(product__in=self.shop_products()).annotate(product_count=Count("product")).order_by("name"),
                "selected_category": self.category,
                "renditions": renditions_by_source(image_sources),
                "query_without_page": query.urlencode(),
            },
        )

    def grid_html(self) -> str:
        key = self.grid_cache_key()
        grid = product_grid.cached_grid(key) if key else None
        if grid is None:
            grid = self.render_grid()
            if key:
                product_grid.remember_grid(key, grid)
        return grid

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shop = self.shop
        curation.attach_labels([shop])
        periods, closures = list(shop.opening_periods.all()), list(shop.closures.filter(last_day__gte=hours.local_now().date()))
        context.update(
            shop=shop,
            theme=shop.theme_definition,
            fonts=shop.font_pair_definition,
            is_preview=not shop.is_public,
            is_draft_preview=self.is_draft_preview,
            product_grid=mark_safe(self.grid_html()),
            schedule=hours.weekly_schedule(periods),
            upcoming_closures=closures[:3],
            is_open_now=hours.is_open_at(periods, closures, hours.local_now()),
            renditions=renditions_by_source([picture.name for picture in (shop.logo, shop.banner) if picture]),
            collection_points=served_points(shop) if shop.serves_collection_points else [],
        )
        return context
