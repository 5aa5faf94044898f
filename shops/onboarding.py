"""Opening a shop: the applicant's account, their application, and the slug of their storefront."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.forms.models import construct_instance
from django.utils.crypto import get_random_string
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


# What the application form may change on an existing shop; the rest (status, pictures…) is
# left as it is in the database, whatever another request did meanwhile.
APPLICATION_FIELDS = [
    "trade", "tagline", "legal_name", "legal_form", "siret", "trades_register_number", "vat_regime", "vat_number",
    "email", "phone", "website", "address_line", "postcode", "commune", "latitude", "longitude",
    "search_text", "updated_at",
]


def save_application(user, form) -> Shop:
    """Create or update the applicant's shop (and its partner) from a valid ShopApplicationForm."""
    with transaction.atomic():
        # One applicant, one shop: two first submissions at once must not open two.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        existing = shop_being_opened_by(user)
        if existing and form.instance.pk is None:
            # The other submission opened the shop first: this one updates it.
            form.instance = construct_instance(form, existing, form._meta.fields)
            form.instance.place_in(form.cleaned_data["commune"])
        shop = form.save(commit=False)
        name = form.cleaned_data["name"].strip()
        if shop.pk:
            if shop.partner.name != name:
                shop.partner.name = name
                shop.partner.save(update_fields=["name"])
            shop.save(update_fields=APPLICATION_FIELDS)
            return shop
        shop.partner = Partner.objects.create(name=name)
        shop.partner.users.add(user)
        user.groups.add(artisan_group())
        _save_with_free_slug(shop, name)
        return shop


def _save_with_free_slug(shop: Shop, name: str) -> None:
    for attempt in range(5):
        shop.slug = unique_shop_slug(name, shop.commune.name)
        if attempt:
            shop.slug = f"{shop.slug[:SLUG_LENGTH - 7]}-{get_random_string(6, 'abcdefghjkmnpqrstuvwxyz23456789')}"
        try:
            with transaction.atomic():
                shop.save(force_insert=True)
            return
        except IntegrityError:
            # Another applicant took the same address at the same moment: try another.
            continue
    raise IntegrityError("No free storefront address")
