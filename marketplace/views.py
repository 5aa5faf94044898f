from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from chamber.campaigns import active_campaigns
from search.place_memory import remembered_place

from . import curation
from .forms import HomeSearchForm, legacy_search_parameters


class HomeView(TemplateView):
    """The marketplace's front page; its search box submits to the search page (/search/)."""

    template_name = "marketplace/home.html"

    def get(self, request, *args, **kwargs):
        legacy = legacy_search_parameters(request.GET)
        if legacy is not None:
            # One search: the home page's former search links lead to the search page.
            return redirect(f"{reverse('regional-search')}?{legacy.urlencode()}")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        remembered = remembered_place(self.request)
        context["form"] = HomeSearchForm(initial={"place": remembered.label} if remembered else {})
        context["features"] = curation.current_features()
        context["campaigns"] = active_campaigns()
        context["newest_products"] = curation.newest_products()
        context["trades"] = curation.trades_with_counts()
        context["departments"] = curation.departments_with_counts()
        # The page's own what-and-where form is the search here: the header leaves its bar out.
        context["search_is_in_page"] = True
        return context


class TermsOfSaleView(TemplateView):
    """The terms of sale every order is placed under; each shop is the seller of its own order."""

    template_name = "marketplace/terms_of_sale.html"


class CreditsView(TemplateView):
    """Attributions the data licences require (Etalab Licence Ouverte, GeoNames CC BY 4.0)."""

    template_name = "marketplace/credits.html"
