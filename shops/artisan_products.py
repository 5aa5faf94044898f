"""/espace-artisan/produits/: the artisan's products — the list with its filters and bulk actions,
one form to create or change a product (pictures, variants, food information), the copy.

Every product is fetched through the shop's own products (shops.product_editing.shop_products):
another shop's product id answers 404, whatever the method. The rules live in product_editing.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from catalogue.renditions import renditions_by_source

from . import product_editing
from .artisan_product_forms import ArtisanProductForm, ProductFilterForm, VariantFormSet, variants_posted
from .artisan_views import ArtisanShopMixin
from .product_editing import BulkAction

Product = get_model("catalogue", "Product")
ProductImage = get_model("catalogue", "ProductImage")

MAX_ID_DIGITS = 18
MAX_BULK = 200
VARIANTS_PREFIX = "variants"


def _product_id(text) -> int | None:
    text = str(text or "")
    return int(text) if text.isascii() and text.isdecimal() and len(text) <= MAX_ID_DIGITS else None


def _percentage(text) -> Decimal | None:
    """« 5 », « -10 », « 2,5 % » as a number; None for anything else."""
    text = str(text or "").replace("%", "").replace("\u00a0", "").replace(" ", "").replace(",", ".").replace("\u2212", "-")
    if not text or len(text) > 12:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    # Out of bounds, it is left as typed: the rules say which percentages may be given.
    return value if abs(value) >= 100_000 else value.quantize(Decimal("0.01"))


def safe_next(request, default: str) -> str:
    """Where to go back: the ``next`` the page was opened with when it is a page of this site,
    else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return default


class ProductListView(ArtisanShopMixin, TemplateView):
    """The artisan's products, searched and filtered, with bulk actions: an archived product leaves
    the shop, its orders keep it."""

    template_name = "shops/artisan/products.html"
    paginate_by = 30

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filter_form = ProductFilterForm(self.request.GET, shop=self.shop)
        filters = filter_form.filters()
        images = ProductImage.objects.order_by("display_order", "pk")
        products = (
            product_editing.filter_products(product_editing.annotated_products(self.shop), **filters)
            .prefetch_related(Prefetch("images", queryset=images))
            .order_by("title", "pk")
        )
        page = Paginator(products, self.paginate_by).get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        firsts = [product.images.all()[0].original.name for product in rows if product.images.all()]
        params = self.request.GET.copy()
        params.pop("page", None)
        any_filter = bool(filters["query"] or filters["category"] or filters["stock"])
        context.update(
            page_obj=page, products=rows, filter_form=filter_form, show_archived=filters["archived"],
            query=filters["query"], any_filter=any_filter, query_without_page=params.urlencode(),
            renditions=renditions_by_source(firsts), current_url=self.request.get_full_path(),
            # The way back from a product's form: the list as it is shown, when it is not the plain list.
            back_query=f"?{urlencode({'next': self.request.get_full_path()})}" if self.request.GET else "",
            has_products=bool(rows) or product_editing.shop_products(self.shop).exists(),
        )
        return context

    def post(self, request, *args, **kwargs):
        default = reverse("artisan:products") + ("?archives=1" if request.POST.get("action") == BulkAction.RESTORE else "")
        ids = [_product_id(value) for value in request.POST.getlist("product")[:MAX_BULK]]
        if None in ids:
            raise Http404("No such product in this shop")
        if not ids:
            messages.error(request, _("Tick at least one product."))
            return HttpResponseRedirect(safe_next(request, default))
        products = list(product_editing.shop_products(self.shop).filter(pk__in=ids).only("pk", "title"))
        if len(products) != len(set(ids)):
            raise Http404("No such product in this shop")
        action = request.POST.get("action")
        count = len(products)
        title = products[0].title
        if action == BulkAction.ARCHIVE:
            product_editing.set_public(self.shop, products, False)
            message = (_("“%(product)s” is archived: it no longer appears in your shop.") % {"product": title} if count == 1 else
                       ngettext("%(count)d product is archived: it no longer appears in your shop.",
                                "%(count)d products are archived: they no longer appear in your shop.", count) % {"count": count})
        elif action == BulkAction.RESTORE:
            product_editing.set_public(self.shop, products, True)
            message = (_("“%(product)s” is back in your shop.") % {"product": title} if count == 1 else
                       ngettext("%(count)d product is back in your shop.", "%(count)d products are back in your shop.", count)
                       % {"count": count})
        elif action == BulkAction.SOLD_OUT:
            changed = product_editing.mark_sold_out(self.shop, products)
            message = ngettext("%(count)d product is marked as sold out.", "%(count)d products are marked as sold out.",
                               changed) % {"count": changed}
            if changed < count:
                message += " " + _("Products made to order have no stock: they stay orderable.")
        elif action == BulkAction.PRICES:
            percentage = _percentage(request.POST.get("percentage"))
            if percentage is None:
                messages.error(request, _("Give the percentage of the change, such as 5 or -10."))
                return HttpResponseRedirect(safe_next(request, default))
            try:
                changed = product_editing.change_prices(self.shop, products, percentage)
            except product_editing.PriceChangeRefused as refused:
                messages.error(request, str(refused))
                return HttpResponseRedirect(safe_next(request, default))
            message = ngettext("%(count)d price is changed.", "%(count)d prices are changed.", changed) % {"count": changed}
        else:
            messages.error(request, _("Choose an action."))
            return HttpResponseRedirect(safe_next(request, default))
        messages.success(request, message)
        return HttpResponseRedirect(safe_next(request, default))


