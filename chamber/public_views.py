"""The chamber's public pages: a campaign, and how results and selections are ordered."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.generic import TemplateView

from shops.roles import can_review_shops

from . import campaigns as campaign_pages
from .models import Campaign


class CampaignView(TemplateView):
    """A campaign's page while it is on; outside its period only the chamber's staff see it, marked
    as a preview."""

    template_name = "chamber/campaign_detail.html"

    def get(self, request, *args, **kwargs):
        self.campaign = get_object_or_404(Campaign, slug=kwargs["slug"])
        self.is_preview = not campaign_pages.is_active(self.campaign, timezone.localdate())
        if self.is_preview and not can_review_shops(request.user):
            raise Http404("This campaign is not on today.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        campaign = self.campaign
        campaign_pages.attach_renditions([campaign])
        context.update(
            campaign=campaign,
            is_preview=self.is_preview,
            text_html=mark_safe(campaign_pages.text_html(campaign)),  # sanitised with the allow-list
            shops=list(campaign_pages.public_shops(campaign)),
            products=list(campaign_pages.public_products(campaign)),
        )
        return context


class RankingTransparencyView(TemplateView):
    """How search results and the selections of the home page are ordered (art. L111-7 of the Code
    de la consommation), in plain words."""

    template_name = "chamber/ranking_transparency.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A contact address for the chamber, when the settings name one.
        context["chamber_contact_email"] = getattr(settings, "CHAMBER_CONTACT_EMAIL", "")
        return context


urlpatterns = [
    path("campagnes/<slug:slug>/", CampaignView.as_view(), name="campaign"),
    path("comment-nous-classons/", RankingTransparencyView.as_view(), name="ranking-transparency"),
]
