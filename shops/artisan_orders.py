"""The artisan's orders: their shop's orders only, and the steps of each one's life."""

import datetime

from django import forms
from django.core.paginator import Paginator
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus, StepRefused
from checkout.order import export as order_export
from checkout.order import workday
from checkout.order.access import UNCONFIRMED, orders_of_shop
from checkout.order.forms import OrderStepForm
from checkout.order.steps import take_step
from marketplace.csv_export import csv_response
from payments.models import OrderSettlement
from payments.on_site import PaymentMeans, PaymentRefused, amount_due, amount_paid, record_on_site_payment
from payments.refunds import RefundRefused, lines_refundable_online, refund_lines

from .artisan_views import ArtisanShopMixin

Order = get_model("order", "Order")
# The orders to accept shown above the day's work; beyond, the list filtered by status has them all.
TO_ACCEPT_SHOWN = 50


class OnSitePaymentForm(forms.Form):
    amount = forms.DecimalField(label=gettext_lazy("Amount received (€)"), max_digits=10, decimal_places=2, localize=True)
    means = forms.ChoiceField(label=gettext_lazy("Paid by"), choices=PaymentMeans.choices)


class RefundLinesForm(forms.Form):
    lines = forms.TypedMultipleChoiceField(label=gettext_lazy("Items to refund"), coerce=int, widget=forms.CheckboxSelectMultiple)
    refund_reason = forms.CharField(label=gettext_lazy("Reason (sent to the customer)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, order_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lines"].choices = [
            (line.pk, f"{line.quantity} × {line.title}") for line in order_lines if line.status != OrderStatus.CANCELLED
        ]


class DayForm(forms.Form):
    """The day to look at (?jour=YYYY-MM-DD): today when none is given."""

    # No max_length: a value too long gets the same message as any other that is not a day.
    jour = forms.CharField(label=gettext_lazy("Day"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))

    def clean_jour(self):
        text = self.cleaned_data["jour"]
        if not text:
            return workday.today()
        day = workday.parse_day(text)
        if day is None:
            raise forms.ValidationError(_("This is not a day we can show: choose a date in the calendar."))
        return day


def chosen_day(request) -> tuple[DayForm, object]:
    """The day asked for (today if none or if it cannot be read; the form then says why)."""
    form = DayForm(request.GET)
    day = form.cleaned_data["jour"] if form.is_valid() else workday.today()
    return form, day


class ArtisanOrderListView(ArtisanShopMixin, TemplateView):
    """The day's work first (to accept, pickups by slot, deliveries by round), then every order."""

    template_name = "shops/artisan/orders.html"
    paginate_by = 25

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day_form, day = chosen_day(self.request)
        status = self.request.GET.get("statut", "")
        if status not in OrderStatus.values or status == UNCONFIRMED:
            status = ""
        orders = orders_of_shop(Order.objects.all(), self.shop).select_related("user").order_by("-date_placed", "-pk")
        if status:
            orders = orders.filter(status=status)
        page = Paginator(orders, self.paginate_by).get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        to_accept = list(workday.orders_to_accept(self.shop)[:TO_ACCEPT_SHOWN + 1])
        context.update(
            day=day, day_form=day_form, today=workday.today(),
            previous_day=day - datetime.timedelta(days=1), next_day=day + datetime.timedelta(days=1),
            plan=workday.plan_day(day, workday.day_orders(self.shop, day)),
            to_accept=to_accept[:TO_ACCEPT_SHOWN], more_to_accept=len(to_accept) > TO_ACCEPT_SHOWN,
            page_obj=page, orders=page.object_list, status=status, query_without_page=params.urlencode(),
            statuses=[(code, label) for code, label in OrderStatus.choices if code != UNCONFIRMED],
        )
        return context


class OrdersCsvView(ArtisanShopMixin, View):
    """Every order of the shop (or those of one status) as a spreadsheet, as Oscar's dashboard gave it."""

    def get(self, request, *args, **kwargs):
        orders = orders_of_shop(Order.objects.all(), self.shop)
        status = request.GET.get("statut", "")
        if status in OrderStatus.values and status != UNCONFIRMED:
            orders = orders.filter(status=status)
        return csv_response(_("orders"), order_export.header(), order_export.rows(orders))


class PreparationSheetView(ArtisanShopMixin, TemplateView):
    """A day's preparation sheet, to print: each slot and round with its orders, and the totals per product."""

    template_name = "shops/artisan/preparation_sheet.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day_form, day = chosen_day(self.request)
        context.update(day=day, day_form=day_form, today=workday.today(),
                       plan=workday.plan_day(day, workday.day_orders(self.shop, day, still_to_prepare=True)))
        return context


class ArtisanOrderDetailView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/order_detail.html"

    def get_order(self):
        return get_object_or_404(orders_of_shop(Order.objects.all(), self.shop).select_related("shipping_address", "user"), number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = kwargs.get("order") or self.get_order()
        due = amount_due(order)
        lines = list(order.lines.all())
        settlement = OrderSettlement.objects.filter(order=order).first()
        form = kwargs.get("form") or OrderStepForm(order=order, amount_due=due)
        address = order.shipping_address if order.shipping_address_id else None
        context.update(order=order, lines=lines, next_steps=form.steps,
                       customer=workday.customer_name(order), phone=workday.customer_phone(order), address=address,
                       active_lines=[line for line in lines if line.status != OrderStatus.CANCELLED],
                       form=form, amount_paid=amount_paid(order), amount_due=due,
                       payment_form=kwargs.get("payment_form") or OnSitePaymentForm(initial={"amount": due}),
                       settlement=settlement, ledger=order.ledger_entries.all(),
                       refund_form=kwargs.get("refund_form") or RefundLinesForm(order_lines=lines),
                       can_refund_lines=lines_refundable_online(order, settlement))
        return context

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        if "record_payment" in request.POST:
            return self.record_payment(request, order)
        if "refund_lines" in request.POST:
            return self.refund_lines(request, order)
        form = OrderStepForm(request.POST, order=order, amount_due=amount_due(order))
        if form.is_valid():
            try:
                warning = take_step(order, form.cleaned_data["status"], request.user, **form.step_arguments())
            except StepRefused as refused:
                form.add_error(None, str(refused))
            else:
                if warning:
                    messages.warning(request, warning)
                messages.success(request, _("Order %(number)s: %(status)s.") % {"number": order.number, "status": order.status_label})
                return redirect("artisan:order", number=order.number)
        return self.render_to_response(self.get_context_data(order=order, form=form))

    def refund_lines(self, request, order):
        refund_form = RefundLinesForm(request.POST, order_lines=list(order.lines.all()))
        if refund_form.is_valid():
            try:
                outcome = refund_lines(order, refund_form.cleaned_data["lines"], request.user, refund_form.cleaned_data["refund_reason"])
            except RefundRefused as refused:
                refund_form.add_error(None, str(refused))
            else:
                messages.success(request, outcome.summary())
                if outcome.warning:
                    messages.warning(request, outcome.warning)
                return redirect("artisan:order", number=order.number)
        return self.render_to_response(self.get_context_data(order=order, refund_form=refund_form))

    def record_payment(self, request, order):
        payment_form = OnSitePaymentForm(request.POST)
        if payment_form.is_valid():
            try:
                record_on_site_payment(order, payment_form.cleaned_data["amount"], payment_form.cleaned_data["means"], request.user)
            except PaymentRefused as refused:
                payment_form.add_error("amount", str(refused))
            else:
                messages.success(request, _("The payment is recorded."))
                return redirect("artisan:order", number=order.number)
        return self.render_to_response(self.get_context_data(order=order, payment_form=payment_form))
