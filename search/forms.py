"""The search parameters, shared by the page and the JSON API, checked into a SearchQuery."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from geography.distance import GeoPoint
from geography.lookup import PlaceNotFound, nearest_commune, resolve_insee_code, resolve_place
from shops.trades import Trade

from .query import (
    DEFAULT_RADIUS_KM, MAX_PAGE, MAX_RADIUS_KM, MAX_TEXT_LENGTH, PAGE_SIZE, PRICE_BUCKETS, Place, ResultType, SearchQuery, Sort,
    price_bucket_bounds,
)
from .text import query_words

Category = get_model("catalogue", "Category")
_DEPARTMENT_CODE = re.compile(r"^(2A|2B|[0-9]{2,3})$", re.IGNORECASE)
_LABEL_SLUG = re.compile(r"^[-a-z0-9_]{1,80}$")
_INSEE_CODE = re.compile(r"^([0-9]{5}|2[AB][0-9]{3})$", re.IGNORECASE)
MAX_PAGE_SIZE = 50
# Elasticsearch answers at most 10,000 hits deep (index.max_result_window); so does the API.
MAX_RESULT_DEPTH = 10_000
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


class FlagInput(forms.CheckboxInput):
    """A filter flag: « 1 » (the page's ticked box) turns it on; « 0 », « false » or nothing leave it
    off. Django's checkbox reads any other non-empty text, « 0 » included, as ticked."""

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return isinstance(value, str) and value.strip().lower() not in ("", "0", "false", "off")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), required=False, max_length=MAX_TEXT_LENGTH, strip=True,
                        error_messages={"max_length": _("Your search is too long: %(limit_value)d characters at most.")})
    place = forms.CharField(label=_("Where?"), required=False, max_length=100,
                            help_text=_("A postcode or a commune"))
    insee = forms.RegexField(label=_("INSEE code"), required=False, regex=_INSEE_CODE,
                             error_messages={"invalid": _("An INSEE code has five characters, for example 05061.")})
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
    pickup = forms.BooleanField(label=_("Click-and-collect"), required=False, widget=FlagInput)
    delivers = forms.BooleanField(label=_("Delivers to my address"), required=False, widget=FlagInput)
    open_now = forms.BooleanField(label=_("Open now"), required=False, widget=FlagInput)
    in_stock = forms.BooleanField(label=_("Available now"), required=False, widget=FlagInput)
    collection_point = forms.SlugField(label=_("Collect at"), required=False, max_length=80)
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE)
    per_page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE_SIZE)

    def __init__(self, *args, remembered_place: Place | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(category.pk, category.name) for category in Category.objects.only("pk", "name")]
        self.place: Place | None = None
        # The place of the visitor's last search (the page's session; never the API's).
        self.remembered_place = remembered_place
        # Other communes the typed place could mean (a shared postcode, a common name).
        self.place_alternatives: list = []

    @property
    def gives_place(self) -> bool:
        """Whether the request says where (a place, even empty to drop it; a position; a commune)."""
        return any(name in self.data for name in ("place", "insee", "lat", "lon"))

    def clean_q(self):
        text = self.cleaned_data["q"].replace("\x00", "")
        # Nothing to match ("🍯", "'", "le"): the search browses, as with an empty box.
        return text if query_words(text) else ""

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
        elif cleaned.get("insee"):
            self.place = self._resolve_insee(cleaned["insee"])
        elif cleaned.get("place"):
            remembered = self.remembered_place
            typed = cleaned["place"].strip()
            # The box shows the remembered place's label (« Autour de moi » too): it stands for it.
            self.place = remembered if remembered is not None and typed == remembered.label else self._resolve(typed)
        elif not self.gives_place and "place" not in self.errors:
            self.place = self.remembered_place
        price_min, price_max = cleaned.get("price_min"), cleaned.get("price_max")
        if price_min is not None and price_max is not None and price_min > price_max:
            self.add_error("price_max", _("The highest price is below the lowest."))
        if (cleaned.get("page") or 1) * (cleaned.get("per_page") or PAGE_SIZE) > MAX_RESULT_DEPTH:
            self.add_error("page", _("Results are listed up to the %(depth)s-th: narrow your search.") % {"depth": f"{MAX_RESULT_DEPTH:,}".replace(",", "\u202f")})
        return cleaned

    def _resolve_insee(self, code: str) -> Place | None:
        try:
            commune = resolve_insee_code(code).commune
        except PlaceNotFound as unknown:
            self.add_error("insee", str(unknown))
            return None
        return self._place_of(commune, "")

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
        typed = text.strip()
        self.place_alternatives = list(resolved.alternatives)
        return self._place_of(resolved.commune, typed if typed in resolved.commune.postcodes.split(" ") else "")

    @staticmethod
    def _place_of(commune, postcode: str) -> Place:
        # Without a typed postcode, every postcode of the commune counts for delivery zones.
        label_postcode = postcode or commune.postcodes.split(" ")[0]
        return Place(point=GeoPoint(commune.latitude, commune.longitude), label=f"{commune.name} ({label_postcode})",
                     insee_code=commune.insee_code, postcode=postcode)

    def to_query(self) -> SearchQuery:
        data = self.cleaned_data
        radius = data.get("radius")
        for_products = (data.get("type") or ResultType.PRODUCTS) == ResultType.PRODUCTS
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
            # Categories, prices and availability are the products', not the shops'.
            category_ids=tuple(data.get("category") or ()) if for_products else (),
            department_codes=tuple(code.upper() for code in data.get("department") or ()),
            label_slugs=tuple(data.get("label") or ()),
            price_min=price_min if for_products else None,
            price_max=price_max if for_products else None,
            pickup=bool(data.get("pickup")),
            delivers_here=bool(data.get("delivers")) and self.place is not None,
            open_now=bool(data.get("open_now")),
            in_stock=bool(data.get("in_stock")) and for_products,
            collection_point=data.get("collection_point") or "",
            page=data.get("page") or 1,
            page_size=data.get("per_page") or PAGE_SIZE,
        )

    def notices(self, query: SearchQuery) -> list[str]:
        """Why a parameter the visitor gave did not apply, in their words."""
        data, notes = self.cleaned_data, []
        if data.get("delivers") and query.place is None:
            notes.append(_("Choose a place to see the shops that deliver there."))
        if data.get("sort") == Sort.DISTANCE and query.place is None:
            notes.append(_("Sorting by distance needs a place: results are sorted otherwise."))
        if data.get("sort") == Sort.PRICE and query.result_type == ResultType.SHOPS:
            notes.append(_("Shops have no price: they are sorted by relevance."))
        return [str(note) for note in notes]
