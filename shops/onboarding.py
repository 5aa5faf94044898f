"""Opening a shop: the applicant's account, their application, and the slug of their storefront."""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify
from oscar.core.loading import get_model

from .models import Shop
from .roles import artisan_group

Partner = get_model("partner", "Partner")

SLUG_LENGTH = 70


def unique_shop_slug(name: str, commune_name: str, exclude_pk: int | None = None) -> str:
    """A free storefront address from the shop's name, then its commune, then a number."""
    taken = Shop.objects.exclude(pk=exclude_pk) if exclude_pk else Shop.objects.all()
    base = slugify(name)[:SLUG_LENGTH].strip("-") or "boutique"
    candidates = [base, f"{base}-{slugify(commune_name)}"[:SLUG_LENGTH].strip("-")]
    for candidate in candidates:
        if not taken.filter(slug=candidate).exists():
            return candidate
    number = 2
    while taken.filter(slug=f"{candidates[-1]}-{number}").exists():
        number += 1
    return f"{candidates[-1]}-{number}"


def shop_being_opened_by(user) -> Shop | None:
    return Shop.objects.for_user(user).select_related("partner", "commune").order_by("pk").first()


@transaction.atomic
def save_application(user, form) -> Shop:
    """Create or update the applicant's shop (and its partner) from a valid ShopApplicationForm."""
    shop = form.save(commit=False)
    name = form.cleaned_data["name"].strip()
    if shop.pk:
        if shop.partner.name != name:
            shop.partner.name = name
            shop.partner.save(update_fields=["name"])
    else:
        shop.partner = Partner.objects.create(name=name)
        shop.partner.users.add(user)
        user.groups.add(artisan_group())
        shop.slug = unique_shop_slug(name, shop.commune.name)
    shop.save()
    return shop
