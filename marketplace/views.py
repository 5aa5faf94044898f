from dataclasses import replace

from django.core.paginator import Paginator
from django.views.generic import TemplateView

from shops.nearby import search_shops

from marketplace.chamber.campaigns import active_campaigns

from . import curation
from .forms import HomeSearchForm

SHOPS_PER_PAGE = 12
NEAREST_FALLBACK_COUNT = 6


class HomeView(TemplateView):
    """The marketplace's front page; its search box lists shops near a place, nearest first."""

    template_name = "marketplace/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        parameters = self.request.GET
        form = HomeSearchForm(parameters if HomeSearchForm.is_submitted(parameters) else None)
        context["form"] = form
        if form.is_bound and form.is_valid():
            context.update(self.search_results(form))
            department = form.cleaned_data.get("department") or ""
            # A department's page: the chamber's selection for that department first.
            context["features"] = curation.current_features(department_code=department) if department else []
        else:
            context["features"] = curation.current_features()
            context["campaigns"] = active_campaigns()
            context["newest_products"] = curation.newest_products()
        context["trades"] = curation.trades_with_counts()
        context["departments"] = curation.departments_with_counts()
        return context

    def search_results(self, form: HomeSearchForm) -> dict:
        search = form.to_search()
        page = Paginator(search_shops(search), SHOPS_PER_PAGE).get_page(self.request.GET.get("page"))
        curation.attach_labels(page.object_list)
        results = {"search": search, "place": form.resolved_place, "page_obj": page, "shops": page.object_list}
        if not page.object_list and search.radius_km is not None:
            # Nothing within the radius: the nearest shops still help more than an empty page.
            results["nearest_outside_radius"] = search_shops(replace(search, radius_km=None))[:NEAREST_FALLBACK_COUNT]
        query = self.request.GET.copy()
        query.pop("page", None)
        results["query_without_page"] = query.urlencode()
        return results


class TermsOfSaleView(TemplateView):
    """The terms of sale every order is placed under; each shop is the seller of its own order."""

    template_name = "marketplace/terms_of_sale.html"


class CreditsView(TemplateView):
    """Attributions the data licences require (Etalab Licence Ouverte, GeoNames CC BY 4.0)."""

    template_name = "marketplace/credits.html"
