"""The artisan's gift vouchers, under /espace-artisan/bons-cadeaux/: the published programmes whose
territory covers the shop's commune, to opt in or out, what vouchers paid the shop and the transfers
of that money.

The programme is posted in the form, never in the URL, and looked up among the programmes this shop
can see (404 otherwise); the participation changed is always this shop's own."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from shops.artisan_views import ArtisanShopMixin

from . import participation, payouts
from .models import ZERO, Participation, VoucherPayout

RECENT_PAYOUTS = 12


class VoucherProgrammesView(ArtisanShopMixin, TemplateView):
    template_name = "vouchers/artisan/programmes.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = participation.programmes_for_shop(self.shop)
        joined = {entry.programme_id: entry for entry in Participation.objects.filter(shop=self.shop)}
        received = participation.received_by_shop(self.shop)
        for programme in programmes:
            programme.participation = joined.get(programme.pk)
            programme.received = received.get(programme.pk, ZERO)
        context.update(programmes=programmes, received_total=sum(received.values(), ZERO),
                       to_transfer=payouts.owed_to(self.shop),
                       payouts=VoucherPayout.objects.filter(shop=self.shop).order_by("-created_at", "-pk")[:RECENT_PAYOUTS])
        return context

    def post(self, request, *args, **kwargs):
        try:
            programme_id = int(request.POST.get("programme", ""))
        except ValueError:
            raise Http404("No such programme") from None
        programme = next((item for item in participation.programmes_for_shop(self.shop) if item.pk == programme_id), None)
        if programme is None:
            raise Http404("No such programme for this shop")
        if request.POST.get("action") == "join":
            if participation.opt_in(programme, self.shop).excluded_by_chamber:
                messages.error(request, _("The chamber excluded your shop from this programme: contact it to take part again."))
            else:
                messages.success(request, _("Your shop now takes the vouchers of « %(name)s ».") % {"name": programme.name})
        elif request.POST.get("action") == "leave":
            if participation.opt_out(programme, self.shop):
                messages.success(request, _("Your shop no longer takes the vouchers of « %(name)s ».") % {"name": programme.name})
            else:
                messages.error(request, _("Nothing changed: your shop was not taking these vouchers, or the chamber excluded it."))
        else:
            messages.error(request, _("Nothing changed."))
        return redirect("artisan:vouchers")


urlpatterns = [
    path("bons-cadeaux/", VoucherProgrammesView.as_view(), name="vouchers"),
]
