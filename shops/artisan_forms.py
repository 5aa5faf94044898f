"""Forms of the artisan's back-office. None of them exposes the partner, the status or the slug."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from catalogue.image_validation import ImageRejected, validate_and_clean_image
from geography.models import CommunePostcode
from themes.colours import MINIMUM_TEXT_CONTRAST, WHITE, contrast_ratio, darker_shade
from themes.registry import FONT_PAIRS, THEMES

from .models import ClickAndCollectOption, ExceptionalClosure, LocalDeliveryOption, OpeningPeriod, Shop, Weekday
from .richtext import RICH_TEXT_MAX_CHARACTERS, cleaned_rich_text
from .validators import validate_hex_colour


class ShopSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Shop
        fields = ["tagline", "story", "email", "phone", "website", "on_vacation", "vacation_message", "vacation_until"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 10, "maxlength": RICH_TEXT_MAX_CHARACTERS}),
            "vacation_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "story": _("Paragraphs, bold, italics, lists and links are kept; anything else is removed."),
            "on_vacation": _("Your shop stays visible, but takes no order until you come back."),
        }

    def clean_story(self) -> str:
        return cleaned_rich_text(self.cleaned_data["story"])

    def clean(self):
        cleaned = super().clean()
        back_on = cleaned.get("vacation_until")
        if cleaned.get("on_vacation") and back_on and back_on < timezone.localdate():
            self.add_error("vacation_until", _("The return date is in the past."))
        return cleaned


class OpeningPeriodFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        periods_by_day: dict[int, list[tuple]] = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not all(data.get(key) is not None for key in ("weekday", "opens_at", "closes_at")):
                continue
            if data["closes_at"] <= data["opens_at"]:
                form.add_error("closes_at", _("The closing time must come after the opening time."))
                continue
            periods_by_day.setdefault(data["weekday"], []).append((data["opens_at"], data["closes_at"], form))
        for periods in periods_by_day.values():
            periods.sort(key=lambda period: period[0])
            for previous, current in zip(periods, periods[1:]):
                if current[0] < previous[1]:
                    current[2].add_error("opens_at", _("This period overlaps another one on the same day."))


class ExceptionalClosureFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if data and not data.get("DELETE") and data.get("first_day") and data.get("last_day"):
                if data["last_day"] < data["first_day"]:
                    form.add_error("last_day", _("The last day comes before the first one."))


OpeningPeriodFormSetFactory = inlineformset_factory(
    Shop,
    OpeningPeriod,
    formset=OpeningPeriodFormSet,
    fields=["weekday", "opens_at", "closes_at"],
    widgets={"opens_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"), "closes_at": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")},
    extra=3,
    can_delete=True,
    max_num=28,
    # Django builds up to max_num + 1000 forms for a TOTAL_FORMS sent higher: refused beyond 28 instead.
    absolute_max=28,
    validate_max=True,
)
ExceptionalClosureFormSetFactory = inlineformset_factory(
    Shop,
    ExceptionalClosure,
    formset=ExceptionalClosureFormSet,
    fields=["first_day", "last_day", "reason"],
    widgets={
        "first_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        "last_day": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    },
    extra=1,
    can_delete=True,
    max_num=50,
    absolute_max=50,
    validate_max=True,
)


class ColourField(forms.CharField):
    widget = forms.TextInput(attrs={"type": "color"})

    def __init__(self, **kwargs):
        super().__init__(max_length=7, validators=[validate_hex_colour], **kwargs)

    def to_python(self, value):
        return (super().to_python(value) or "").strip().lower()


class AppearanceForm(forms.Form):
    """Theme, colours and fonts: previewed as a draft, then published."""

    theme = forms.ChoiceField(label=_("Theme"), choices=[(code, theme.name) for code, theme in THEMES.items()], widget=forms.RadioSelect)
    primary_colour = ColourField(label=_("Main colour"), help_text=_("Banner and buttons; white text sits on it."))
    accent_colour = ColourField(label=_("Accent colour"), help_text=_("Links and highlights."))
    font_pair = forms.ChoiceField(label=_("Fonts"), choices=[(code, pair.name) for code, pair in FONT_PAIRS.items()])

    FIELDS = ("theme", "primary_colour", "accent_colour", "font_pair")

    @classmethod
    def initial_for(cls, shop: Shop) -> dict:
        live = {name: getattr(shop, name) for name in cls.FIELDS}
        return {**live, **(shop.appearance_draft or {})}

    def clean_primary_colour(self) -> str:
        return self._readable_against_white(
            self.cleaned_data["primary_colour"],
            _(
                "White text on %(colour)s is hard to read (contrast %(ratio)s:1, at least %(minimum)s:1 is needed). "
                "Try a darker shade, such as %(suggestion)s."
            ),
        )

    def clean_accent_colour(self) -> str:
        # The accent colours links and highlights written on the page's white background.
        return self._readable_against_white(
            self.cleaned_data["accent_colour"],
            _(
                "Links in %(colour)s are hard to read on white (contrast %(ratio)s:1, at least %(minimum)s:1 is needed). "
                "Try a darker shade, such as %(suggestion)s."
            ),
        )

    @staticmethod
    def _readable_against_white(colour: str, message) -> str:
        ratio = contrast_ratio(colour, WHITE)
        if ratio < MINIMUM_TEXT_CONTRAST:
            raise forms.ValidationError(
                message,
                code="contrast",
                params={
                    "colour": colour,
                    "ratio": number_format(ratio, 1),
                    "minimum": number_format(MINIMUM_TEXT_CONTRAST, 1),
                    "suggestion": darker_shade(colour),
                },
            )
        return colour

    def appearance(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class ShopImagesForm(forms.Form):
    """Logo and banner, checked by their content before anything is stored."""

    logo = forms.FileField(label=_("Logo"), required=False, help_text=_("Square, at least 400 pixels wide."))
    banner = forms.FileField(label=_("Banner"), required=False, help_text=_("Wide, at least 1600 pixels."))

    def _clean_image(self, name: str):
        upload = self.cleaned_data.get(name)
        if not upload:
            return None
        try:
            return validate_and_clean_image(upload)
        except ImageRejected as rejected:
            raise forms.ValidationError(str(rejected), code="image") from rejected

    def clean_logo(self):
        return self._clean_image("logo")

    def clean_banner(self):
        return self._clean_image("banner")

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("logo") or cleaned.get("banner")):
            raise forms.ValidationError(_("Choose a logo or a banner to send."), code="empty")
        return cleaned


class ClickAndCollectForm(forms.ModelForm):
    class Meta:
        model = ClickAndCollectOption
        fields = ["is_active", "pickup_address", "slot_minutes", "preparation_hours", "same_day_cutoff", "capacity_per_slot", "horizon_days"]
        widgets = {"same_day_cutoff": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}


class LocalDeliveryForm(forms.ModelForm):
    postcodes_text = forms.CharField(
        label=_("Postcodes delivered"), required=False, max_length=2000,
        help_text=_("Separated by commas or spaces, e.g. 05000, 05100."),
    )
    bands_text = forms.CharField(
        label=_("Fees by distance"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One line per band, “up to km: fee”, e.g. “5: 2,00” then “10: 4,50”. Farther: the delivery fee above."),
    )
    delivery_days = forms.TypedMultipleChoiceField(
        label=_("Delivery days"), choices=Weekday.choices, coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = LocalDeliveryOption
        fields = [
            "is_active", "radius_km", "postcodes_text", "flat_fee", "bands_text", "free_above", "minimum_order",
            "delivery_days", "cutoff_time", "morning_window", "afternoon_window",
        ]
        widgets = {"cutoff_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}
        # French users type "6,50": amounts are read and shown in the active language's format.
        localized_fields = ["radius_km", "flat_fee", "free_above", "minimum_order"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        option = self.instance
        self.fields["postcodes_text"].initial = ", ".join(option.postcodes)
        self.fields["bands_text"].initial = "\n".join(
            f"{number_format(Decimal(up_to))}: {number_format(Decimal(fee), 2)}" for up_to, fee in option.distance_bands
        )

    def clean_postcodes_text(self) -> list[str]:
        postcodes = sorted(set(re.split(r"[\s,;]+", self.cleaned_data["postcodes_text"].strip()))) if self.cleaned_data["postcodes_text"].strip() else []
        malformed = [code for code in postcodes if not re.fullmatch(r"[0-9]{5}", code)]
        if malformed:
            raise forms.ValidationError(_("Not a postcode: %(codes)s.") % {"codes": ", ".join(malformed[:5])}, code="postcode")
        known = set(CommunePostcode.objects.filter(postcode__in=postcodes).values_list("postcode", flat=True))
        unknown = [code for code in postcodes if code not in known]
        if unknown:
            raise forms.ValidationError(_("Unknown postcodes: %(codes)s.") % {"codes": ", ".join(unknown[:5])}, code="postcode")
        return postcodes

    def clean_bands_text(self) -> list[list[str]]:
        bands = []
        for number, line in enumerate(self.cleaned_data["bands_text"].splitlines(), start=1):
            if not line.strip():
                continue
            match = re.fullmatch(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(?:km)?\s*[:=]\s*([0-9]+(?:[.,][0-9]{1,2})?)\s*€?\s*", line)
            if not match:
                raise forms.ValidationError(
                    _("Line %(line)d: write “up to km: fee”, e.g. 5: 2,00.") % {"line": number}, code="band"
                )
            up_to, fee = (Decimal(value.replace(",", ".")) for value in match.groups())
            if bands and up_to <= Decimal(bands[-1][0]):
                raise forms.ValidationError(
                    _("Line %(line)d: the distances must increase from one line to the next.") % {"line": number}, code="band"
                )
            bands.append([str(up_to), str(fee.quantize(Decimal("0.01")))])
        return bands

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("is_active"):
            return cleaned
        if cleaned.get("radius_km") is None and not cleaned.get("postcodes_text"):
            self.add_error("radius_km", _("Give a radius, postcodes, or both: where do you deliver?"))
        if not cleaned.get("delivery_days"):
            self.add_error("delivery_days", _("Choose at least one delivery day."))
        if not (cleaned.get("morning_window") or cleaned.get("afternoon_window")):
            self.add_error("afternoon_window", _("Offer the morning, the afternoon, or both."))
        return cleaned

    def save(self, commit=True):
        option = super().save(commit=False)
        option.postcodes = self.cleaned_data["postcodes_text"]
        option.distance_bands = self.cleaned_data["bands_text"]
        option.delivery_days = sorted(self.cleaned_data["delivery_days"])
        if commit:
            option.save()
        return option
