"""The chamber's campaigns: list (on now, coming, over), create, edit, delete — every change logged."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, ListView

from catalogue.renditions import delete_image_and_renditions
from shops.chamber_views import ChamberReviewerMixin

from . import audit
from .campaigns import is_active
from .forms_campaigns import CampaignDeleteForm, CampaignForm
from .models import AuditEntry, Campaign

PERIODS = {
    "active": gettext_lazy("On now"),
    "upcoming": gettext_lazy("Coming"),
    "past": gettext_lazy("Over"),
}
DEFAULT_PERIOD = "active"


def campaigns_in(period: str, day):
    campaigns = Campaign.objects.all()
    if period == "upcoming":
        return campaigns.filter(starts_on__gt=day).order_by("starts_on", "title", "pk")
    if period == "past":
        return campaigns.filter(ends_on__lt=day).order_by("-ends_on", "title", "pk")
    # Those ending soonest first, open-ended ones last.
    return campaigns.active_on(day).order_by(F("ends_on").asc(nulls_last=True), "title", "pk")


class CampaignListView(ChamberReviewerMixin, ListView):
    template_name = "chamber/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = 25

    def get_queryset(self):
        self.day = timezone.localdate()
        self.period = self.request.GET.get("periode", DEFAULT_PERIOD)
        if self.period not in PERIODS:
            self.period = DEFAULT_PERIOD
        return campaigns_in(self.period, self.day).annotate(
            shop_count=Count("shops", distinct=True), product_count=Count("products", distinct=True)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = Campaign.objects.aggregate(
            active=Count("pk", filter=Q(starts_on__lte=self.day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=self.day))),
            upcoming=Count("pk", filter=Q(starts_on__gt=self.day)),
            past=Count("pk", filter=Q(ends_on__lt=self.day)),
        )
        context["periods"] = [
            {"code": code, "label": label, "count": counts[code], "current": code == self.period} for code, label in PERIODS.items()
        ]
        context["period"] = self.period
        context["period_label"] = PERIODS[self.period]
        context["today"] = self.day
        context["query_without_page"] = f"periode={self.period}"
        return context


class CampaignFormView(ChamberReviewerMixin, FormView):
    """Create (no pk) or edit a campaign."""

    template_name = "chamber/campaign_form.html"
    form_class = CampaignForm

    def dispatch(self, request, *args, **kwargs):
        # The permission is checked before the campaign is looked up: no 404 tells a stranger what exists.
        if not self.has_permission():
            return self.handle_no_permission()
        self.object = get_object_or_404(Campaign, pk=kwargs["pk"]) if "pk" in kwargs else None
        # Read before the form writes the new values onto the instance.
        self.old_image = self.object.image.name if self.object and self.object.image else ""
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if "show_products" in request.POST:
            # Only re-display, with the products of the shops just picked: nothing is saved.
            return self.render_to_response(self.get_context_data(form=form.without_errors(), refreshed=True))
        if form.is_valid():
            return self.form_valid(form)
        return self.form_invalid(form)

    def form_valid(self, form):
        creating = form.instance.pk is None
        try:
            with transaction.atomic():
                campaign = self.save_and_record(form, creating, self.old_image)
        except IntegrityError:
            # Another campaign took the same address meanwhile.
            form.add_error("slug", _("Another campaign has just taken this address: choose another one."))
            return self.form_invalid(form)
        if creating:
            messages.success(self.request, _("The campaign “%(title)s” was created.") % {"title": campaign.title})
        else:
            messages.success(self.request, _("The campaign “%(title)s” was saved.") % {"title": campaign.title})
        return redirect("chamber:campaign-edit", pk=campaign.pk)

    def save_and_record(self, form, creating: bool, old_image: str) -> Campaign:
        """Saves the campaign and records it, inside the caller's transaction; web sizes of a new
        picture are made, and a replaced picture deleted, once it commits."""
        campaign = form.save()
        if creating:
            reason = _("Created.")
        else:
            reason = _("Changed: %(fields)s.") % {"fields": ", ".join(form.changed_labels()) or _("nothing")}
        audit.record(self.request.user, AuditEntry.Action.CAMPAIGN_SAVED, campaign, reason=reason)
        new_image = campaign.image.name if campaign.image else ""
        if new_image and new_image != old_image:
            from catalogue.tasks import make_renditions
            from marketplace.outbox import enqueue_on_commit

            enqueue_on_commit(make_renditions, new_image)
        if old_image and old_image != new_image:
            transaction.on_commit(lambda: delete_image_and_renditions(old_image))
        return campaign

    def form_invalid(self, form):
        messages.error(self.request, _("The campaign was not saved: correct the fields marked below."))
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.object
        if campaign is not None and context["form"].is_bound:
            # A refused form has written its values onto the instance (an empty address, say): the
            # page speaks of the campaign as saved.
            campaign = Campaign.objects.get(pk=campaign.pk)
        context["campaign"] = campaign
        if campaign:
            context["is_active"] = is_active(campaign, timezone.localdate())
        return context


class CampaignDeleteView(ChamberReviewerMixin, FormView):
    template_name = "chamber/campaign_confirm_delete.html"
    form_class = CampaignDeleteForm

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.object = get_object_or_404(Campaign, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["campaign"] = self.object
        context["shop_count"] = self.object.shops.count()
        context["product_count"] = self.object.products.count()
        return context

    def form_valid(self, form):
        campaign = self.object
        title = campaign.title
        image = campaign.image.name if campaign.image else ""
        with transaction.atomic():
            audit.record(self.request.user, AuditEntry.Action.CAMPAIGN_DELETED, campaign, reason=form.cleaned_data["reason"])
            campaign.delete()
            if image:
                transaction.on_commit(lambda: delete_image_and_renditions(image))
        messages.success(self.request, _("The campaign “%(title)s” was deleted.") % {"title": title})
        return redirect("chamber:campaigns")


urlpatterns = [
    path("campagnes/", CampaignListView.as_view(), name="campaigns"),
    path("campagnes/nouvelle/", CampaignFormView.as_view(), name="campaign-create"),
    path("campagnes/<id:pk>/", CampaignFormView.as_view(), name="campaign-edit"),
    path("campagnes/<id:pk>/supprimer/", CampaignDeleteView.as_view(), name="campaign-delete"),
]
