"""/espace-hote/: the host's back-office, phone first. A host sees only the point they host: every
window is looked up among that point's (404 otherwise); anybody else is refused."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from payments.on_site import PaymentMeans
from themes.backoffice import MenuEntry, menu_links

from . import hosting
from .models import CollectionPoint

HOST_MENU = (
    MenuEntry("host:home", gettext_lazy("Sessions"), "calendar", ("home", "session")),
)


class HostMixin(LoginRequiredMixin):
    """The point the signed-in user hosts, or 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.point = CollectionPoint.objects.hosted_by(request.user).select_related("commune").first()
        if self.point is None:
            raise PermissionDenied(_("This space is for the hosts of collection points."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        match = self.request.resolver_match
        context.update(point=self.point, host_menu=menu_links(HOST_MENU, match.url_name if match else ""))
        return context


class HostHomeView(HostMixin, TemplateView):
    """The point's windows with bookings, from yesterday on (the last ones' unclaimed orders first)."""

    template_name = "collection/host/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        since = timezone.now() - datetime.timedelta(days=2)
        context["occurrences"] = hosting.occurrences_for(self.request.user).filter(ends_at__gte=since).order_by("starts_at")[:20]
        return context


class OccurrenceMixin(HostMixin):
    def occurrence(self):
        found = hosting.occurrences_for(self.request.user).filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404("No such session at this point")
        return found


class SessionView(OccurrenceMixin, TemplateView):
    """The window by customer (every shop's orders together), the drop-off by artisan, what is left
    unclaimed, the hand-over by code and the message to the artisans."""

    template_name = "collection/host/session.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        occurrence = self.occurrence()
        links = hosting.with_amounts_due(hosting.window_orders(occurrence))
        customers = hosting.by_customer(links)
        context.update(
            occurrence=occurrence, customers=customers, shops=hosting.by_shop(links),
            unclaimed=hosting.unclaimed(links),
            is_over=occurrence.ends_at <= timezone.now(), means=PaymentMeans.choices,
            handed_over_count=sum(1 for row in customers if row.is_handed_over),
            artisan_messages=list(occurrence.messages.all()[:5]),
        )
        return context

    def post(self, request, *args, **kwargs):
        occurrence = self.occurrence()
        action = request.POST.get("action", "")
        try:
            if action == "check_in":
                shop_id = _id(request.POST.get("shop"))
                if shop_id is None or not hosting.window_orders(occurrence).filter(shop_id=shop_id).exists():
                    raise hosting.HostRefused(_("This shop has no order at this session."))
                count = hosting.check_in(occurrence, shop_id, request.user)
                messages.success(request, _("Drop-off recorded: %(count)s order(s).") % {"count": count})
            elif action == "check_in_order" or (action == "hand_over" and hosting.is_dropoff_label(request.POST.get("code", ""))):
                # A drop-off label scanned with the camera arrives in the hand-over form: it checks its order in.
                number = hosting.check_in_order(occurrence, request.POST.get("order") or request.POST.get("code", ""), request.user)
                messages.success(request, _("Drop-off recorded: order %(number)s.") % {"number": number})
            elif action == "hand_over":
                booking = hosting.booking_for_code(occurrence, request.POST.get("code", ""))
                orders = hosting.hand_over(booking, request.user, request.POST.get("means", ""))
                messages.success(request, _("Handed over: %(count)s order(s) for code %(code)s.") % {"count": len(orders), "code": booking.code})
            elif action == "message":
                hosting.message_artisans(occurrence, request.user, request.POST.get("text", ""))
                messages.success(request, _("Your message was sent to the artisans."))
            else:
                messages.error(request, _("Nothing changed."))
        except hosting.HostRefused as refused:
            messages.error(request, str(refused))
        return redirect("host:session", pk=occurrence.pk)


def _id(value) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


urlpatterns = [
    path("", HostHomeView.as_view(), name="home"),
    path("seance/<id:pk>/", SessionView.as_view(), name="session"),
]
