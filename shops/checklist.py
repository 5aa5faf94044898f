"""What an approved artisan still has to do before their shop is complete."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Trim
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from payments.gateway import card_payments_configured
from payments.methods import accepted_methods
from payments.models import StripeAccount

from .models import ClickAndCollectOption, LocalDeliveryOption, OpeningPeriod, Shop

StockRecord = get_model("partner", "StockRecord")


@dataclass(frozen=True)
class ChecklistItem:
    code: str
    label: str
    help_text: str
    url: str
    is_done: bool
    # Without it the shop cannot sell, so it is not listed yet (shops.listing).
    is_essential: bool = False


def _offers_fulfilment(shop: Shop) -> bool:
    return (
        ClickAndCollectOption.objects.filter(shop=shop, is_active=True).exists()
        or LocalDeliveryOption.objects.filter(shop=shop, is_active=True).exists()
    )


def shop_checklist(shop: Shop) -> list[ChecklistItem]:
    settings_url = reverse("artisan:settings")
    return [
        ChecklistItem("logo", _("Add your logo"), _("It appears on your storefront and in search results."),
                      reverse("artisan:appearance"), bool(shop.logo)),
        ChecklistItem("story", _("Tell your story"), _("Who you are, how you work, what makes your products special."),
                      settings_url, bool(shop.story.strip())),
        ChecklistItem("hours", _("Give your opening hours"), _("Customers see whether you are open now."),
                      reverse("artisan:hours"), shop.opening_periods.exists(), True),
        ChecklistItem("fulfilment", _("Choose how customers get their orders"),
                      _("Click-and-collect with pickup slots, local delivery in your area, or both."),
                      reverse("artisan:fulfilment"), _offers_fulfilment(shop), True),
        ChecklistItem("payments", _("Choose how customers pay you"),
                      _("By card through Stripe (paid to you once the order is handed over), on site, or both."),
                      reverse("artisan:payments"), bool(accepted_methods(shop)), True),
        ChecklistItem("first_product", _("Put your first product online"), _("With a photo, a price and its stock."),
                      reverse("artisan:products"),
                      StockRecord.objects.filter(partner_id=shop.pk, product__is_public=True).exists(), True),
    ]


# --- The same items as SQL: every shop judged in one query (the chamber's to-do, shops.listing) -----

def item_conditions() -> dict[str, Q | Exists]:
    """Each item of ``shop_checklist``, by its code, as a condition on shops that holds when it is done
    (``story`` reads the ``story_trimmed`` annotation ``with_checklist`` adds)."""
    shop = OuterRef("pk")
    card_ready = Exists(StripeAccount.objects.filter(shop=shop, charges_enabled=True, payouts_enabled=True))
    return {
        "logo": ~Q(logo="") & Q(logo__isnull=False),
        "story": ~Q(story_trimmed=""),
        "hours": Exists(OpeningPeriod.objects.filter(shop=shop)),
        "fulfilment": Exists(ClickAndCollectOption.objects.filter(shop=shop, is_active=True))
        | Exists(LocalDeliveryOption.objects.filter(shop=shop, is_active=True)),
        "payments": (card_ready | Q(accepts_payment_on_site=True)) if card_payments_configured() else Q(accepts_payment_on_site=True),
        "first_product": Exists(StockRecord.objects.filter(partner_id=shop, product__is_public=True)),
    }


def with_checklist(shops: QuerySet, codes: tuple[str, ...] | None = None) -> QuerySet:
    """``shops`` annotated with ``done_<code>`` (a boolean per checklist item, or per item of ``codes``)
    and ``checklist_complete`` (all of them done)."""
    conditions = item_conditions()
    codes = tuple(conditions) if codes is None else codes
    if "story" in codes:
        shops = shops.annotate(story_trimmed=Trim("story"))
    shops = shops.annotate(**{f"done_{code}": Q(conditions[code]) for code in codes})
    return shops.annotate(checklist_complete=Q(*(Q(**{f"done_{code}": True}) for code in codes)))
