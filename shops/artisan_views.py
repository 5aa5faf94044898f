"""The artisan's back-office: their own shop only, whatever the URL says."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.http import Http404
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView


from catalogue import csv_import
from marketplace.csv_export import csv_response
from themes.registry import THEMES

from . import appearance
from .appearance import PREVIEW_PARAMETER
from .artisan_forms import (
    AppearanceForm,
    ClickAndCollectForm,
    LocalDeliveryForm,
    ExceptionalClosureFormSetFactory,
    OpeningPeriodFormSetFactory,
    ShopImagesForm,
    ShopSettingsForm,
)
from .artisan_menu import artisan_menu
from .checklist import shop_checklist
from .models import ClickAndCollectOption, LocalDeliveryOption, Shop, ShopStatus



class ArtisanShopMixin(LoginRequiredMixin):
    """Gives the view ``self.shop``: the shop the signed-in user runs, or a 404."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.shop = (
            Shop.objects.for_user(request.user).select_related("partner", "commune").order_by("pk").first()
        )
        if self.shop is None:
            raise Http404("No shop for this account")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shop"] = self.shop
        context["artisan_menu"] = artisan_menu(self.shop, self.request.resolver_match.url_name or "")
        return context


class ArtisanHomeView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["last_decision"] = self.shop.decisions.select_related("actor").first()
        if self.shop.status in (ShopStatus.APPROVED, ShopStatus.SUSPENDED):  # a suspended shop still hands over its orders
            from checkout.order import workday  # the day's rules (orders to accept, pickups, deliveries, money due)

            context["figures"], context["today_plan"] = workday.today_figures(self.shop)
            context["next_pickups"] = workday.next_pickups(self.shop)
        if self.shop.status == ShopStatus.APPROVED:
            checklist = shop_checklist(self.shop)
            context["checklist"] = checklist
            context["checklist_done"] = sum(item.is_done for item in checklist)
        return context


class ShopSettingsView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/settings.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ShopSettingsForm(instance=self.shop))
        return context

    def post(self, request, *args, **kwargs):
        form = ShopSettingsForm(request.POST, instance=self.shop)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        # Only the form's columns: a status or a picture changed meanwhile in another request stays.
        form.save(commit=False).save(update_fields=[*ShopSettingsForm.Meta.fields, "search_text", "updated_at"])
        messages.success(request, _("Your shop's information is saved."))
        return redirect("artisan:settings")


class OpeningHoursView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/hours.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("periods", OpeningPeriodFormSetFactory(instance=self.shop, prefix="periods"))
        context.setdefault("closures", ExceptionalClosureFormSetFactory(instance=self.shop, prefix="closures"))
        return context

    def post(self, request, *args, **kwargs):
        periods = OpeningPeriodFormSetFactory(request.POST, instance=self.shop, prefix="periods")
        closures = ExceptionalClosureFormSetFactory(request.POST, instance=self.shop, prefix="closures")
        if not (periods.is_valid() and closures.is_valid()):
            return self.render_to_response(self.get_context_data(periods=periods, closures=closures))
        with transaction.atomic():
            periods.save()
            closures.save()
        messages.success(request, _("Your opening hours are saved."))
        return redirect("artisan:hours")


class AppearanceView(ArtisanShopMixin, TemplateView):
    """Theme and colours are tried out as a draft (previewed on the storefront), then published."""

    template_name = "shops/artisan/appearance.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", AppearanceForm(initial=AppearanceForm.initial_for(self.shop)))
        context.setdefault("images_form", ShopImagesForm())
        context["themes"] = THEMES.values()
        context["has_draft"] = bool(self.shop.appearance_draft)
        return context

    def post(self, request, *args, **kwargs):
        if "upload" in request.POST:
            return self.upload_images(request)
        if "discard" in request.POST:
            appearance.discard_draft(self.shop)
            messages.info(request, _("The draft is discarded: your storefront keeps its current look."))
            return redirect("artisan:appearance")
        form = AppearanceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if "publish" in request.POST:
            appearance.publish(self.shop, form.appearance())
            messages.success(request, _("Your storefront's new look is published."))
            return redirect("artisan:appearance")
        appearance.save_draft(self.shop, form.appearance())
        return redirect(f"{self.shop.get_absolute_url()}?{PREVIEW_PARAMETER}=1")

    def upload_images(self, request):
        images_form = ShopImagesForm(request.POST, request.FILES)
        if not images_form.is_valid():
            return self.render_to_response(self.get_context_data(images_form=images_form))
        appearance.replace_images(self.shop, logo=images_form.cleaned_data["logo"], banner=images_form.cleaned_data["banner"])
        messages.success(request, _("Your pictures are saved."))
        return redirect("artisan:appearance")


class ProductImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("At most 2 MB and 5,000 products."))


class ProductImportView(ArtisanShopMixin, TemplateView):
    """Upload a CSV file of products; it is checked whole before anything is written."""

    template_name = "shops/artisan/import.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ProductImportForm())
        context["imports"] = self.shop.product_imports.only(
            "pk", "file_name", "status", "total_rows", "valid_rows", "created_at", "created_count", "updated_count", "shop_id"
        )[:10]
        context["columns"] = csv_import.COLUMNS
        return context

    def post(self, request, *args, **kwargs):
        form = ProductImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            product_import = csv_import.prepare_import(self.shop, request.user, form.cleaned_data["file"])
        except csv_import.MalformedFile as malformed:
            form.add_error("file", str(malformed))
            return self.render_to_response(self.get_context_data(form=form))
        return redirect("artisan:import-detail", pk=product_import.pk)


class ProductImportDetailView(ArtisanShopMixin, TemplateView):
    """The checked rows before confirming, then the progress of the import."""

    template_name = "shops/artisan/import_detail.html"

    def get_import(self):
        return get_object_or_404(self.shop.product_imports.all(), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        product_import = self.get_import()
        page = Paginator(product_import.rows, 100).get_page(self.request.GET.get("page"))
        context.update(product_import=product_import, page_obj=page, rows=page.object_list)
        return context

    def post(self, request, *args, **kwargs):
        product_import = self.get_import()
        if product_import.valid_rows == 0:
            messages.error(request, _("No row can be imported: correct the file and send it again."))
        elif csv_import.start_import(product_import):
            messages.success(request, _("The import has started."))
        return redirect("artisan:import-detail", pk=product_import.pk)


class ProductImportErrorsView(ArtisanShopMixin, View):
    """The lines an import skips, as a CSV file to correct them in a spreadsheet."""

    def get(self, request, *args, **kwargs):
        product_import = get_object_or_404(self.shop.product_imports.only("pk", "file_name", "rows", "shop_id"), pk=kwargs["pk"])
        header, rows = csv_import.error_report(product_import)
        return csv_response(f"erreurs-{product_import.file_name}", header, rows)


class FulfilmentView(ArtisanShopMixin, TemplateView):
    """Click-and-collect and local delivery settings; a shop offers at least one of them."""

    template_name = "shops/artisan/fulfilment.html"

    def options(self):
        collect = ClickAndCollectOption.objects.filter(shop=self.shop).first() or ClickAndCollectOption(shop=self.shop)
        delivery = LocalDeliveryOption.objects.filter(shop=self.shop).first() or LocalDeliveryOption(shop=self.shop)
        return collect, delivery

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        collect, delivery = self.options()
        context.setdefault("collect_form", ClickAndCollectForm(instance=collect, prefix="collect"))
        context.setdefault("delivery_form", LocalDeliveryForm(instance=delivery, prefix="delivery"))
        return context

    def post(self, request, *args, **kwargs):
        collect, delivery = self.options()
        collect_form = ClickAndCollectForm(request.POST, instance=collect, prefix="collect")
        delivery_form = LocalDeliveryForm(request.POST, instance=delivery, prefix="delivery")
        valid = collect_form.is_valid() and delivery_form.is_valid()
        if valid and not (collect_form.cleaned_data["is_active"] or delivery_form.cleaned_data["is_active"]):
            collect_form.add_error("is_active", _("Offer click-and-collect, local delivery, or both: customers need a way to get their orders."))
            valid = False
        if not valid:
            return self.render_to_response(self.get_context_data(collect_form=collect_form, delivery_form=delivery_form))
        with transaction.atomic():
            collect_form.save()
            delivery_form.save()
        messages.success(request, _("Your collection and delivery settings are saved."))
        return redirect("artisan:fulfilment")
