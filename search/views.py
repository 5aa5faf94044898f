"""The search page (/search/) and the same search as a public JSON API (/api/search/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .forms import SearchForm
from .query import RADIUS_CHOICES_KM, DEFAULT_RADIUS_KM, ResultType, Sort
from .service import SearchResults, run_search, suggest

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
        "default_radius": DEFAULT_RADIUS_KM,
        "result_types": ResultType.choices,
        "sorts": Sort.choices,
    }
    if not form.is_valid():
        # A bad parameter (radius=abc, lat=999, a 5,000-character query) is the visitor's to fix.
        return TemplateResponse(request, "search/search.html", {**context, "invalid": True}, status=400)
    query = form.to_query()
    results = run_search(query)
    parameters = request.GET.copy()
    parameters.pop("page", None)
    context.update(
        query=query,
        results=results,
        query_without_page=parameters.urlencode(),
        searched=bool(request.GET),
        radius=query.radius_km or DEFAULT_RADIUS_KM,
    )
    return TemplateResponse(request, "search/search.html", context)


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
    results = run_search(form.to_query())
    return _public(JsonResponse(_results_json(request, results), json_dumps_params={"ensure_ascii": False}))


@require_GET
def suggest_api(request: HttpRequest) -> JsonResponse:
    text = request.GET.get("q", "").replace("\x00", "")[:MAX_SUGGESTION_TEXT]
    suggestions = suggest(text) if len(text.strip()) >= 2 else []
    return _public(JsonResponse({"suggestions": suggestions}, json_dumps_params={"ensure_ascii": False}))
