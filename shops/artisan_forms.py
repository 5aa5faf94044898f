"""Forms of the artisan's back-office. None of them exposes the partner, the status or the slug."""

from __future__ import annotations

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from catalogue.image_validation import ImageRejected, validate_and_clean_image
from themes.colours import MINIMUM_TEXT_CONTRAST, WHITE, contrast_ratio, darker_shade
from themes.registry import FONT_PAIRS, THEMES

from .models import ExceptionalClosure, OpeningPeriod, Shop
from .richtext import story_html
from .validators import validate_hex_colour


class ShopSettingsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Shop
        fields = ["tagline", "story", "email", "phone", "website", "on_vacation", "vacation_message", "vacation_until"]
        widgets = {
            "story": forms.Textarea(attrs={"rows": 10}),
            "vacation_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "story": _("Paragraphs, bold, italics, lists and links are kept; anything else is removed."),
            "on_vacation": _("Your shop stays visible, but takes no order until you come back."),
        }

    def clean_story(self) -> str:
        return story_html(self.cleaned_data["story"])

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
