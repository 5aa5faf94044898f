"""The artisan's collection points, under /espace-artisan/points-de-retrait/: the sessions their
shop serves (chosen among the chamber's points), and the orders to drop off at each window."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from shops.artisan_views import ArtisanShopMixin

from . import hosting
from .models import CollectionOrder, CollectionPoint, CollectionSession, ShopSession


def orders_to_drop_off(shop):
    """The shop's orders at windows not over yet and not handed over, soonest first (one query)."""
    return (
        CollectionOrder.objects.filter(shop=shop, booking__occurrence__ends_at__gte=timezone.now(), handed_over_at__isnull=True)
        .exclude(order__status__in=["cancelled", "pending_payment"])
        .select_related("order", "booking__occurrence__session__point", "booking__customer")
        .order_by("booking__occurrence__starts_at", "order__number")
    )


class DropOffLabelsView(ArtisanShopMixin, TemplateView):
    """A label per order to drop off, to print and stick on its bag: the host scans its QR code."""

    template_name = "collection/artisan/labels.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        links = list(orders_to_drop_off(self.shop).filter(dropped_off_at__isnull=True))
        for link in links:
            link.qr_svg = segno.make(hosting.label_text(link.order), error="m").svg_inline(scale=3, title=link.order.number)
        context["labels"] = links
        return context


class ArtisanCollectionView(ArtisanShopMixin, TemplateView):
    template_name = "collection/artisan/points.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        served = set(ShopSession.objects.filter(shop=self.shop).values_list("session_id", flat=True))
        points = list(CollectionPoint.objects.active().select_related("commune").prefetch_related("sessions"))
        for point in points:
            point.offered_sessions = [session for session in point.sessions.all() if session.is_active]
            for session in point.offered_sessions:
                session.is_served = session.pk in served
        dropoffs = orders_to_drop_off(self.shop)
        context.update(points=[point for point in points if point.offered_sessions], dropoffs=dropoffs)
        return context

    def post(self, request, *args, **kwargs):
        wanted = {int(value) for value in request.POST.getlist("sessions") if value.isdigit() and len(value) <= 18}
        # Only sessions of open points can be taken; any other id posted is ignored.
        offered = set(CollectionSession.objects.filter(pk__in=wanted, is_active=True, point__is_active=True).values_list("pk", flat=True))
        with transaction.atomic():
            ShopSession.objects.filter(shop=self.shop).exclude(session_id__in=offered).delete()
            existing = set(ShopSession.objects.filter(shop=self.shop).values_list("session_id", flat=True))
            ShopSession.objects.bulk_create([ShopSession(shop=self.shop, session_id=pk) for pk in sorted(offered - existing)])
        messages.success(request, _("Your collection points are saved: %(count)s session(s) served.") % {"count": len(offered)})
        return redirect("artisan:collection")


urlpatterns = [
    path("points-de-retrait/", ArtisanCollectionView.as_view(), name="collection"),
    path("points-de-retrait/etiquettes/", DropOffLabelsView.as_view(), name="collection-labels"),
]
