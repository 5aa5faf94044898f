"""The artisan's product forms, in plain words: the product, its pictures and its variants.

The rules are the marketplace's (shops/dashboard/catalogue/forms.py, shops.partner.prices,
catalogue.food, catalogue.image_validation); the writing is shops.product_editing's.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from catalogue.food import Allergen
from catalogue.image_validation import ImageRejected, validate_and_clean_image
from shops.partner.prices import validate_price
from shops.richtext import RICH_TEXT_MAX_CHARACTERS, cleaned_rich_text
from shops.slots import MAXIMUM_LEAD_DAYS

from . import product_editing
from .product_editing import MAX_PICTURES, MAX_VARIANTS, StockFilter

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")

# Items on a shelf: the dashboard's bound (shops/dashboard/catalogue/forms.py).
MAXIMUM_STOCK = 1_000_000
SEARCH_MAX_LENGTH = 100
_PLAIN_PARAGRAPHS = re.compile(r"^(\s*<p>(?:(?!</?p>)(?!<(?!br\s*/?>))[\s\S])*</p>\s*)*$")


class EuroField(forms.DecimalField):
    """An amount in euros as people type it: « 11,20 », « 11.20 », « 11,20 € »."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(localize=True, **kwargs)
        self.validators.append(validate_price)
        self.error_messages.update(
            invalid=_("Give an amount in euros, such as 4,50."),
            max_decimal_places=_("Give an amount in euros, such as 4,50."),
            max_digits=_("Give an amount in euros, such as 4,50."),
            max_whole_digits=_("Give an amount in euros, such as 4,50."),
        )
        self.widget.attrs.update(inputmode="decimal", autocomplete="off")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace("\u202f", "").replace(" ", "").strip()
        return super().to_python(value)


