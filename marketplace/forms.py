from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from geography.lookup import MAX_PLACE_LENGTH
from search.query import DEFAULT_RADIUS_KM, RADIUS_CHOICES_KM, ResultType

# One set of radius choices for every search box: the search's (search/query.py).
RADIUS_CHOICES = [(km, f"{km} km") for km in RADIUS_CHOICES_KM]


class HomeSearchForm(forms.Form):
    """The home page's search box: what, where and how far, submitted to the search page (/search/)."""

    q = forms.CharField(
        label=_("What are you looking for?"),
        required=False,
        max_length=200,
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
    radius = forms.TypedChoiceField(
        label=_("Within"), choices=RADIUS_CHOICES, coerce=int, required=False, initial=DEFAULT_RADIUS_KM,
    )


# The home page's former search parameters (it listed shops) and their names on the search page.
LEGACY_PARAMETERS = {"q": "q", "place": "place", "commune": "insee", "radius": "radius", "trade": "trade", "department": "department"}


def legacy_search_parameters(parameters: QueryDict) -> QueryDict | None:
    """A former home-page search (``/?place=05000&trade=…``, still linked and bookmarked) as the
    search page's shop search; None when the request is no search."""
    if not any(name in parameters for name in LEGACY_PARAMETERS):
        return None
    search = QueryDict(mutable=True)
    search["type"] = ResultType.SHOPS
    for old, new in LEGACY_PARAMETERS.items():
        for value in parameters.getlist(old):
            if value.strip():
                search.appendlist(new, value)
    return search
