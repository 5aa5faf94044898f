"""The chamber's collection points, under /chambre/points-de-retrait/: create and edit a point, its
opening hours, its sessions (offered or not) and its hosts; every change in the chamber's audit log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from chamber import audit
from chamber.models import AuditEntry
from marketplace.notifications import queue_email
from shops.chamber_views import ChamberReviewerMixin

from .forms import HostForm, PointForm, PointPeriodForm, SessionForm
from .models import CollectionPoint, CollectionSession, PointHost, PointOpeningPeriod, SessionOccurrence



POINT_CHANGED = AuditEntry.Action.COLLECTION_POINT_CHANGED
HOST_CHANGED = AuditEntry.Action.COLLECTION_HOST_CHANGED


def logged(request, action: str, point: CollectionPoint, what: str) -> None:
    """Every change the chamber makes to a point goes to its audit log (``what`` in plain words)."""
    audit.record(request.user, action, point, reason=what, target_label=point.name)


def welcome_host(host: PointHost) -> None:
    """The new host learns where their space is (and which point), once the addition commits."""
    queue_email(
        recipient=host.user.email, template="collection_host_added",
        context={"point": host.point.name, "url": settings.SITE_URL + reverse("host:home")},
        idempotency_key=f"collection-host-added-{host.pk}",
    )

class PointListView(ChamberReviewerMixin, TemplateView):
    template_name = "collection/chamber/point_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["points"] = CollectionPoint.objects.select_related("commune").annotate(
            session_count=Count("sessions", distinct=True), host_count=Count("hosts", distinct=True)
        )
        return context


class PointCreateView(ChamberReviewerMixin, TemplateView):
    template_name = "collection/chamber/point_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PointForm())
        return context

    def post(self, request, *args, **kwargs):
        form = PointForm(request.POST)
        if form.is_valid():
            point = form.save()
            logged(request, POINT_CHANGED, point, _("Point created."))
            messages.success(request, _("Collection point created: add its opening hours and sessions."))
            return redirect("chamber:collection-point", pk=point.pk)
        return self.render_to_response(self.get_context_data(form=form))


class PointView(ChamberReviewerMixin, TemplateView):
    """A point's page: its details, hours, sessions and hosts, each with its own form."""

    template_name = "collection/chamber/point.html"

    def point(self) -> CollectionPoint:
        return get_object_or_404(CollectionPoint.objects.select_related("commune"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        point = kwargs.get("point") or self.point()
        context.update(
            point=point,
            form=kwargs.get("form") or PointForm(instance=point),
            period_form=kwargs.get("period_form") or PointPeriodForm(),
            session_form=kwargs.get("session_form") or SessionForm(),
            host_form=kwargs.get("host_form") or HostForm(),
            periods=point.opening_periods.all(),
            sessions=point.sessions.annotate(shop_count=Count("shop_services")),
            hosts=point.hosts.select_related("user"),
            booked_windows=SessionOccurrence.objects.filter(session__point=point, ends_at__gte=timezone.now()).order_by("starts_at")[:10],
        )
        return context

    def post(self, request, *args, **kwargs):
        point = self.point()
        action = request.POST.get("action", "")
        forms = {}
        if action == "save":
            form = PointForm(request.POST, instance=point)
            if form.is_valid():
                form.save()
                logged(request, POINT_CHANGED, point, _("Details saved."))
                messages.success(request, _("Collection point saved."))
                return redirect("chamber:collection-point", pk=point.pk)
            point.refresh_from_db()
            forms["form"] = form
        elif action == "add_period":
            form = PointPeriodForm(request.POST)
            if form.is_valid():
                form.instance.point = point
                form.save()
                logged(request, POINT_CHANGED, point, _("Opening hours added: %(what)s.") % {"what": form.instance})
                return redirect("chamber:collection-point", pk=point.pk)
            forms["period_form"] = form
        elif action == "add_session":
            form = SessionForm(request.POST)
            if form.is_valid():
                form.instance.point = point
                form.save()
                logged(request, POINT_CHANGED, point, _("Session added: %(what)s.") % {"what": form.instance})
                messages.success(request, _("Session added."))
                return redirect("chamber:collection-point", pk=point.pk)
            forms["session_form"] = form
        elif action == "add_host":
            form = HostForm(request.POST)
            if form.is_valid():
                try:
                    with transaction.atomic():
                        host = PointHost.objects.create(point=point, user=form.user)
                        welcome_host(host)
                except IntegrityError:
                    messages.error(request, _("This account already hosts a point."))
                else:
                    logged(request, HOST_CHANGED, point, _("Host added: %(email)s.") % {"email": form.user.email})
                    messages.success(request, _("Host added: they find their space at /espace-hote/."))
                return redirect("chamber:collection-point", pk=point.pk)
            forms["host_form"] = form
        elif action in ("delete_period", "toggle_session", "remove_host"):
            self._change_row(point, action, request.POST.get("row", ""))
            return redirect("chamber:collection-point", pk=point.pk)
        else:
            messages.error(request, _("Nothing changed."))
            return redirect("chamber:collection-point", pk=point.pk)
        return self.render_to_response(self.get_context_data(point=point, **forms))

    def _change_row(self, point, action: str, row: str) -> None:
        row_id = int(row) if row.isdigit() and len(row) <= 18 else None
        model = {"delete_period": PointOpeningPeriod, "toggle_session": CollectionSession, "remove_host": PointHost}[action]
        found = model.objects.filter(point=point, pk=row_id).first() if row_id else None
        if found is None:
            raise Http404("No such row at this point")
        if action == "toggle_session":
            found.is_active = not found.is_active
            found.save(update_fields=["is_active"])
            logged(self.request, POINT_CHANGED, point, (_("Session offered: %(what)s.") if found.is_active else _("Session withdrawn: %(what)s.")) % {"what": found})
            messages.success(request=self.request, message=_("Session offered.") if found.is_active else _("Session no longer offered."))
        else:
            what = (_("Host removed: %(email)s.") % {"email": found.user.email} if action == "remove_host"
                    else _("Opening hours removed: %(what)s.") % {"what": found})
            found.delete()
            logged(self.request, HOST_CHANGED if action == "remove_host" else POINT_CHANGED, point, what)
            messages.success(self.request, _("Removed."))


urlpatterns = [
    path("points-de-retrait/", PointListView.as_view(), name="collection-points"),
    path("points-de-retrait/nouveau/", PointCreateView.as_view(), name="collection-point-new"),
    path("points-de-retrait/<id:pk>/", PointView.as_view(), name="collection-point"),
]