class StockField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAXIMUM_STOCK, **kwargs)
        self.error_messages.update(
            invalid=_("Give a whole number, such as 12."),
            min_value=_("A stock cannot be negative."),
            max_value=_("A stock is %(limit_value)s at most."),
        )
        self.widget.attrs.update(inputmode="numeric")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PicturesField(forms.FileField):
    """Several pictures at once, each judged by its content and stored without its metadata."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        cleaned = []
        for upload in uploads:
            try:
                cleaned.append(validate_and_clean_image(upload))
            except ImageRejected as rejected:
                name = getattr(upload, "name", "") or ""
                raise ValidationError(f"{name} : {rejected}" if name else str(rejected), code="image") from rejected
        return cleaned


class SectionsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # Only ids a column can hold reach the database (SQLite overflows on longer ones).
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdecimal() and len(text) <= 18):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)

    def label_from_instance(self, category):
        return f"{'— ' * max(category.depth - 2, 0)}{category.name}"


@dataclass
class SectionGroup:
    name: str
    choices: list = field(default_factory=list)
    chosen: int = 0


def editable_description(stored: str) -> str:
    """A description made of plain paragraphs is edited as plain text (a blank line between
    paragraphs); one with emphasis or links is edited as its HTML, so that nothing is lost."""
    if not stored or not _PLAIN_PARAGRAPHS.match(stored):
        return stored or ""
    paragraphs = re.findall(r"<p>([\s\S]*?)</p>", stored)
    return "\n\n".join(html.unescape(re.sub(r"<br\s*/?>\n?", "\n", paragraph)).strip() for paragraph in paragraphs)


class ArtisanProductForm(forms.ModelForm):
    reference = forms.CharField(
        label=_("Your reference (optional)"), max_length=128, required=False,
        help_text=_("Your own code for this product, the one your CSV imports use. Left empty, one is given."),
    )
    price = EuroField(
        label=_("Price incl. VAT"), required=False,
        help_text=_("Such as 11,20. With variants, each variant has its own price."),
    )
    stock = StockField(
        label=_("Quantity in stock"), required=False, initial=0,
        help_text=_("How many you can sell now. With variants, each variant has its own stock."),
    )
    sections = SectionsField(
        label=_("Categories"), queryset=Category.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Where customers find it in the catalogue. If you choose none, your trade's category."),
    )
    allergens = forms.MultipleChoiceField(
        label=_("Allergens"), choices=Allergen.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("For food: the allergens among the 14 the law lists that the product contains."),
        error_messages={"invalid_choice": _("“%(value)s” is not one of the 14 allergens to declare.")},
    )
    pictures = PicturesField(
        label=_("Add pictures"), required=False,
        help_text=_("JPEG, PNG or WebP, 10 MB at most each. The first picture is the one shown on cards, cut to a square."),
    )

    class Meta:
        model = Product
        fields = ["title", "description", "vat_rate", "is_made_to_order", "lead_time_days", "is_perishable",
                  "ingredients", "allergens", "net_quantity", "storage_instructions"]
        labels = {
            "title": _("Name of the product"),
            "description": _("Description"),
            "is_made_to_order": _("Made to order"),
            "lead_time_days": _("Making time (days)"),
            "is_perishable": _("Perishable"),
            "ingredients": _("Ingredients"),
            "net_quantity": _("Net quantity"),
            "storage_instructions": _("Storage and use-by"),
        }
        help_texts = {
            "title": _("As customers will read it, such as “Sourdough country loaf”."),
            "description": _("What it is, how you make it. Leave a blank line between paragraphs."),
            "vat_rate": _("The rate of the VAT included in your price."),
            "is_made_to_order": _("You make it for each order: customers can order it without stock."),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": RICH_TEXT_MAX_CHARACTERS}),
            "ingredients": forms.Textarea(attrs={"rows": 3}),
            "storage_instructions": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "title": {"required": _("Give the product a name.")},
        }

    def __init__(self, *args, shop, existing_pictures=(), has_variants=False, **kwargs):
        self.shop = shop
        self.existing_pictures = list(existing_pictures)
        self.has_variants_posted = has_variants
        instance = kwargs.get("instance")
        super().__init__(*args, **kwargs)
        self.fields["sections"].queryset = Category.objects.order_by("path")
        self.fields["title"].required = True  # optional in Oscar's model for variants only
        lead_time = self.fields["lead_time_days"]
        lead_time.validators.append(MaxValueValidator(MAXIMUM_LEAD_DAYS))
        lead_time.error_messages["max_value"] = _("A making time is %(limit_value)s days at most.")
        lead_time.widget.attrs["max"] = MAXIMUM_LEAD_DAYS
        lead_time.required = False
        if instance is not None and instance.pk and not self.is_bound:
            self.initial["description"] = editable_description(instance.description)
            self.initial["sections"] = [link.pk for link in instance.categories.all()]
            record = product_editing.record_of(shop, instance) if not instance.is_parent else None
            if record is not None:
                self.initial.update(price=record.price, stock=record.num_in_stock, reference=record.partner_sku)
        # One field per picture the product has: its place, and whether to remove it.
        for image in self.existing_pictures:
            self.fields[f"picture-{image.pk}-order"] = forms.IntegerField(
                label=_("Place"), min_value=1, max_value=MAX_PICTURES * 2, required=False, initial=image.display_order + 1,
                error_messages={"invalid": _("Give a whole number, such as 2.")},
            )
            self.fields[f"picture-{image.pk}-remove"] = forms.BooleanField(label=_("Remove this picture"), required=False)
            self.fields[f"picture-{image.pk}-description"] = forms.CharField(
                label=_("What it shows"), max_length=200, required=False, initial=image.caption,
                help_text=_("Read aloud to customers who do not see it, such as “370 g jar, green label”."),
            )

    def section_groups(self) -> list[SectionGroup]:
        """The categories by top-level family, each family folded unless one of its categories is
        chosen: the catalogue's tree is long, a phone shows the families first."""
        chosen = {str(value) for value in (self["sections"].value() or [])}
        groups: list[SectionGroup] = []
        for choice in self["sections"]:
            category = choice.data["value"].instance
            if category.depth == 1 or not groups:
                groups.append(SectionGroup(category.name))
            groups[-1].choices.append(choice)
            if str(choice.data["value"]) in chosen:
                groups[-1].chosen += 1
        return groups

    def picture_rows(self):
        return [(image, self[f"picture-{image.pk}-order"], self[f"picture-{image.pk}-remove"], self[f"picture-{image.pk}-description"])
                for image in self.existing_pictures]

    def _post_clean(self):
        if "title" in self._errors:
            return  # the model's own check would only say again that the name is missing
        super()._post_clean()

    def clean_description(self):
        return cleaned_rich_text(self.cleaned_data.get("description", ""))

    def clean_reference(self):
        reference = self.cleaned_data.get("reference", "").strip()
        if reference and product_editing.reference_taken(self.shop, reference, exclude_product=self.instance):
            raise ValidationError(_("Another of your products already has this reference."), code="reference_taken")
        return reference

    def clean_lead_time_days(self):
        return self.cleaned_data.get("lead_time_days") or 0

    def clean(self):
        cleaned = super().clean()
        if not self.has_variants_posted:
            if cleaned.get("price") is None and "price" not in self.errors:
                self.add_error("price", _("Give the price customers pay, VAT included, such as 11,20."))
            if cleaned.get("stock") is None and "stock" not in self.errors:
                cleaned["stock"] = 0
        kept = sum(1 for image in self.existing_pictures if not cleaned.get(f"picture-{image.pk}-remove"))
        if kept + len(cleaned.get("pictures") or []) > MAX_PICTURES:
            self.add_error("pictures", _("A product has %(limit)d pictures at most: remove some first.") % {"limit": MAX_PICTURES})
        if cleaned.get("is_made_to_order") is False:
            cleaned["lead_time_days"] = 0
        return cleaned

    def picture_changes(self):
        return [
            product_editing.PictureChange(
                image_id=image.pk,
                order=self.cleaned_data.get(f"picture-{image.pk}-order") or image.display_order + 1,
                remove=bool(self.cleaned_data.get(f"picture-{image.pk}-remove")),
                description=self.cleaned_data.get(f"picture-{image.pk}-description", "").strip(),
            )
            for image in self.existing_pictures
        ]


