"""The chamber's gift-voucher programmes, under /chambre/bons-cadeaux/: the list with key figures and
the limited-network gauge, a programme's form, its participating shops, its reports and CSV exports.
Every change is written to the chamber's audit log."""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from chamber import audit
from marketplace.csv_export import csv_response
from shops.chamber_views import ChamberReviewerMixin
from shops.models import Shop

from . import funder_access, participation, reports
from .forms import CategoryLimitFormSet, ExclusionForm, FunderAccessForm, ProgrammeForm, euros
from .models import FunderAccess, Participation, Programme, ProgrammeStatus


class ProgrammeMixin(ChamberReviewerMixin):
    """The programme named by the URL, looked up once the permission is checked (no 404 tells a
    stranger what exists)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission():
            return self.handle_no_permission()
        self.programme = get_object_or_404(Programme, pk=kwargs["pk"]) if "pk" in kwargs else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["programme"] = self.programme
        return context


class ProgrammeListView(ChamberReviewerMixin, TemplateView):
    template_name = "vouchers/chamber/programme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = list(
            Programme.objects.annotate(
                shop_count=Count("participations", filter=Q(participations__excluded_by_chamber=False), distinct=True)
            ).order_by("-sale_starts_on", "name")
        )
        figures = reports.figures_by_programme(programme.pk for programme in programmes)
        for programme in programmes:
            programme.figures = figures.get(programme.pk, reports.Figures())
        context.update(programmes=programmes, gauge=reports.exemption_gauge(), today=timezone.localdate())
        return context


class ProgrammeFormView(ProgrammeMixin, FormView):
    """Create (no pk) or edit a programme."""

    template_name = "vouchers/chamber/programme_form.html"
    form_class = ProgrammeForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.programme
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("limits", CategoryLimitFormSet(instance=self.programme or Programme(), prefix="limits"))
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        form_ok = form.is_valid()
        excluded = {category.pk for category in form.cleaned_data.get("excluded_categories") or []} if form_ok else set()
        limits = CategoryLimitFormSet(request.POST, instance=self.programme or Programme(), prefix="limits",
                                      excluded_categories=excluded)
        if form_ok and limits.is_valid():
            return self.form_valid(form, limits)
        return self.render_to_response(self.get_context_data(form=form, limits=limits), status=400)

    def form_valid(self, form, limits):
        creating = form.instance.pk is None
        try:
            with transaction.atomic():
                if not creating:
                    # What the sales committed meanwhile is kept (the form's copy of the row is stale),
                    # and the budget may not fall below it.
                    locked = Programme.objects.select_for_update().get(pk=form.instance.pk)
                    form.instance.bonus_committed = locked.bonus_committed
                    if form.instance.bonus_budget < locked.bonus_committed:
                        form.add_error("bonus_budget", _("The bonuses of vouchers already sold take %(committed)s: the budget cannot be lower.")
                                       % {"committed": euros(locked.bonus_committed)})
                        return self.render_to_response(self.get_context_data(form=form, limits=limits), status=400)
                programme = form.save()
                limits.instance = programme
                limits.save()
                audit.record(self.request.user, participation.PROGRAMME_CREATED if creating else participation.PROGRAMME_SAVED,
                             programme, target_label=programme.name)
        except IntegrityError:
            form.add_error("slug", _("Another programme has just taken this address: choose another one."))
            return self.render_to_response(self.get_context_data(form=form, limits=limits), status=400)
        if creating:
            messages.success(self.request, _("The programme « %(name)s » was created as a draft.") % {"name": programme.name})
        else:
            messages.success(self.request, _("The programme « %(name)s » was saved.") % {"name": programme.name})
        return redirect("chamber:programme-edit", pk=programme.pk)


class ProgrammeStatusView(ProgrammeMixin, View):
    """Publish a draft (or a closed programme again), or close the sale."""

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action")
        with transaction.atomic():
            programme = Programme.objects.select_for_update().get(pk=self.programme.pk)
            if action == "publish" and programme.status != ProgrammeStatus.PUBLISHED:
                programme.status = ProgrammeStatus.PUBLISHED
                programme.save(update_fields=["status"])
                audit.record(request.user, participation.PROGRAMME_PUBLISHED, programme, target_label=programme.name)
                messages.success(request, _("The programme is published: its vouchers are on sale in its sale period."))
            elif action == "close" and programme.status == ProgrammeStatus.PUBLISHED:
                programme.status = ProgrammeStatus.CLOSED
                programme.save(update_fields=["status"])
                audit.record(request.user, participation.PROGRAMME_CLOSED, programme, target_label=programme.name)
                messages.success(request, _("The programme is closed: no voucher is sold any more; those sold stay valid until their end date."))
            else:
                messages.error(request, _("This programme is already in that state."))
        return redirect("chamber:programme-edit", pk=self.programme.pk)


class ProgrammeShopsView(ProgrammeMixin, TemplateView):
    """The shops of the territory that opted in; the chamber excludes one (with a reason) or takes it back."""

    template_name = "vouchers/chamber/programme_shops.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participations = list(
            Participation.objects.filter(programme=self.programme)
            .select_related("shop__partner", "shop__commune").order_by("shop__partner__name", "pk")
        )
        territory = set(Shop.objects.filter(participation.territory_q(self.programme)).values_list("pk", flat=True))
        for entry in participations:
            entry.in_territory = entry.shop_id in territory
        context["participations"] = participations
        context["territory_shop_count"] = len(territory)
        context.setdefault("exclusion_form", None)
        return context

    def post(self, request, *args, **kwargs):
        form = ExclusionForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(exclusion_form=form)
            return self.render_to_response(context, status=400)
        entry = get_object_or_404(Participation.objects.select_related("shop__partner", "programme"),
                                  programme=self.programme, shop_id=form.cleaned_data["shop"])
        if form.cleaned_data["action"] == "exclude":
            participation.exclude(entry, request.user, form.cleaned_data["reason"].strip())
            messages.success(request, _("%(shop)s no longer takes this programme's vouchers.") % {"shop": entry.shop.name})
        else:
            participation.reinclude(entry, request.user)
            messages.success(request, _("%(shop)s takes this programme's vouchers again.") % {"shop": entry.shop.name})
        return redirect("chamber:programme-shops", pk=self.programme.pk)


class ProgrammeReportView(ProgrammeMixin, TemplateView):
    template_name = "vouchers/chamber/programme_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(reports.report_context(self.programme, self.request.GET.get("mois", "")))
        context.update(
            movements_csv_url=reverse("chamber:programme-movements", kwargs={"pk": self.programme.pk}),
            statement_csv_url=reverse("chamber:programme-statement", kwargs={"pk": self.programme.pk}),
            funder_form=kwargs.get("funder_form") or FunderAccessForm(),
            funder_accesses=self.programme.funder_accesses.filter(revoked_at__isnull=True).select_related("created_by"),
        )
        return context


class FunderAccessGrantView(ProgrammeReportView):
    """The chamber sends the funder a read-only link to these reports."""

    def post(self, request, *args, **kwargs):
        form = FunderAccessForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(funder_form=form), status=400)
        funder_access.grant(self.programme, form.cleaned_data["email"], request.user)
        messages.success(request, _("A link to these reports was sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("chamber:programme-report", pk=self.programme.pk)

    def get(self, request, *args, **kwargs):
        return redirect("chamber:programme-report", pk=self.programme.pk)


class FunderAccessRevokeView(ProgrammeMixin, View):
    def post(self, request, *args, **kwargs):
        access = get_object_or_404(FunderAccess, pk=kwargs["access"], programme=self.programme)
        if funder_access.revoke(access, request.user):
            messages.success(request, _("The link sent to %(email)s no longer works.") % {"email": access.email})
        return redirect("chamber:programme-report", pk=self.programme.pk)


STATEMENT_HEADER = (
    gettext_lazy("Month"), gettext_lazy("Shop"), gettext_lazy("Commune"), gettext_lazy("Paid by vouchers (€)"),
    gettext_lazy("Of which the funder's bonus (€)"),
)
AUDIT_HEADER = (
    gettext_lazy("Date"), gettext_lazy("Voucher code"), gettext_lazy("Programme"), gettext_lazy("Movement"),
    gettext_lazy("Amount (€)"), gettext_lazy("Shop"), gettext_lazy("Order number"),
)


def statement_csv(programme: Programme, request):
    """The funder's statement as CSV: one month (?mois=2027-03) or every month."""
    month = reports.month_from(request.GET.get("mois", ""))
    if request.GET.get("mois") and month is None:
        raise Http404("No such month")
    rows = reports.statement(programme, month)
    suffix = f"-{month:%Y-%m}" if month else ""
    return csv_response(f"releve-{programme.slug}{suffix}", STATEMENT_HEADER, reports.statement_csv_rows(rows))


