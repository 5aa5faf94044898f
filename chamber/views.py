"""The chamber's pages for shops (moderation, labels, notes), labels, featured producers and the
audit log. Every view needs the chamber staff's permission (shops.review_shop)."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView, View
from django.views.generic.edit import CreateView, UpdateView
from oscar.core.loading import get_model

from marketplace.models import Label
from shops import workflow
from shops.chamber_views import ApplicationDetailView, ChamberReviewerMixin, DecisionForm

from . import audit, moderation, todo
from .forms import (
    AuditFilterForm,
    FeatureForm,
    LabelForm,
    LabelGrantForm,
    LabelWithdrawalForm,
    NoteForm,
    ProductModerationForm,
)
from .models import AuditEntry, Feature

Product = get_model("catalogue", "Product")


class HomeView(ChamberReviewerMixin, TemplateView):
    """/chambre/: the day's to-do (chamber.todo) and the way to every chamber screen."""

    template_name = "chamber/home.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "day": todo.chamber_day(), "now": timezone.now(),
                "label_expiry_days": todo.LABEL_EXPIRY_DAYS, "stuck_after_days": todo.STUCK_AFTER_DAYS}


class ShopChamberView(ApplicationDetailView):
    """A shop as the chamber sees it: decisions, moderation of the shop and its products, labels
    granted, internal notes."""

    template_name = "chamber/shop.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shop = self.object
        context.update(
            notes=shop.chamber_notes.select_related("author"),
            note_form=kwargs.get("note_form") or NoteForm(),
            grants=shop.label_grants.select_related("label", "granted_by").order_by("label__name"),
            grant_form=kwargs.get("grant_form") or LabelGrantForm(),
            products=Product.objects.filter(stockrecords__partner_id=shop.pk).order_by("title").only(
                "pk", "title", "slug", "is_public", "hidden_by_chamber", "moderation_reason"),
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = shop = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        handlers = {"add_note": self.add_note, "grant_label": self.grant_label, "withdraw_label": self.withdraw_label,
                    "hide_product": self.moderate_product, "restore_product": self.moderate_product}
        for name, handler in handlers.items():
            if name in request.POST:
                return handler(request, shop)
        return self.decide(request, shop)

    def decide(self, request, shop):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a decision."))
            return self.render_to_response(self.get_context_data(decision_form=form))
        try:
            moderation.decide_on_shop(shop, form.cleaned_data["decision"], request.user, form.cleaned_data["reason"])
        except workflow.TransitionNotAllowed as refused:
            form.add_error("reason", str(refused))
            return self.render_to_response(self.get_context_data(decision_form=form))
        shop.refresh_from_db()
        messages.success(request, _("Decision recorded for %(shop)s: %(status)s.") % {"shop": shop.name, "status": shop.get_status_display()})
        return redirect("chamber:application", pk=shop.pk)

    def add_note(self, request, shop):
        form = NoteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(note_form=form), status=400)
        moderation.add_note(shop, request.user, form.cleaned_data["text"])
        messages.success(request, _("Note added."))
        return redirect("chamber:application", pk=shop.pk)

    def grant_label(self, request, shop):
        form = LabelGrantForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(grant_form=form), status=400)
        data = form.cleaned_data
        moderation.grant_label(shop, data["label"], request.user, data["evidence"], data["expires_on"])
        messages.success(request, _("Label “%(label)s” granted to %(shop)s.") % {"label": data["label"].name, "shop": shop.name})
        return redirect("chamber:application", pk=shop.pk)

    def withdraw_label(self, request, shop):
        form = LabelWithdrawalForm(request.POST, shop=shop)
        if not form.is_valid():
            messages.error(request, _all_errors(form))
            return redirect("chamber:application", pk=shop.pk)
        grant = form.cleaned_data["withdraw_label"]
        moderation.withdraw_label(grant, request.user, form.cleaned_data["reason"])
        messages.success(request, _("Label “%(label)s” withdrawn.") % {"label": grant.label.name})
        return redirect("chamber:application", pk=shop.pk)

    def moderate_product(self, request, shop):
        form = ProductModerationForm(request.POST, shop=shop)
        back = redirect(reverse("chamber:application", kwargs={"pk": shop.pk}) + "#products-title")
        if not form.is_valid():
            messages.error(request, _all_errors(form))
            return back
        product, hide = form.product, form.hide
        try:
            moderation.set_product_hidden(product, hide, request.user, form.cleaned_data["reason"])
        except moderation.ModerationRefused as refused:
            messages.error(request, str(refused))
            return back
        messages.success(request, (_("“%(product)s” is hidden; the artisan is told why.") if hide
                                   else _("“%(product)s” is visible again.")) % {"product": product.title})
        return back


