"""The chamber's campaign form: period, address, text, picture, shops and their products."""

from __future__ import annotations

from django import forms
from django.db.models import Exists, OuterRef, Q
from django.forms.utils import ErrorDict
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from catalogue.image_validation import ImageRejected, validate_and_clean_image
from marketplace.choice_fields import IdMultipleChoiceField, is_id
from shops.models import Shop, ShopStatus
from shops.richtext import RICH_TEXT_MAX_CHARACTERS, cleaned_rich_text

from .models import Campaign
from .shop_choices import ShopMultipleChoiceField, for_choices, shop_label

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

SLUG_MAX_LENGTH = Campaign._meta.get_field("slug").max_length


def free_slug(base: str, exclude_pk: int | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``… : the first address no other campaign uses."""
    taken = set(Campaign.objects.exclude(pk=exclude_pk).filter(slug__startswith=base).values_list("slug", flat=True))
    if base not in taken:
        return base
    number = 2
    while True:
        suffix = f"-{number}"
        candidate = f"{base[: SLUG_MAX_LENGTH - len(suffix)].rstrip('-')}{suffix}"
        if candidate not in taken:
            return candidate
        number += 1


def slug_from(text: str) -> str:
    return slugify(text or "")[:SLUG_MAX_LENGTH].strip("-_")


class ShopChoiceField(ShopMultipleChoiceField):
    def label_from_instance(self, shop: Shop) -> str:
        label = shop_label(shop)
        if shop.status != ShopStatus.APPROVED:
            label = _("%(shop)s [%(status)s: not shown]") % {"shop": label, "status": shop.get_status_display()}
        return label


class CampaignForm(forms.ModelForm):
    # A plain text field: clean_slug judges it and answers with a suggestion, rather than the generic
    # message of Django's slug validator.
    slug = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=SLUG_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy(
            "The end of the page's address (/campagnes/…/): lower-case letters without accents, digits and hyphens. "
            "Leave it blank to make it from the title."
        ),
    )
    shops = ShopChoiceField(
        label=gettext_lazy("Shops"),
        queryset=Shop.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy("Approved shops, by name. Hold Ctrl (⌘ on a Mac) to pick several."),
    )
    products = IdMultipleChoiceField(
        label=gettext_lazy("Products"),
        queryset=Product.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text=gettext_lazy(
            "Products of the chosen shops. After changing the shops, press “Show the products of the chosen shops”."
        ),
    )

    class Meta:
        model = Campaign
        fields = ["title", "slug", "starts_on", "ends_on", "text", "image", "shops", "products"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 10, "maxlength": RICH_TEXT_MAX_CHARACTERS}),
        }
        help_texts = {
            "ends_on": gettext_lazy("Leave it blank for a campaign with no end date."),
            "text": gettext_lazy("Paragraphs, bold, italics, lists and links are kept; anything else is removed."),
            "image": gettext_lazy("JPEG, PNG, WebP or GIF, 10 MB at most; wide, at least 1600 pixels."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked_shop_ids = list(self.instance.shops.values_list("pk", flat=True)) if self.instance.pk else []
        self.linked_product_ids = set(self.instance.products.values_list("pk", flat=True)) if self.instance.pk else set()
        # Approved shops, and the ones already in the campaign (a shop suspended meanwhile must not
        # silently leave it: the public page hides it anyway).
        shops = for_choices(Shop.objects.filter(Q(status=ShopStatus.APPROVED) | Q(pk__in=linked_shop_ids)))
        self.fields["shops"].queryset = shops
        self.fields["products"].queryset = Product.objects.filter(
            Exists(StockRecord.objects.filter(product=OuterRef("pk"), partner_id__in=shops.values("pk")))
        )
        self.fields["products"].choices = self._product_choices()

    def _selected_shop_ids(self) -> list[int]:
        value = self["shops"].value() or []
        ids = []
        for item in value:
            item = getattr(item, "pk", item)
            if is_id(item):
                ids.append(int(item))
        return ids

    def _product_choices(self) -> list[tuple[str, list[tuple[int, str]]]]:
        """The products of the selected shops, grouped by shop: visible ones and those already chosen."""
        shop_ids = self._selected_shop_ids()
        if not shop_ids:
            return []
        shops = {shop.pk: shop for shop in self.fields["shops"].queryset.filter(pk__in=shop_ids)}
        rows = (
            StockRecord.objects.filter(partner_id__in=shops)
            .filter(Q(product__in=Product.objects.visible()) | Q(product_id__in=self.linked_product_ids))
            .order_by("product__title", "product_id")
            .values_list("partner_id", "product_id", "product__title")
        )
        by_shop: dict[int, list[tuple[int, str]]] = {}
        seen: set[tuple[int, int]] = set()
        for shop_id, product_id, title in rows:
            if (shop_id, product_id) in seen:
                continue
            seen.add((shop_id, product_id))
            by_shop.setdefault(shop_id, []).append((product_id, title or _("Product no. %(number)s") % {"number": product_id}))
        return [(shop_label(shop), by_shop[shop.pk]) for shop in sorted(shops.values(), key=lambda shop: (shop.name, shop.commune.name, shop.pk)) if shop.pk in by_shop]

    @property
    def has_product_choices(self) -> bool:
        return bool(self.fields["products"].choices)

    def without_errors(self) -> CampaignForm:
        """The form as filled in, shown again without judging it (when the chamber asks for the
        products of the shops it just picked)."""
        self._errors = ErrorDict()
        self.cleaned_data = {}
        return self

    def clean_slug(self) -> str:
        slug = (self.cleaned_data.get("slug") or "").strip()
        if not slug:
            title = self.cleaned_data.get("title") or ""
            slug = slug_from(title)
            if not slug:
                if title:
                    raise forms.ValidationError(
                        _("This title gives no address: type one with letters without accents, digits and hyphens."), code="slug"
                    )
                return slug
            # Made for them: take the first free one rather than refusing.
            return free_slug(slug, exclude_pk=self.instance.pk)
        if slug != slugify(slug):
            suggestion = slug_from(slug)
            message = _("An address may only hold lower-case letters without accents, digits and hyphens.")
            if suggestion:
                message += " " + _("Suggestion: “%(suggestion)s”.") % {"suggestion": free_slug(suggestion, exclude_pk=self.instance.pk)}
            raise forms.ValidationError(message, code="slug")
        other = Campaign.objects.exclude(pk=self.instance.pk).filter(slug=slug).first()
        if other:
            raise forms.ValidationError(
                _("The campaign “%(title)s” already uses this address. Suggestion: “%(suggestion)s”.")
                % {"title": other.title, "suggestion": free_slug(slug, exclude_pk=self.instance.pk)},
                code="slug_taken",
            )
        return slug

    def clean_text(self) -> str:
        return cleaned_rich_text(self.cleaned_data.get("text") or "")

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if not image or image == getattr(self.instance, "image", None):
            # Nothing sent, the picture kept as it was, or False: the picture is removed.
            return image
        try:
            return validate_and_clean_image(image)
        except ImageRejected as rejected:
            raise forms.ValidationError(str(rejected), code="image") from rejected

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            message = _("The campaign cannot end before it starts: the end date must be on or after %(day)s.")
            self.add_error("ends_on", forms.ValidationError(message % {"day": date_format(starts_on, "SHORT_DATE_FORMAT")}, code="period"))
        shops = cleaned.get("shops")
        products = cleaned.get("products")
        if products is not None and shops is not None:
            shop_ids = {shop.pk for shop in shops}
            sold_by = {}
            for product_id, partner_id in StockRecord.objects.filter(product__in=products).values_list("product_id", "partner_id"):
                sold_by.setdefault(product_id, set()).add(partner_id)
            strangers = [product for product in products if not sold_by.get(product.pk, set()) & shop_ids]
            if strangers:
                self.add_error(
                    "products",
                    forms.ValidationError(
                        _("Not sold by any of the chosen shops: %(products)s. Add their shop or remove them.")
                        % {"products": ", ".join(f"“{product.get_title()}”" for product in strangers)},
                        code="product_shop",
                    ),
                )
        return cleaned

    def changed_labels(self) -> list[str]:
        return [str(self.fields[name].label) for name in self.changed_data if name in self.fields]


class CampaignDeleteForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (kept in the chamber's log)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
