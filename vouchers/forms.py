"""The chamber's forms for voucher programmes: the programme itself, its limited categories, and a
shop's exclusion."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from geography.models import Commune
from oscar.core.loading import get_model

from .models import CategoryLimit, Programme

Category = get_model("catalogue", "Category")

CENT = Decimal("0.01")
LARGEST_VALUE = Decimal("10000.00")
DEPARTMENT_CODE = re.compile(r"^(\d{2}|2[AB]|97\d)$")
# « 10, 20, 50 » or « 10 ; 20 ; 50 »: a comma followed by a space, a semicolon or spaces separate the
# amounts, so that « 12,50 » stays one amount with its decimal comma.
VALUE_SEPARATORS = re.compile(r"\s*;\s*|,\s+|\s+")
LIST_SEPARATORS = re.compile(r"\s*[,;\n]\s*")


def euros(amount: Decimal) -> str:
    return f"{number_format(amount, 2)}\u00a0€"


def parse_amount(text: str) -> Decimal | None:
    cleaned = text.replace("€", "").replace("\u00a0", "").strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


class CategoryChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, category) -> str:
        return category.full_name


class ProgrammeForm(forms.ModelForm):
    departments = forms.CharField(
        label=gettext_lazy("Departments"), required=False, max_length=200,
        help_text=gettext_lazy("Department codes separated by commas, such as « 05, 04 »: every commune of these departments."),
    )
    commune_list = forms.CharField(
        label=gettext_lazy("Communes"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("INSEE codes or names of communes, separated by commas or lines, such as « 05061, La Bâtie-Neuve »."),
    )
    values = forms.CharField(
        label=gettext_lazy("Fixed face values (€)"), required=False, max_length=200,
        help_text=gettext_lazy("Such as « 10, 20, 50 ». Empty: the buyer chooses an amount between the bounds below."),
    )
    excluded_categories = CategoryChoiceField(
        label=gettext_lazy("Categories it cannot pay for"), required=False, queryset=Category.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Such as alcohol. Their subcategories are excluded too."),
    )

    class Meta:
        model = Programme
        fields = [
            "name", "slug", "funder_name", "funder_kind", "minimum_value", "maximum_value", "bonus_percent", "bonus_cap",
            "bonus_budget", "sale_starts_on", "sale_ends_on", "valid_until", "purchase_limit", "excluded_categories", "terms",
        ]
        widgets = {
            "sale_starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "sale_ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "terms": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Used in the programme's public address. Empty: made from the name.")
        self.fields["excluded_categories"].queryset = Category.objects.filter(depth__lte=2).order_by("path")
        for name in ("minimum_value", "maximum_value", "bonus_percent", "bonus_cap", "bonus_budget", "purchase_limit"):
            self.fields[name].localize = True
            self.fields[name].widget.is_localized = True
            self.fields[name].widget.input_type = "text"
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        programme = self.instance
        if programme.pk and not self.is_bound:
            self.initial["departments"] = ", ".join(programme.department_codes or [])
            self.initial["commune_list"] = ", ".join(programme.communes.order_by("name").values_list("insee_code", flat=True))
            self.initial["values"] = ", ".join(number_format(Decimal(str(value)), 2) for value in programme.fixed_values or [])
        self.communes: list[Commune] = []

    def clean_slug(self) -> str:
        slug = self.cleaned_data.get("slug") or slugify(self.data.get(self.add_prefix("name"), ""))[:110]
        if not slug:
            return slug
        taken = Programme.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists()
        if taken:
            if self.cleaned_data.get("slug"):
                raise forms.ValidationError(_("Another programme already uses this address: choose another one."))
            base, number = slug, 2
            while Programme.objects.filter(slug=f"{base}-{number}").exclude(pk=self.instance.pk).exists():
                number += 1
            slug = f"{base}-{number}"
        return slug

    def clean_departments(self) -> list[str]:
        typed = [code for code in LIST_SEPARATORS.split(self.cleaned_data["departments"].strip()) if code]
        wrong = [code for code in typed if not DEPARTMENT_CODE.match(code.upper())]
        if wrong:
            raise forms.ValidationError(_("« %(code)s » is not a department code (such as 05 or 2A).") % {"code": wrong[0]})
        codes = [code.upper() for code in typed]
        known = set(Commune.objects.filter(department_code__in=codes).values_list("department_code", flat=True).distinct())
        unknown = [code for code in codes if code not in known]
        if unknown:
            raise forms.ValidationError(_("No commune is known in the department %(code)s.") % {"code": unknown[0]})
        return sorted(set(codes))

    def clean_commune_list(self) -> list[Commune]:
        tokens = [token for token in LIST_SEPARATORS.split(self.cleaned_data["commune_list"].strip()) if token]
        found: dict[int, Commune] = {}
        for token in tokens:
            matches = list(Commune.objects.filter(Q(insee_code__iexact=token) | Q(name__iexact=token)).order_by("insee_code")[:3])
            if not matches:
                raise forms.ValidationError(_("No commune is called « %(name)s »: give its name or its INSEE code.") % {"name": token})
            if len(matches) > 1:
                raise forms.ValidationError(
                    _("Several communes are called « %(name)s »: give its INSEE code (%(codes)s).")
                    % {"name": token, "codes": ", ".join(commune.insee_code for commune in matches)}
                )
            found[matches[0].pk] = matches[0]
        return list(found.values())

    def clean_values(self) -> list[Decimal]:
        text = self.cleaned_data["values"].replace("€", " ").strip()
        if not text:
            return []
        values = []
        for token in VALUE_SEPARATORS.split(text):
            if not token:
                continue
            value = parse_amount(token)
            if value is None:
                raise forms.ValidationError(
                    _("« %(value)s » is not an amount: separate the amounts with a comma and a space, such as « 10, 20, 50 ».")
                    % {"value": token}
                )
            if value <= 0 or value > LARGEST_VALUE:
                raise forms.ValidationError(
                    _("Each amount is between %(smallest)s and %(largest)s.") % {"smallest": euros(CENT), "largest": euros(LARGEST_VALUE)}
                )
            if value != value.quantize(CENT):
                raise forms.ValidationError(_("« %(value)s »: an amount in euros and cents, such as 12,50.") % {"value": token})
            values.append(value.quantize(CENT))
        return sorted(set(values))

    def clean(self):
        data = super().clean()
        errors: dict[str, str] = {}
        if "departments" in data and "commune_list" in data and not data["departments"] and not data["commune_list"]:
            errors["departments"] = _("Give the territory: departments, communes, or both.")
        starts, ends, valid = data.get("sale_starts_on"), data.get("sale_ends_on"), data.get("valid_until")
        if starts and ends and ends < starts:
            errors["sale_ends_on"] = _("The sale must end on or after its first day.")
        if ends and valid and valid < ends:
            errors["valid_until"] = _("The vouchers must stay valid at least until the end of the sale.")
        low, high = data.get("minimum_value"), data.get("maximum_value")
        if low is not None and low <= 0:
            errors["minimum_value"] = _("The smallest amount must be above 0 €.")
        elif low is not None and high is not None and high < low:
            errors["maximum_value"] = _("The largest amount cannot be below the smallest one.")
        percent, cap, budget = data.get("bonus_percent"), data.get("bonus_cap"), data.get("bonus_budget")
        if cap is not None and cap < 0:
            errors["bonus_cap"] = _("The cap cannot be negative.")
        if budget is not None and budget < 0:
            errors["bonus_budget"] = _("The budget cannot be negative.")
        elif percent and budget is not None and budget == 0:
            errors["bonus_budget"] = _("A bonus needs a budget: give one, or set the bonus to 0 %.")
        elif budget is not None and budget < self.instance.bonus_committed:
            errors["bonus_budget"] = _("The bonuses of vouchers already sold take %(committed)s: the budget cannot be lower.") % {
                "committed": euros(self.instance.bonus_committed)
            }
        limit, values = data.get("purchase_limit"), data.get("values")
        if limit is not None:
            smallest = min(values) if values else low
            if limit <= 0:
                errors["purchase_limit"] = _("The limit must be above 0 €, or empty for no limit.")
            elif smallest is not None and limit < smallest:
                errors["purchase_limit"] = _("With this limit nobody could buy even the smallest voucher (%(amount)s).") % {
                    "amount": euros(smallest)
                }
        for name, message in errors.items():
            self.add_error(name, message)
        return data

    def save(self, commit: bool = True) -> Programme:
        programme = super().save(commit=False)
        programme.department_codes = self.cleaned_data["departments"]
        programme.fixed_values = [str(value) for value in self.cleaned_data["values"]]
        if commit:
            programme.save()
            self.save_m2m()
            programme.communes.set(self.cleaned_data["commune_list"])
        return programme


class CategoryLimitForm(forms.ModelForm):
    category = forms.ModelChoiceField(label=gettext_lazy("Category"), queryset=Category.objects.none(), required=True)

    class Meta:
        model = CategoryLimit
        fields = ["category", "max_amount"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(depth__lte=2).order_by("path")
        self.fields["category"].label_from_instance = lambda category: category.full_name
        amount = self.fields["max_amount"]
        amount.localize = True
        amount.widget.is_localized = True
        amount.widget.input_type = "text"
        amount.widget.attrs["inputmode"] = "decimal"

    def clean_max_amount(self) -> Decimal:
        amount = self.cleaned_data["max_amount"]
        if amount <= 0 or amount > LARGEST_VALUE:
            raise forms.ValidationError(_("Between %(smallest)s and %(largest)s.") % {"smallest": euros(CENT), "largest": euros(LARGEST_VALUE)})
        return amount


class BaseCategoryLimitFormSet(forms.BaseInlineFormSet):
    """The limited categories: each once, and none that the programme already excludes."""

    def __init__(self, *args, excluded_categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.excluded_categories = set(excluded_categories)

    def clean(self):
        # Before the formset's own uniqueness check, so that a repeated category gets this message.
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE") or not form.cleaned_data.get("category"):
                continue
            category = form.cleaned_data["category"]
            if category.pk in seen:
                form.add_error("category", _("This category is already limited above."))
            elif category.pk in self.excluded_categories:
                form.add_error("category", _("This category is excluded: the vouchers pay nothing of it, so no limit applies."))
            seen.add(category.pk)
        super().clean()


CategoryLimitFormSet = forms.inlineformset_factory(
    Programme, CategoryLimit, form=CategoryLimitForm, formset=BaseCategoryLimitFormSet,
    extra=2, max_num=20, validate_max=True, can_delete=True,
)


class ExclusionForm(forms.Form):
    shop = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=300, required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    action = forms.ChoiceField(choices=[("exclude", "exclude"), ("include", "include")], widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if data.get("action") == "exclude" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why the shop is excluded: the reason is kept in the audit log."))
        return data


class FunderAccessForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("The funder's e-mail address"), max_length=254,
        help_text=gettext_lazy("They receive a link to these reports, read-only, valid until you revoke it."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
