from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Max, Min, Q
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.catalogue.forms import *  # noqa: F401,F403
from oscar.apps.dashboard.catalogue.forms import ProductForm as OscarProductForm
from oscar.apps.dashboard.catalogue.forms import ProductImageForm as OscarProductImageForm
from oscar.apps.dashboard.catalogue.forms import ProductRecommendationForm as OscarProductRecommendationForm
from oscar.apps.dashboard.catalogue.forms import SetProductPriceForm as OscarSetProductPriceForm
from oscar.apps.dashboard.catalogue.forms import StockRecordForm as OscarStockRecordForm
from oscar.core.loading import get_model

from catalogue.access import products_of_user
from catalogue.food import Allergen
from catalogue.image_validation import ImageRejected, validate_and_clean_image
from shops.partner.prices import (
    MAXIMUM_PERCENTAGE,
    MAXIMUM_PRICE,
    MINIMUM_PERCENTAGE,
    MINIMUM_PRICE,
    adjusted_price_problem,
    euros,
    validate_price,
)
from shops.richtext import RICH_TEXT_MAX_CHARACTERS, check_rich_text_length
from shops.slots import MAXIMUM_LEAD_DAYS

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

# Items on a shelf: more than any workshop holds, and within every integer column.
MAXIMUM_STOCK = 1_000_000


def bound_price_field(field: forms.DecimalField) -> None:
    """A price field of the dashboard: between 0,01 € and 100 000 €, said so in the user's language."""
    field.validators.append(validate_price)
    field.widget.attrs.update(min=str(MINIMUM_PRICE), max=str(MAXIMUM_PRICE), step="0.01")


class ProductForm(OscarProductForm):
    class Meta(OscarProductForm.Meta):
        fields = [
            *OscarProductForm.Meta.fields,
            "vat_rate",
            "is_perishable",
            "is_made_to_order",
            "lead_time_days",
            # Food information (EU regulation 1169/2011), shown on the product page for food.
            "ingredients",
            "allergens",
            "net_quantity",
            "storage_instructions",
        ]

    allergens = forms.MultipleChoiceField(
        label=_("Allergens"), choices=Allergen.choices, required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("For food: the allergens among the 14 the law lists that the product contains."),
        error_messages={"invalid_choice": _("“%(value)s” is not one of the 14 allergens to declare.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "lead_time_days" in self.fields:
            lead_time = self.fields["lead_time_days"]
            lead_time.validators.append(MaxValueValidator(MAXIMUM_LEAD_DAYS))
            lead_time.error_messages["max_value"] = _("A making time is %(limit_value)s days at most.")
            lead_time.widget.attrs["max"] = MAXIMUM_LEAD_DAYS
        if "description" in self.fields:
            self.fields["description"].validators.append(check_rich_text_length)
            self.fields["description"].widget.attrs["maxlength"] = RICH_TEXT_MAX_CHARACTERS


class StockRecordForm(OscarStockRecordForm):
    def __init__(self, product_class, user, *args, **kwargs):
        super().__init__(product_class, user, *args, **kwargs)
        self.fields["price"].label = _("Price incl. VAT")
        # The marketplace sells in euros only.
        self.fields["price_currency"] = forms.ChoiceField(
            label=self.fields["price_currency"].label, choices=[("EUR", "EUR")], initial="EUR"
        )
        bound_price_field(self.fields["price"])
        for name in ("num_in_stock", "low_stock_threshold"):
            if name in self.fields:
                self.fields[name].validators.append(MaxValueValidator(MAXIMUM_STOCK))
                self.fields[name].widget.attrs["max"] = MAXIMUM_STOCK
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
            from marketplace.outbox import enqueue_on_commit

            enqueue_on_commit(make_renditions, image.original.name)
        return image


class SetProductPriceForm(OscarSetProductPriceForm):
    """The bulk change of prices, bounded: every price it sets or brings stays between 0,01 € and
    100 000 €, and a percentage between −99 % and +1 000 % (Oscar only stopped prices at 0 €)."""

    def __init__(self, *args, products_queryset=None, user=None, **kwargs):
        super().__init__(*args, products_queryset=products_queryset, user=user, **kwargs)
        for name, field in self.fields.items():
            if name == "new_price" or name.startswith("price_"):
                bound_price_field(field)
        amount = self.fields["increase_by_amount"]
        amount.validators += [MinValueValidator(-MAXIMUM_PRICE), MaxValueValidator(MAXIMUM_PRICE)]
        amount.help_text = _("Adds a fixed amount to each price; a negative amount lowers them. "
                             "A change that would bring a price below %(minimum)s is refused.") % {"minimum": euros(MINIMUM_PRICE)}
        percentage = self.fields["increase_by_percentage"]
        percentage.validators.append(validate_percentage)
        percentage.widget.attrs.update(min=str(MINIMUM_PERCENTAGE), max=str(MAXIMUM_PERCENTAGE))
        percentage.help_text = _("Adds a percentage of each price, from -99 to 1000; a negative percentage lowers them. "
                                 "A change that would bring a price below %(minimum)s is refused.") % {"minimum": euros(MINIMUM_PRICE)}

    def clean(self):
        cleaned = super().clean()
        amount, percentage = cleaned.get("increase_by_amount"), cleaned.get("increase_by_percentage")
        if self.errors or (amount is None and percentage is None):
            return cleaned
        prices = self.affected_stockrecords().aggregate(lowest=Min("price"), highest=Max("price"))
        problem = adjusted_price_problem(prices["lowest"], prices["highest"], amount=amount, percentage=percentage)
        if problem:
            self.add_error("increase_by_percentage" if percentage is not None else "increase_by_amount", problem)
        return cleaned

    def affected_stockrecords(self):
        """The priced stock records the change would touch: those of the chosen partners, for the
        products selected one by one or by structure (as the action's view gathers them), but
        those given a price of their own."""
        cleaned = self.cleaned_data
        selectable = self.fields["selected_products"].queryset
        structures = [structure for flag, structure in (("select_all_parents", Product.PARENT), ("select_all_children", Product.CHILD),
                                                        ("select_all_standalones", Product.STANDALONE)) if cleaned.get(flag)]
        chosen = Q(pk__in=[product.pk for product in cleaned.get("selected_products") or []]) | Q(structure__in=structures)
        return StockRecord.objects.filter(
            product__in=selectable.filter(chosen).values("pk"), partner__in=cleaned.get("partners") or [], price__isnull=False
        ).exclude(product_id__in=list(self.get_specific_prices()))


def validate_percentage(percentage):
    if not MINIMUM_PERCENTAGE <= percentage <= MAXIMUM_PERCENTAGE:
        raise ValidationError(_("Give a percentage between -99 and 1000."), code="percentage_bounds")


class ProductRecommendationForm(OscarProductRecommendationForm):
    """A product recommends only products its editor may attach: an artisan's own (no shop shows a
    competitor's products on its pages, even when their id is posted by hand), any for the chamber's
    staff. The formset passes the user (formsets.ProductRecommendationFormSet)."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        recommendation = self.fields["recommendation"]
        recommendation.queryset = products_of_user(recommendation.queryset, user)
        recommendation.error_messages["invalid_choice"] = _("Choose one of your own products.")
