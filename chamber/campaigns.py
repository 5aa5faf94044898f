"""The chamber's campaigns as the public sees them: which are on today, and what each page shows."""

from __future__ import annotations

import datetime

from catalogue.renditions import renditions_by_source
from shops.richtext import story_html

from .models import Campaign


def active_campaigns(day: datetime.date | None = None, limit: int = 6) -> list[Campaign]:
    """The campaigns on ``day`` (today by default), the most recently started first.

    Each carries ``picture_renditions`` (the web sizes of its picture), fetched for all of them in
    one query, for ``{% picture campaign.image campaign.picture_renditions %}``.
    """
    campaigns = list(Campaign.objects.active_on(day).order_by("-starts_on", "title", "pk")[:limit])
    attach_renditions(campaigns)
    return campaigns


def attach_renditions(campaigns: list[Campaign]) -> None:
    sources = [campaign.image.name for campaign in campaigns if campaign.image]
    renditions = renditions_by_source(sources) if sources else {}
    for campaign in campaigns:
        campaign.picture_renditions = renditions


def is_active(campaign: Campaign, day: datetime.date) -> bool:
    return campaign.starts_on <= day and (campaign.ends_on is None or campaign.ends_on >= day)


def public_shops(campaign: Campaign):
    """The campaign's shops the public may see, by name, with what their cards show."""
    return campaign.shops.visible().with_card_details().order_by("partner__name", "pk")


def public_products(campaign: Campaign):
    """The campaign's products the public may see, by title, with what their cards show."""
    return campaign.products.visible().for_cards().order_by("title", "pk")


def text_html(campaign: Campaign) -> str:
    """The campaign's text as safe HTML (the same allow-list as the artisans' stories)."""
    return story_html(campaign.text)