def _all_errors(form) -> str:
    return " ".join(message for errors in form.errors.values() for message in errors)


class LabelListView(ChamberReviewerMixin, ListView):
    template_name = "chamber/labels.html"
    context_object_name = "labels"

    def get_queryset(self):
        from django.db.models import Count

        today = timezone.localdate()
        return Label.objects.annotate(
            shop_count=Count("grants", filter=Q(grants__expires_on__isnull=True) | Q(grants__expires_on__gte=today)),
        ).order_by("name")


class LabelEditMixin(ChamberReviewerMixin):
    model = Label
    form_class = LabelForm
    template_name = "chamber/label_form.html"

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            audit.record(self.request.user, AuditEntry.Action.LABEL_CHANGED, self.object)
        messages.success(self.request, _("Label “%(label)s” saved.") % {"label": self.object.name})
        return response

    def get_success_url(self):
        return reverse("chamber:labels")


class LabelCreateView(LabelEditMixin, CreateView):
    pass


class LabelUpdateView(LabelEditMixin, UpdateView):
    pass


class FeatureListView(ChamberReviewerMixin, TemplateView):
    template_name = "chamber/features.html"

    def get_context_data(self, **kwargs):
        today = timezone.localdate()
        features = Feature.objects.select_related("shop__partner", "shop__commune", "product")
        return {
            **super().get_context_data(**kwargs),
            "current": features.active_on(today),
            "upcoming": features.filter(starts_on__gt=today),
            "past": features.filter(ends_on__lt=today).order_by("-ends_on")[:20],
            "today": today,
        }


class FeatureEditMixin(ChamberReviewerMixin):
    model = Feature
    form_class = FeatureForm
    template_name = "chamber/feature_form.html"

    def form_valid(self, form):
        with transaction.atomic():
            if not form.instance.pk:
                form.instance.created_by = self.request.user
            response = super().form_valid(form)
            feature = self.object
            audit.record(self.request.user, AuditEntry.Action.FEATURE_SAVED, feature,
                         reason=_("From %(start)s to %(end)s") % {"start": feature.starts_on.strftime("%d/%m/%Y"),
                                                                  "end": feature.ends_on.strftime("%d/%m/%Y") if feature.ends_on else "…"},
                         target_label=str(feature.shop))
        messages.success(self.request, _("Selection saved: %(shop)s.") % {"shop": self.object.shop.name})
        return response

    def get_success_url(self):
        return reverse("chamber:features")


class FeatureCreateView(FeatureEditMixin, CreateView):
    pass


class FeatureUpdateView(FeatureEditMixin, UpdateView):
    pass


class FeatureDeleteView(ChamberReviewerMixin, View):
    def post(self, request, pk):
        feature = get_object_or_404(Feature, pk=pk)
        with transaction.atomic():
            audit.record(request.user, AuditEntry.Action.FEATURE_DELETED, feature, target_label=str(feature.shop))
            feature.delete()
        messages.success(request, _("Removed from the selection: %(shop)s.") % {"shop": feature.shop.name})
        return redirect("chamber:features")


class AuditLogView(ChamberReviewerMixin, ListView):
    template_name = "chamber/audit_log.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = AuditFilterForm(self.request.GET or None)
        entries = AuditEntry.objects.all()
        if self.filter_form.is_bound and self.filter_form.is_valid():
            data = self.filter_form.cleaned_data
            paris = ZoneInfo(settings.TIME_ZONE)
            if data["action"]:
                entries = entries.filter(action=data["action"])
            if data["who"]:
                entries = entries.filter(actor_name__icontains=data["who"])
            if data["target"]:
                entries = entries.filter(target_label__icontains=data["target"])
            if data["since"]:
                entries = entries.filter(created_at__gte=datetime.datetime.combine(data["since"], datetime.time(), paris))
            if data["until"]:
                entries = entries.filter(created_at__lt=datetime.datetime.combine(data["until"] + datetime.timedelta(days=1), datetime.time(), paris))
        return entries

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(filter_form=self.filter_form, query_without_page=query.urlencode())
        return context


urlpatterns = [
    path("labels/", LabelListView.as_view(), name="labels"),
    path("labels/nouveau/", LabelCreateView.as_view(), name="label-create"),
    path("labels/<id:pk>/", LabelUpdateView.as_view(), name="label-edit"),
    path("selection/", FeatureListView.as_view(), name="features"),
    path("selection/nouveau/", FeatureCreateView.as_view(), name="feature-create"),
    path("selection/<id:pk>/", FeatureUpdateView.as_view(), name="feature-edit"),
    path("selection/<id:pk>/retirer/", FeatureDeleteView.as_view(), name="feature-delete"),
    path("journal/", AuditLogView.as_view(), name="audit-log"),
]
