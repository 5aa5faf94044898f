"""The search page (/search/) and the same search as a public JSON API (/api/search/)."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.models import Label

from shops.partner.prices import euros

from .explain import distance_text, explain_empty, result_count
from .forms import MAX_PAGE_SIZE, SearchForm
from .place_memory import forget_place, remember_place, remembered_place
from .query import DEFAULT_RADIUS_KM, PRICE_BUCKETS, RADIUS_CHOICES_KM, DocumentKind, ResultType, Sort, price_bucket_bounds
from .service import SearchResults, price_bucket_label, run_search, suggest

MAX_SUGGESTION_TEXT = 100


def _form_from(request: HttpRequest) -> SearchForm:
    return SearchForm(request.GET)


def _errors(form: SearchForm) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


MAP_VIEW = "map"


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = SearchForm(_with_map_page_size(request.GET), remembered_place=remembered_place(request))
    view = MAP_VIEW if request.GET.get("view") == MAP_VIEW else "list"
    context = {
        "form": form,
        "radius_choices": RADIUS_CHOICES_KM,
        "radius": DEFAULT_RADIUS_KM,
        "result_types": ResultType.choices,
        "sorts": Sort.choices,
        "view": view,
        "active_filter_count": 0,
    }
    if not form.is_valid():
        # A bad parameter (radius=abc, lat=999, a 5,000-character query) is the visitor's to fix.
        return TemplateResponse(request, "search/search.html", {**context, "invalid": True}, status=400)
    query = form.to_query()
    _remember(request, form, query)
    results = run_search(query)
    if results.is_past_the_end:
        raise Http404(_("There is no such page of results."))
    results.notices = form.notices(query)
    labels = {label.slug: label for label in Label.objects.all()} if any(hit.labels for hit in results.hits) else {}
    for hit in results.hits:
        hit.label_objects = [labels[slug] for slug in hit.labels if slug in labels]
    parameters = request.GET.copy()
    parameters.pop("page", None)
    empty = explain_empty(query) if not results.total else None
    context.update(
        query=query,
        results=results,
        result_count=result_count(results.total, query.result_type),
        query_without_page=parameters.urlencode(),
        searched=bool(query.text or query.place or request.GET.get("type")),
        radius=query.radius_km or DEFAULT_RADIUS_KM,
        radius_choices=sorted({*RADIUS_CHOICES_KM, query.radius_km or DEFAULT_RADIUS_KM}),
        price_buckets=[(key, price_bucket_label(key)) for key, _low, _high in PRICE_BUCKETS],
        selected_price_range=next((key for key, _low, _high in PRICE_BUCKETS if (query.price_min, query.price_max) == price_bucket_bounds(key)), ""),
        without_filters=_without_filters(query),
        empty=empty,
        wider_radius_url=_with_parameters(request, radius=f"{empty.wider_radius_km}", page=None) if empty and empty.wider_radius_km else "",
        whole_region_url=_with_parameters(request, place="", insee=None, lat=None, lon=None, radius=None, page=None),
        list_url=_with_parameters(request, view=None, page=None, per_page=None),
        map_url=_with_parameters(request, view=MAP_VIEW, page=None, per_page=None),
        active_filter_count=_active_filter_count(query),
        collection_points=_collection_points(),
        place_text=form.place.label if form.place is not None else (form.data.get("place") or ""),
        place_alternatives=[
            (commune.label, _with_parameters(request, insee=commune.insee_code, place=None, lat=None, lon=None, page=None))
            for commune in form.place_alternatives[:8]
        ],
    )
    if view == MAP_VIEW:
        context.update(map_data=map_data(results), map_tiles={"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION})
    return TemplateResponse(request, "search/search.html", context)


def _with_map_page_size(parameters: QueryDict) -> QueryDict:
    """The map shows as many points as a page may hold, unless the visitor asked for a page size."""
    if parameters.get("view") != MAP_VIEW or "per_page" in parameters:
        return parameters
    parameters = parameters.copy()
    parameters["per_page"] = str(MAX_PAGE_SIZE)
    return parameters


def _remember(request: HttpRequest, form: SearchForm, query) -> None:
    if query.place is not None:
        remember_place(request, query.place)
    elif form.gives_place:
        # The visitor emptied the place box: the next searches are for the whole region.
        forget_place(request)


def _with_parameters(request: HttpRequest, **changes) -> str:
    parameters = request.GET.copy()
    for name, value in changes.items():
        parameters.pop(name, None)
        if value is not None:
            parameters[name] = value
    return f"{request.path}?{parameters.urlencode()}"


def _collection_points() -> list:
    """The shared collection points to filter by (« Retrait à <point> »): name and slug, one query."""
    from collection.models import CollectionPoint

    return list(CollectionPoint.objects.active().values_list("slug", "name"))


def _active_filter_count(query) -> int:
    return (
        len(query.trades) + len(query.category_ids) + len(query.department_codes) + len(query.label_slugs)
        + (query.price_min is not None or query.price_max is not None)
        + query.pickup + query.delivers_here + query.open_now + query.in_stock + bool(query.collection_point)
    )


def map_data(results: SearchResults) -> dict:
    """The page's results as points: one per shop, with the shop's products found, for the map's script."""
    places: dict[int, dict] = {}
    for hit in results.hits:
        point = places.setdefault(hit.shop_id, {
            "name": hit.shop_name,
            "url": reverse("shops:storefront", kwargs={"slug": hit.shop_slug}),
            "latitude": round(hit.latitude, 5),
            "longitude": round(hit.longitude, 5),
            "place": hit.commune_name,
            "distance": distance_text(hit.distance_km) if hit.distance_km is not None else "",
            "products": [],
        })
        if hit.kind == DocumentKind.PRODUCT:
            point["products"].append({"title": hit.title, "url": hit.url, "price": euros(hit.price) if hit.price is not None else ""})
    query = results.query
    return {
        "points": list(places.values()),
        "center": {
            "label": query.place.label, "latitude": query.place.point.latitude, "longitude": query.place.point.longitude,
            "radius_km": query.radius_km,
        } if query.place is not None else None,
    }