def movements_csv(programme: Programme):
    return csv_response(f"mouvements-{programme.slug}", AUDIT_HEADER, reports.audit_csv_rows(reports.audit_movements(programme)))


class ProgrammeStatementCsvView(ProgrammeMixin, View):
    def get(self, request, *args, **kwargs):
        return statement_csv(self.programme, request)


class ProgrammeMovementsCsvView(ProgrammeMixin, View):
    def get(self, request, *args, **kwargs):
        return movements_csv(self.programme)


class VoucherMovementsCsvView(ChamberReviewerMixin, View):
    """Every movement of every programme: the export a public accountant audits."""

    def get(self, request, *args, **kwargs):
        return csv_response("mouvements-bons-d-achat", AUDIT_HEADER, reports.audit_csv_rows(reports.audit_movements()))


urlpatterns = [
    path("bons-cadeaux/", ProgrammeListView.as_view(), name="programmes"),
    path("bons-cadeaux/nouveau/", ProgrammeFormView.as_view(), name="programme-create"),
    path("bons-cadeaux/mouvements.csv", VoucherMovementsCsvView.as_view(), name="voucher-movements"),
    path("bons-cadeaux/<id:pk>/", ProgrammeFormView.as_view(), name="programme-edit"),
    path("bons-cadeaux/<id:pk>/statut/", ProgrammeStatusView.as_view(), name="programme-status"),
    path("bons-cadeaux/<id:pk>/boutiques/", ProgrammeShopsView.as_view(), name="programme-shops"),
    path("bons-cadeaux/<id:pk>/rapport/", ProgrammeReportView.as_view(), name="programme-report"),
    path("bons-cadeaux/<id:pk>/acces-financeur/", FunderAccessGrantView.as_view(), name="programme-funder-grant"),
    path("bons-cadeaux/<id:pk>/acces-financeur/<id:access>/revoquer/", FunderAccessRevokeView.as_view(), name="programme-funder-revoke"),
    path("bons-cadeaux/<id:pk>/releve.csv", ProgrammeStatementCsvView.as_view(), name="programme-statement"),
    path("bons-cadeaux/<id:pk>/mouvements.csv", ProgrammeMovementsCsvView.as_view(), name="programme-movements"),
]
