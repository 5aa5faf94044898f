from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from .lookup import autocomplete


@require_GET
@cache_control(max_age=3600, public=True)
def commune_autocomplete(request):
    """Communes whose postcode or name starts with ``q``, for the place boxes' suggestions."""
    communes = autocomplete(request.GET.get("q", ""), limit=10)
    return JsonResponse(
        {
            "results": [
                {
                    "label": commune.label,
                    "insee_code": commune.insee_code,
                    "name": commune.name,
                    "postcodes": commune.postcodes.split(),
                    "department_code": commune.department_code,
                    "latitude": commune.latitude,
                    "longitude": commune.longitude,
                }
                for commune in communes
            ]
        }
    )