def _without_filters(query) -> str:
    """The same text and place, every filter removed."""
    parameters = QueryDict(mutable=True)
    if query.text:
        parameters["q"] = query.text
    if query.place is not None:
        if query.place.insee_code:
            parameters["insee"] = query.place.insee_code
        else:
            parameters["lat"], parameters["lon"] = f"{query.place.point.latitude:.5f}", f"{query.place.point.longitude:.5f}"
        parameters["radius"] = f"{query.radius_km:g}"
    parameters["type"] = query.result_type
    return parameters.urlencode()


def _hit_json(request: HttpRequest, hit) -> dict:
    image = hit.image_url
    return {
        "type": hit.kind,
        "id": hit.object_id,
        "title": hit.title,
        "url": request.build_absolute_uri(hit.url),
        "shop": {"id": hit.shop_id, "name": hit.shop_name, "url": request.build_absolute_uri(f"/shops/{hit.shop_slug}/")},
        "price": str(hit.price) if hit.price is not None else None,
        "currency": "EUR" if hit.price is not None else None,
        "distance_km": round(hit.distance_km, 2) if hit.distance_km is not None else None,
        "commune": hit.commune_name,
        "postcode": hit.postcode,
        "trade": hit.trade,
        "labels": list(hit.labels),
        "on_vacation": hit.on_vacation,
        "image": request.build_absolute_uri(image) if image else None,
        "summary": hit.summary,
    }


def _page_url(request: HttpRequest, page: int) -> str:
    parameters = request.GET.copy()
    parameters["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{parameters.urlencode()}")


def _results_json(request: HttpRequest, results: SearchResults) -> dict:
    query = results.query
    return {
        "count": results.total,
        "page": query.page,
        "pages": results.page_count,
        "per_page": query.page_size,
        "next": _page_url(request, query.page + 1) if results.has_next else None,
        "previous": _page_url(request, query.page - 1) if results.has_previous else None,
        "type": query.result_type,
        "sort": query.effective_sort,
        "place": {
            "label": query.place.label, "latitude": query.place.point.latitude, "longitude": query.place.point.longitude,
            "insee_code": query.place.insee_code or None, "radius_km": query.radius_km,
        } if query.place else None,
        "results": [_hit_json(request, hit) for hit in results.hits],
        "facets": {
            facet.name: [{"value": value.value, "label": value.label, "count": value.count, "selected": value.selected} for value in facet.values]
            for facet in results.facets
        },
        "flags": {flag.name: {"label": flag.label, "count": flag.count, "selected": flag.selected} for flag in results.flags},
        "engine": results.engine,
    }


def _public(response: JsonResponse) -> JsonResponse:
    # Read-only public data for partners' websites (tourist offices, towns): any origin may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def search_api(request: HttpRequest) -> JsonResponse:
    form = _form_from(request)
    if not form.is_valid():
        return _public(JsonResponse({"errors": _errors(form), "message": _("Some parameters are not valid.")}, status=400))
    query = form.to_query()
    results = run_search(query)
    if results.is_past_the_end:
        return _public(JsonResponse({"errors": {"page": [_("There is no such page of results.")]}, "message": _("There is no such page of results.")}, status=404))
    payload = _results_json(request, results)
    payload["notices"] = form.notices(query)
    return _public(JsonResponse(payload, json_dumps_params={"ensure_ascii": False}))


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "").replace("\x00", "")[:MAX_SUGGESTION_TEXT]
    suggestions = suggest(text) if len(text.strip()) >= 2 else []
    return _public(JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}))
