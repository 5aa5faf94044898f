"""The search parameters, shared by the page and the JSON API, checked into a SearchQuery."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from marketplace.geography.distance import GeoPoint
from marketplace.geography.lookup import PlaceNotFound, nearest_commune, resolve_insee_code, resolve_place
from shops.trades import Trade

from .query import PRICE_BUCKETS, DEFAULT_RADIUS_KM, price_bucket_bounds, MAX_PAGE, MAX_RADIUS_KM, MAX_TEXT_LENGTH, PAGE_SIZE, Place, ResultType, SearchQuery, Sort

Category = get_model("catalogue", "Category")
_DEPARTMENT_CODE = re.compile(r"^(2A|2B|[0-9]{2,3})$", re.IGNORECASE)
_LABEL_SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")
_INSEE_CODE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$", re.IGNORECASE)
MAX_PAGE_SIZE = 50
MAX_LIST_VALUES = 30


class CodeListField(forms.Field):
    """Repeated parameters (?department=05&department=04) checked one by one against a pattern."""

    widget = forms.MultipleHiddenInput

    def __init__(self, pattern: re.Pattern, message, **kwargs):
        self.pattern, self.message = pattern, message
        super().__init__(required=False, **kwargs)

    def to_python(self, value):
        values = [str(item).strip() for item in (value or []) if str(item).strip()]
        if len(values) > MAX_LIST_VALUES:
            raise ValidationError(_("Too many values."), code="too_many")
        for item in values:
            if not self.pattern.match(item):
                raise ValidationError(self.message, code="invalid", params={"value": item[:20]})
        return tuple(dict.fromkeys(values))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=MAX_TEXT_LENGTH, strip=True,
                        error_messages={"max_length": _("Your search is too long: %(limit_value)d characters at most.")})
    place = forms.CharField(label=_("Where?"), required=False, max_length=100,
                            help_text=_("A postcode or a commune"))
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    radius = forms.FloatField(label=_("Within"), required=False, min_value=0.5, max_value=MAX_RADIUS_KM)
    type = forms.ChoiceField(label=_("Show"), required=False, choices=ResultType.choices)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=Sort.choices)
    trade = forms.MultipleChoiceField(label=_("Trade"), required=False, choices=Trade.choices)
    category = forms.TypedMultipleChoiceField(label=_("Category"), required=False, coerce=int)
    department = CodeListField(_DEPARTMENT_CODE, _("“%(value)s” is not a department code."), label=_("Department"))
    label = CodeListField(_LABEL_SLUG, _("“%(value)s” is not a label."), label=_("Labels"))
    price_min = forms.DecimalField(label=_("Price from (€)"), required=False, min_value=0, max_value=1_000_000, decimal_places=2)
    price_max = forms.DecimalField(label=_("Price up to (€)"), required=False, min_value=0, max_value=1_000_000, decimal_places=2)
    price_range = forms.ChoiceField(required=False, choices=[(key, key) for key, _low, _high in PRICE_BUCKETS])
    pickup = forms.BooleanField(label=_("Click-and-collect"), required=False)
    delivers = forms.BooleanField(label=_("Delivers to my address"), required=False)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    in_stock = forms.BooleanField(label=_("Available now"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(category.pk, category.name) for category in Category.objects.only("pk", "name")]
        self.place: Place | None = None

    def clean_q(self):
        return self.cleaned_data["q"].replace("\x00", "")

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("lat"), cleaned.get("lon")
        if (latitude is None) != (longitude is None) and not ({"lat", "lon"} & self.errors.keys()):
            raise ValidationError(_("Give both the latitude and the longitude, or a place."), code="half_position")
        if latitude is not None and longitude is not None:
            point = GeoPoint(latitude, longitude)
            commune = nearest_commune(point)
            self.place = Place(point=point, label=str(_("Around me")), insee_code=commune.insee_code if commune else "",
                               postcode=commune.postcodes.split(" ")[0] if commune else "")
        elif cleaned.get("place"):
            self.place = self._resolve(cleaned["place"])
        price_min, price_max = cleaned.get("price_min"), cleaned.get("price_max")
        if price_min is not None and price_max is not None and price_min > price_max:
            self.add_error("price_max", _("The highest price is below the lowest."))
        return cleaned

    def _resolve(self, text: str) -> Place | None:
        try:
            try:
                resolved = resolve_place(text)
            except PlaceNotFound:
                # The API names communes exactly by INSEE code (which may differ from any postcode).
                if not _INSEE_CODE.match(text.strip()):
                    raise
                resolved = resolve_insee_code(text)
        except PlaceNotFound as unknown:
            self.add_error("place", str(unknown))
            return None
        commune = resolved.commune
        postcode = text.strip() if text.strip() in commune.postcodes.split(" ") else commune.postcodes.split(" ")[0]
        return Place(point=resolved.point, label=f"{commune.name} ({postcode})", insee_code=commune.insee_code, postcode=postcode)

    def to_query(self) -> SearchQuery:
        data = self.cleaned_data
        radius = data.get("radius")
        price_min, price_max = data.get("price_min"), data.get("price_max")
        if data.get("price_range") and price_min is None and price_max is None:
            price_min, price_max = price_bucket_bounds(data["price_range"])
        return SearchQuery(
            text=data.get("q") or "",
            place=self.place,
            radius_km=(radius or DEFAULT_RADIUS_KM) if self.place is not None else None,
            result_type=data.get("type") or ResultType.PRODUCTS,
            sort=data.get("sort") or Sort.RELEVANCE,
            trades=tuple(data.get("trade") or ()),
            category_ids=tuple(data.get("category") or ()),
            department_codes=tuple(code.upper() for code in data.get("department") or ()),
            label_slugs=tuple(data.get("label") or ()),
            price_min=price_min,
            price_max=price_max,
            pickup=bool(data.get("pickup")),
            delivers_here=bool(data.get("delivers")) and self.place is not None,
            open_now=bool(data.get("open_now")),
            in_stock=bool(data.get("in_stock")),
            page=data.get("page") or 1,
            page_size=data.get("per_page") or PAGE_SIZE,
        )
