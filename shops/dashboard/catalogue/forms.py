from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.catalogue.forms import ProductForm as OscarProductForm
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as OscarProductImageForm
from oscar.apps.dashboard.catalogue.forms import StockRecordForm as OscarStockRecordForm

from catalogue.image_validation import ImageRejected, validate_and_clean_image


class ProductForm(OscarProductForm):
    class Meta(OscarProductForm.Meta):
        fields = [
            *OscarProductForm.Meta.fields,
            "vat_rate",
            "is_perishable",
            "is_made_to_order",
            "lead_time_days",
        ]


class StockRecordForm(OscarStockRecordForm):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        self.fields["price"].label = _("Price incl. VAT")
        # The marketplace sells in euros only.
        self.fields["price_currency"] = forms.ChoiceField(
            label=self.fields["price_currency"].label, choices=[("EUR", "EUR")], initial="EUR"
        )
        partners = self.fields["partner"].queryset
        if not user.is_staff and partners.count() == 1:
            # An artisan sells through one shop: no choice to make (and none to get wrong).
            self.fields["partner"].initial = partners.first()


class ProductImageForm(OscarProductImageForm):
    """Pictures are judged by content and stored without their metadata; web sizes follow."""

    def clean_original(self):
        original = self.cleaned_data.get("original")
        if not original or original == getattr(self.instance, "original", None):
            return original
        try:
            return validate_and_clean_image(original)
        except ImageRejected as rejected:
            raise forms.ValidationError(str(rejected), code="image") from rejected

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and "original" in self.changed_data and image.original:
            from catalogue.tasks import make_renditions

            path = image.original.name
            transaction.on_commit(lambda: make_renditions.delay(path))
        return image
