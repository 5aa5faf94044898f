"""The search page (/search/) and the same search as a public JSON API (/api/search/)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from marketplace.models import Label

from .forms import SearchForm
from .query import DEFAULT_RADIUS_KM, PRICE_BUCKETS, RADIUS_CHOICES_KM, ResultType, Sort, price_bucket_bounds
from .service import SearchResults, price_bucket_label, run_search, suggest

MAX_SUGGESTION_TEXT = 100


def _form_from(request: HttpRequest) -> SearchForm:
    return SearchForm(request.GET)


def _errors(form: SearchForm) -> dict[str, list[str]]:
    return {field: [str(message) for message in messages] for field, messages in form.errors.items()}


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    form = _form_from(request)
    context = {
        "form": form,
        "radius_choices": RADIUS_CHOICES_KM,
        "radius": DEFAULT_RADIUS_KM,
        "result_types": ResultType.choices,
        "sorts": Sort.choices,
    }
    if not form.is_valid():
        # A bad parameter (radius=abc, lat=999, a 5,000-character query) is the visitor's to fix.
        return TemplateResponse(request, "search/search.html", {**context, "invalid": True}, status=400)
    query = form.to_query()
    results = run_search(query)
    if results.is_past_the_end:
        raise Http404(_("There is no such page of results."))
    results.notices = form.notices(query)
    labels = {label.slug: label for label in Label.objects.all()} if any(hit.labels for hit in results.hits) else {}
    for hit in results.hits:
        hit.label_objects = [labels[slug] for slug in hit.labels if slug in labels]
    parameters = request.GET.copy()
    parameters.pop("page", None)
    context.update(
        query=query,
        results=results,
        query_without_page=parameters.urlencode(),
        searched=bool(query.text or query.place or request.GET.get("type")),
        radius=query.radius_km or DEFAULT_RADIUS_KM,
        radius_choices=sorted({*RADIUS_CHOICES_KM, query.radius_km or DEFAULT_RADIUS_KM}),
        price_buckets=[(key, price_bucket_label(key)) for key, _low, _high in PRICE_BUCKETS],
        selected_price_range=next((key for key, _low, _high in PRICE_BUCKETS if (query.price_min, query.price_max) == price_bucket_bounds(key)), ""),
        without_filters=_without_filters(query),
    )
    return TemplateResponse(request, "search/search.html", context)


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