class VariantForm(forms.Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=2**62)
    name = forms.CharField(
        label=_("Variant"), max_length=100, required=False,
        help_text=_("Size, weight, colour… such as 500 g."),
    )
    price = EuroField(label=_("Price incl. VAT"), required=False)
    stock = StockField(label=_("Quantity in stock"), required=False, initial=0)

    def has_changed(self):
        # A blank variant (its stock left at 0) is no variant: only a name, a price or an id make one.
        return super().has_changed() and any(str(self[name].data or "").strip() for name in ("id", "name", "price"))

    def clean(self):
        cleaned = super().clean()
        if self.errors or cleaned.get("DELETE"):
            return cleaned
        if not cleaned.get("name"):
            self.add_error("name", _("Name the variant, such as 500 g."))
        if cleaned.get("price") is None:
            self.add_error("price", _("Give the variant's price, VAT included."))
        cleaned["stock"] = cleaned.get("stock") or 0
        return cleaned


class BaseVariantFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        names = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed() or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("name") or "").strip().casefold()
            if name and name in names:
                form.add_error("name", _("Two variants have this name: give each its own."))
            names.add(name)

    def changes(self):
        changes = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            if not data or (not form.has_changed() and not data.get("id")):
                continue
            if data.get("DELETE") and not data.get("id"):
                continue
            changes.append(product_editing.VariantChange(
                pk=data.get("id"), name=(data.get("name") or "").strip(), price=data.get("price") or Decimal("0"),
                stock=data.get("stock") or 0, delete=bool(data.get("DELETE")),
            ))
        return changes


VariantFormSet = forms.formset_factory(
    VariantForm, formset=BaseVariantFormSet, extra=1, can_delete=True, max_num=MAX_VARIANTS, validate_max=True,
    absolute_max=MAX_VARIANTS + 5,
)


def variants_posted(data, prefix="variants") -> bool:
    """Whether the posted variants keep at least one (the product's own price is then not asked)."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), MAX_VARIANTS + 5)
    except (TypeError, ValueError):
        return False
    return any(
        (data.get(f"{prefix}-{index}-name", "").strip() or data.get(f"{prefix}-{index}-id", "").strip())
        and not data.get(f"{prefix}-{index}-DELETE")
        for index in range(total)
    )


class ProductFilterForm(forms.Form):
    """The list's search and filters; anything unexpected is simply no filter."""

    q = forms.CharField(label=_("Search"), required=False, max_length=SEARCH_MAX_LENGTH)
    section = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none(), required=False,
                                     empty_label=_("All categories"))
    stock = forms.ChoiceField(label=_("Stock"), required=False, choices=[
        ("", _("All")),
        (StockFilter.IN_STOCK, _("In stock")),
        (StockFilter.SOLD_OUT, _("Sold out")),
        (StockFilter.MADE_TO_ORDER, _("Made to order")),
    ])
    archives = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, shop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = Category.objects.filter(
            pk__in=product_editing.shop_products(shop).values("categories")
        ).order_by("path")
        self.fields["section"].label_from_instance = lambda category: category.name

    def filters(self) -> dict:
        if not self.is_valid():
            # A bad value (an id that is no category of theirs, a word for a number) filters nothing.
            data = {name: value for name, value in self.cleaned_data.items() if name not in self.errors} if hasattr(self, "cleaned_data") else {}
        else:
            data = self.cleaned_data
        query = (data.get("q") or "").replace("\x00", "").strip()
        return {"query": query, "category": data.get("section"), "stock": data.get("stock") or "",
                "archived": bool(data.get("archives"))}
