"""The chamber's forms: features, labels, grants, moderation, notes, audit filters."""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.choice_fields import IdChoiceField
from marketplace.models import Label, LabelGrant
from shops.models import Shop

from .models import AuditEntry, Feature
from .shop_choices import ShopChoiceField, for_choices

Product = get_model("catalogue", "Product")

DESCRIPTION_MAX_LENGTH = 2000
POSITION_MAX = 1000


class PeriodCheckMixin:
    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end comes before the start."))
        return cleaned


class FeatureForm(PeriodCheckMixin, forms.ModelForm):
    class Meta:
        model = Feature
        fields = ["shop", "product", "portrait", "starts_on", "ends_on", "position", "department_code"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "portrait": forms.Textarea(attrs={"rows": 4, "maxlength": 600}),
        }
        field_classes = {"shop": ShopChoiceField, "product": IdChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shop"].queryset = for_choices(Shop.objects.visible())
        self.fields["product"].queryset = Product.objects.visible().order_by("title")
        self.fields["product"].required = False
        self.fields["portrait"].max_length = 600
        # Smaller first: a few dozen places, never a number the column cannot hold.
        self.fields["position"].widget.attrs["max"] = POSITION_MAX
        self.fields["position"].validators.append(MaxValueValidator(POSITION_MAX))
        if not self.instance.pk:
            self.initial.setdefault("starts_on", timezone.localdate() + datetime.timedelta(days=1))

    def clean_department_code(self):
        code = self.cleaned_data["department_code"].strip().upper()
        if code and not (code in ("2A", "2B") or (code.isdigit() and len(code) in (2, 3))):
            raise ValidationError(_("A department code: 05, 13, 2A, 974…"))
        return code

    def clean(self):
        cleaned = super().clean()
        shop, product = cleaned.get("shop"), cleaned.get("product")
        if shop and product and not product.stockrecords.filter(partner_id=shop.pk).exists():
            self.add_error("product", _("This product is not sold by this shop."))
        return cleaned


class LabelForm(forms.ModelForm):
    class Meta:
        model = Label
        fields = ["name", "slug", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3, "maxlength": DESCRIPTION_MAX_LENGTH})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].validators.append(MaxLengthValidator(DESCRIPTION_MAX_LENGTH))


class LabelGrantForm(forms.Form):
    label = IdChoiceField(label=_("Label"), queryset=Label.objects.all())
    evidence = forms.CharField(label=_("Evidence checked"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("Certificate number, visit, document: what the chamber checked."))
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean_expires_on(self):
        expires_on = self.cleaned_data["expires_on"]
        if expires_on and expires_on < timezone.localdate():
            raise ValidationError(_("This date is past: the label would never show."))
        return expires_on


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the artisan)"), max_length=2000, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ProductModerationForm(ReasonForm):
    """Hide or restore one of the shop's products: the button's name says which, its value which."""

    hide_product = IdChoiceField(queryset=Product.objects.none(), required=False)
    restore_product = IdChoiceField(queryset=Product.objects.none(), required=False)

    def __init__(self, *args, shop, **kwargs):
        super().__init__(*args, **kwargs)
        products = Product.objects.filter(stockrecords__partner_id=shop.pk).distinct()
        for name in ("hide_product", "restore_product"):
            self.fields[name].queryset = products
            self.fields[name].error_messages["invalid_choice"] = _("This product is not sold by this shop.")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and (cleaned.get("hide_product") is None) == (cleaned.get("restore_product") is None):
            raise ValidationError(_("Choose one product to hide or restore."), code="product")
        return cleaned

    @property
    def hide(self) -> bool:
        return self.cleaned_data.get("hide_product") is not None

    @property
    def product(self):
        return self.cleaned_data.get("hide_product") or self.cleaned_data.get("restore_product")


class LabelWithdrawalForm(ReasonForm):
    """Withdraw one of the labels granted to the shop; the button's value is the grant."""

    withdraw_label = IdChoiceField(queryset=LabelGrant.objects.none(), error_messages={
        "required": _("Choose the label to withdraw."), "invalid_choice": _("This shop does not hold this label."),
    })

    def __init__(self, *args, shop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["withdraw_label"].queryset = LabelGrant.objects.filter(shop=shop).select_related("label")


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Seen by the chamber only."))


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False, choices=[("", _("All actions")), *AuditEntry.Action.choices])
    who = forms.CharField(label=_("Who"), required=False, max_length=100)
    target = forms.CharField(label=_("On what"), required=False, max_length=100)
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