class ProductFormView(ArtisanShopMixin, TemplateView):
    """Create a product (no pk) or change one of the shop's products."""

    template_name = "shops/artisan/product_form.html"

    def get_product(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(
            product_editing.shop_products(self.shop).prefetch_related("stockrecords", "categories"), pk=self.kwargs["pk"]
        )

    def default_next(self):
        return reverse("artisan:products")

    def pictures(self, product):
        return list(product.images.order_by("display_order", "pk")) if product is not None else []

    def variant_initial(self, product):
        if product is None or not product.is_parent:
            return []
        initial = []
        for child in product_editing.variants_of(product):
            record = product_editing.record_of(self.shop, child)
            initial.append({"id": child.pk, "name": product_editing.variant_name(child, product.title),
                            "price": record.price if record else None, "stock": record.num_in_stock if record else 0})
        return initial

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product = self.product
        pictures = kwargs.get("pictures", self.pictures(product))
        if "form" not in kwargs:
            context["form"] = ArtisanProductForm(instance=product, shop=self.shop, existing_pictures=pictures)
            context["variants"] = VariantFormSet(prefix=VARIANTS_PREFIX, initial=self.variant_initial(product))
        context.update(
            product=product, next_url=safe_next(self.request, self.default_next()),
            renditions=renditions_by_source([image.original.name for image in pictures]),
        )
        return context

    def get(self, request, *args, **kwargs):
        self.product = self.get_product()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.product = self.get_product()
        pictures = self.pictures(self.product)
        has_variants = variants_posted(request.POST, VARIANTS_PREFIX)
        form = ArtisanProductForm(request.POST, request.FILES, instance=self.product or product_editing.new_product(), shop=self.shop,
                                  existing_pictures=pictures, has_variants=has_variants)
        variants = VariantFormSet(request.POST, prefix=VARIANTS_PREFIX, initial=self.variant_initial(self.product))
        if not (form.is_valid() and variants.is_valid()):
            messages.error(request, _("The product is not saved: correct what is shown below."))
            return self.render_to_response(self.get_context_data(form=form, variants=variants, pictures=pictures))
        cleaned = form.cleaned_data
        change = product_editing.ProductChange(
            values={name: cleaned[name] for name in product_editing.PRODUCT_FIELDS if name in cleaned},
            categories=list(cleaned.get("sections") or []),
            price=cleaned.get("price"), stock=cleaned.get("stock") or 0, reference=cleaned.get("reference", ""),
            variants=variants.changes(), pictures=form.picture_changes(), new_pictures=cleaned.get("pictures") or [],
        )
        try:
            product = product_editing.save_product(self.shop, self.product, change)
        except product_editing.UnknownVariant as unknown:
            raise Http404("No such variant of this product") from unknown
        if self.product is None:
            messages.success(request, _("“%(product)s” is created.") % {"product": product.title})
        else:
            messages.success(request, _("“%(product)s” is saved.") % {"product": product.title})
        return HttpResponseRedirect(safe_next(request, self.default_next()))


class ProductDuplicateView(ArtisanShopMixin, View):
    """Copy a product (POST): the copy waits, archived, for its artisan to check it."""

    def post(self, request, *args, **kwargs):
        product = get_object_or_404(product_editing.shop_products(self.shop), pk=kwargs["pk"])
        copy = product_editing.duplicate_product(self.shop, product)
        messages.success(request, _("“%(copy)s” is a copy of “%(product)s”. It is not online yet: check it, "
                                    "then put it back online from your archived products.")
                         % {"copy": copy.title, "product": product.title})
        edit = reverse("artisan:product-edit", kwargs={"pk": copy.pk})
        return redirect(f"{edit}?next={reverse('artisan:products')}%3Farchives%3D1")

    def get(self, request, *args, **kwargs):
        # A GET changes nothing: the product's own page offers the button.
        product = get_object_or_404(product_editing.shop_products(self.shop), pk=kwargs["pk"])
        return redirect("artisan:product-edit", pk=product.pk)


urlpatterns = [
    path("produits/", ProductListView.as_view(), name="products"),
    path("produits/nouveau/", ProductFormView.as_view(), name="product-create"),
    path("produits/<id:pk>/", ProductFormView.as_view(), name="product-edit"),
    path("produits/<id:pk>/copier/", ProductDuplicateView.as_view(), name="product-duplicate"),
]
