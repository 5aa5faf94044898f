import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.geography.lookup import MAX_PLACE_LENGTH, PlaceNotFound, resolve_insee_code, resolve_place
from marketplace.geography.text import normalize
from shops.nearby import ShopSearch
from shops.trades import Trade

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (50, "50 km"), (100, "100 km")]
DEFAULT_RADIUS_KM = 50
_DEPARTMENT_CODE = re.compile(r"^([0-9]{2,3}|2[AB])$")


class HomeSearchForm(forms.Form):
    """The home page's search box: what, where, and optional filters from the page's links."""

    field_names = ("q", "place", "commune", "radius", "trade", "department")

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"placeholder": _("bread, honey, pottery, a shop's name…"), "type": "search"}),
    )
    place = forms.CharField(
        label=_("Where?"),
        required=False,
        max_length=MAX_PLACE_LENGTH,
        widget=forms.TextInput(
            attrs={"placeholder": _("postcode or commune"), "list": "commune-suggestions", "autocomplete": "off"}
        ),
    )
    # Set by the links that pick one commune among several sharing a postcode or a name.
    commune = forms.CharField(required=False, max_length=20, widget=forms.HiddenInput)
    radius = forms.TypedChoiceField(
        label=_("Within"),
        choices=RADIUS_CHOICES,
        coerce=int,
        required=False,
        empty_value=DEFAULT_RADIUS_KM,
        initial=DEFAULT_RADIUS_KM,
    )
    trade = forms.ChoiceField(label=_("Trade"), choices=[("", _("All trades")), *Trade.choices], required=False)
    department = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    error_messages = {
        "empty": _("Type what you are looking for, or a postcode or commune."),
        "department": _("Unknown department."),
    }

    @classmethod
    def is_submitted(cls, query_parameters) -> bool:
        return any(name in query_parameters for name in cls.field_names)

    def clean_department(self) -> str:
        code = self.cleaned_data["department"].strip().upper()
        if code and not _DEPARTMENT_CODE.match(code):
            raise forms.ValidationError(self.error_messages["department"], code="department")
        return code

    def clean(self):
        cleaned = super().clean()
        self.resolved_place = None
        commune_code = cleaned.get("commune", "").strip()
        place_text = cleaned.get("place", "").strip()
        try:
            if commune_code:
                self.resolved_place = resolve_insee_code(commune_code)
            elif place_text:
                self.resolved_place = resolve_place(place_text)
        except PlaceNotFound as error:
            self.add_error("place", str(error))
            return cleaned
        if self.resolved_place and not place_text:
            # Show the chosen commune in the place box, so the next search keeps it.
            cleaned["place"] = self.resolved_place.commune.label
            self.data = self.data.copy()
            self.data["place"] = cleaned["place"]
        # Punctuation alone matches nothing: it is no search.
        cleaned["q"] = cleaned.get("q", "") if normalize(cleaned.get("q", "")) else ""
        if not self.errors and not (
            cleaned.get("q") or self.resolved_place or cleaned.get("trade") or cleaned.get("department")
        ):
            raise forms.ValidationError(self.error_messages["empty"], code="empty")
        return cleaned

    def to_search(self) -> ShopSearch:
        data = self.cleaned_data
        return ShopSearch(
            text=data["q"].strip(),
            point=self.resolved_place.point if self.resolved_place else None,
            radius_km=data["radius"] if self.resolved_place else None,
            trade=data["trade"],
            department_code=data["department"],
        )
