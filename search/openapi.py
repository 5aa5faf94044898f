"""The public API described: an OpenAPI 3.1 document of /api/search/, its suggestions and /api/communes/.

Built from the same constants the forms check (bounds, sorts, trades, price ranges), so a changed
limit changes its description; its texts go through gettext (French at /api/schema/, like the API's
answers; the page follows the site's language).
Served as JSON at /api/schema/ and as a page at /api/docs/ (search/api_docs.py); kept true by
tests/integration/test_api_schema.py, which fuzzes every parameter with Schemathesis.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from geography.lookup import AUTOCOMPLETE_MIN_LENGTH
from shops.trades import Trade

from .forms import _DEPARTMENT_CODE, _INSEE_CODE, _LABEL_SLUG, MAX_LIST_VALUES, MAX_PAGE_SIZE, MAX_RESULT_DEPTH
from .query import MAX_PAGE, MAX_RADIUS_KM, MAX_TEXT_LENGTH, PAGE_SIZE, PRICE_BUCKETS, DocumentKind, ResultType, Sort
from .views import MAX_SUGGESTION_TEXT

OPENAPI_VERSION = "3.1.0"
API_VERSION = "1.0"
MAX_SUGGESTIONS = 8
MAX_COMMUNES = 10
MAX_PRICE = 1_000_000
FACET_NAMES = ("trade", "category", "department", "labels", "price")
FLAG_NAMES = ("pickup", "delivers_here", "open_now", "in_stock")


def _nullable(schema: dict) -> dict:
    return {**schema, "type": [schema["type"], "null"]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _parameter(name: str, schema: dict, description: str, repeatable: bool = False) -> dict:
    if repeatable:
        schema = {"type": "array", "items": schema, "maxItems": MAX_LIST_VALUES}
    parameter = {"name": name, "in": "query", "required": False, "description": description, "schema": schema}
    if repeatable:
        parameter.update(style="form", explode=True)
    return parameter


def _flag_parameter(name: str, description: str) -> dict:
    return _parameter(name, {"type": "string", "enum": ["1", "0"]}, description)


def search_parameters() -> list[dict]:
    return [
        _parameter("q", {"type": "string", "maxLength": MAX_TEXT_LENGTH},
                   _("Words to find. Empty with a place: what is near that place.")),
        _parameter("place", {"type": "string", "maxLength": 100},
                   _("A postcode (05000), a commune's name, « Gap (05000) » or an INSEE code (05061).")),
        _parameter("insee", {"type": "string", "pattern": _INSEE_CODE.pattern},
                   _("A commune by its INSEE code, instead of place.")),
        _parameter("lat", {"type": "number", "minimum": -90, "maximum": 90},
                   _("Latitude (WGS84) of a position instead of a place; with lon.")),
        _parameter("lon", {"type": "number", "minimum": -180, "maximum": 180},
                   _("Longitude (WGS84) of a position instead of a place; with lat.")),
        _parameter("radius", {"type": "number", "minimum": 0.5, "maximum": MAX_RADIUS_KM, "default": 20},
                   _("Kilometres around the place or position.")),
        _parameter("type", {"type": "string", "enum": list(ResultType.values), "default": ResultType.PRODUCTS},
                   _("Products or shops.")),
        _parameter("sort", {"type": "string", "enum": list(Sort.values), "default": Sort.RELEVANCE},
                   _("Relevance (nearest first without words, newest first without a place), distance, price or newest.")),
        _parameter("trade", {"type": "string", "enum": list(Trade.values)},
                   _("Trades: any of the values given."), repeatable=True),
        _parameter("category", {"type": "integer"},
                   _("Product categories by id: any of the values given (an unknown id is refused)."), repeatable=True),
        _parameter("department", {"type": "string", "pattern": _DEPARTMENT_CODE.pattern},
                   _("Department codes (05, 2A): any of the values given."), repeatable=True),
        _parameter("label", {"type": "string", "pattern": _LABEL_SLUG.pattern},
                   _("Quality labels by code: any of the values given."), repeatable=True),
        _parameter("price_min", {"type": "number", "minimum": 0, "maximum": MAX_PRICE, "multipleOf": 0.01},
                   _("Lowest price in euros, included.")),
        _parameter("price_max", {"type": "number", "minimum": 0, "maximum": MAX_PRICE, "multipleOf": 0.01},
                   _("Highest price in euros, included; not below price_min.")),
        _parameter("price_range", {"type": "string", "enum": [key for key, _low, _high in PRICE_BUCKETS]},
                   _("A price range of the facets, when neither price_min nor price_max is given.")),
        _flag_parameter("pickup", _("1: only what can be collected at the shop.")),
        _flag_parameter("delivers", _("1: only shops delivering to the place.")),
        _flag_parameter("open_now", _("1: only shops open now.")),
        _flag_parameter("in_stock", _("1: only products available without making time.")),
        _parameter("collection_point", {"type": "string", "maxLength": 80, "pattern": r"^[-a-zA-Z0-9_]+$"},
                   _("A shared collection point's slug: only the shops serving it.")),
        _parameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE, "default": 1},
                   _("Page number; results are listed up to the %(depth)s-th.") % {"depth": f"{MAX_RESULT_DEPTH:,}".replace(",", "\u202f")}),
        _parameter("per_page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": PAGE_SIZE},
                   _("Results per page.")),
    ]


def schemas() -> dict:
    text, number, integer, boolean = {"type": "string"}, {"type": "number"}, {"type": "integer"}, {"type": "boolean"}

    def described(schema: dict, description: str) -> dict:
        return {**schema, "description": description}

    def closed(properties: dict, required: list[str] | None = None) -> dict:
        return {"type": "object", "properties": properties, "required": list(properties) if required is None else required,
                "additionalProperties": False}

    return {
        "Hit": closed({
            "type": described({"type": "string", "enum": list(DocumentKind.values)}, _("A product or a shop.")),
            "id": described(integer, _("The product's or the shop's id.")),
            "title": described(text, _("Its title or name.")),
            "url": described(text, _("Its page on the site (absolute address).")),
            "shop": {**_ref("Shop"), "description": _("The shop that sells it (or the shop itself).")},
            "price": described({"type": ["string", "null"], "pattern": r"^[0-9]+(\.[0-9]+)?$"},
                               _("Price in euros, as a decimal string (9.50); null for a shop.")),
            "currency": described({"type": ["string", "null"], "enum": ["EUR", None]}, _("EUR with a price, else null.")),
            "distance_km": described(_nullable(number), _("Kilometres from the place; null without a place.")),
            "commune": described(text, _("The shop's commune.")),
            "postcode": described(text, _("The shop's postcode.")),
            "trade": described(text, _("The shop's trade code.")),
            "labels": described({"type": "array", "items": text}, _("Quality label codes.")),
            "on_vacation": described(boolean, _("The shop is on vacation (it takes no orders).")),
            "image": described(_nullable(text), _("Address of a picture, or null.")),
            "summary": described(text, _("A few words of the description.")),
        }),
        "Shop": closed({
            "id": described(integer, _("The shop's id.")),
            "name": described(text, _("The shop's name.")),
            "url": described(text, _("Its storefront (absolute address).")),
        }),
        "Place": closed({
            "label": described(text, _("The place as understood: « Gap (05000) », « Autour de moi ».")),
            "latitude": number,
            "longitude": number,
            "insee_code": described(_nullable(text), _("The commune's INSEE code, null if unknown.")),
            "radius_km": described(number, _("The radius searched, in kilometres.")),
        }),
        "FacetValue": closed({
            "value": described(text, _("The value to pass back as a parameter.")),
            "label": described(text, _("Its name, to show.")),
            "count": described({"type": "integer", "minimum": 0}, _("Results with every other filter applied.")),
            "selected": described(boolean, _("Whether the request asked for it.")),
        }),
        "Flag": closed({
            "label": text,
            "count": {"type": "integer", "minimum": 0},
            "selected": boolean,
        }),
        "SearchResults": closed({
            "count": described({"type": "integer", "minimum": 0}, _("Results in all.")),
            "page": {"type": "integer", "minimum": 1},
            "pages": described({"type": "integer", "minimum": 0}, _("Pages in all.")),
            "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            "next": described(_nullable(text), _("Address of the next page, or null.")),
            "previous": described(_nullable(text), _("Address of the previous page, or null.")),
            "type": {"type": "string", "enum": list(ResultType.values)},
            "sort": described({"type": "string", "enum": list(Sort.values)}, _("The sort applied (distance needs a place).")),
            "place": {"oneOf": [_ref("Place"), {"type": "null"}]},
            "results": {"type": "array", "items": _ref("Hit"), "maxItems": MAX_PAGE_SIZE},
            "facets": described(
                {"type": "object", "properties": {name: {"type": "array", "items": _ref("FacetValue")} for name in FACET_NAMES},
                 "additionalProperties": False},
                _("Counts per value of trade, category, department, labels and price; a facet without values is left out."),
            ),
            "flags": described(
                {"type": "object", "properties": {name: _ref("Flag") for name in FLAG_NAMES}, "additionalProperties": False},
                _("Counts for click-and-collect, delivery to the place, open now, available now."),
            ),
            "engine": described({"type": "string", "enum": ["database", "elasticsearch"]}, _("The engine that answered.")),
            "notices": described({"type": "array", "items": text}, _("Why a parameter given did not apply.")),
        }),
        "Errors": closed({
            "errors": described({"type": "object", "additionalProperties": {"type": "array", "items": text, "minItems": 1}},
                                _("Messages by parameter (__all__: the parameters together).")),
            "message": described(text, _("What went wrong, in a sentence.")),
        }),
        "Suggestions": closed({
            "suggestions": described({"type": "array", "items": text, "maxItems": MAX_SUGGESTIONS},
                                     _("Titles of products and shops whose words start with the text.")),
        }),
        "Commune": closed({
            "label": described(text, _("Name and postcode: « Gap (05000) ».")),
            "insee_code": text,
            "name": text,
            "postcodes": {"type": "array", "items": text},
            "department_code": text,
            "latitude": number,
            "longitude": number,
        }),
        "Communes": closed({"results": {"type": "array", "items": _ref("Commune"), "maxItems": MAX_COMMUNES}}),
    }


def _json(schema_name: str, description: str, headers: dict | None = None) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}
    if headers:
        response["headers"] = headers
    return response


def openapi_document() -> dict:
    """The document, its texts in the active language."""
    any_origin = {"Access-Control-Allow-Origin": {"description": _("Any site may read the answer."), "schema": {"type": "string", "enum": ["*"]}}}
    return {
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": _("Échoppe public API"),
            "version": API_VERSION,
            "description": _(
                "Read-only and free to use, without a key: the region's artisans' products and shops, and the French "
                "communes. Answers are JSON; their labels and messages are in French."
            ),
        },
        "paths": {
            "/api/search/": {"get": {
                "operationId": "search",
                "summary": _("Search products or shops"),
                "description": _("The search of the site's /search/ page, with the same parameters."),
                "parameters": search_parameters(),
                "responses": {
                    "200": _json("SearchResults", _("One page of results, with facet counts."), any_origin),
                    "400": _json("Errors", _("A parameter is not valid (an unknown place, a radius out of bounds…)."), any_origin),
                    "404": _json("Errors", _("There is no such page of results."), any_origin),
                },
            }},
            "/api/search/suggestions/": {"get": {
                "operationId": "suggestions",
                "summary": _("Suggestions while typing"),
                "description": _("Up to %(count)d titles; nothing under %(minimum)d characters.") % {"count": MAX_SUGGESTIONS, "minimum": 2},
                "parameters": [_parameter("q", {"type": "string"},
                                          _("The text typed; only its first %(count)d characters count.") % {"count": MAX_SUGGESTION_TEXT})],
                "responses": {"200": _json("Suggestions", _("The suggestions, perhaps none."), any_origin)},
            }},
            "/api/communes/": {"get": {
                "operationId": "communes",
                "summary": _("Find a commune"),
                "description": _("Communes whose postcode or name starts with the text, up to %(count)d, the most populous first; "
                                 "nothing under %(minimum)d characters.") % {"count": MAX_COMMUNES, "minimum": AUTOCOMPLETE_MIN_LENGTH},
                "parameters": [_parameter("q", {"type": "string"}, _("The start of a postcode or of a name (accents and case do not matter)."))],
                "responses": {"200": _json("Communes", _("The communes, perhaps none."))},
            }},
        },
        "components": {"schemas": schemas()},
    }
