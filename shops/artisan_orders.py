"""The artisan's orders: their shop's orders only, and the steps of each one's life."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus, StepRefused
from checkout.order.access import orders_of_shop
from checkout.order.forms import OrderStepForm
from checkout.order.steps import take_step
from payments.models import OrderSettlement
from payments.on_site import PaymentMeans, PaymentRefused, amount_due, amount_paid, record_on_site_payment
from payments.refunds import RefundRefused, refund_lines

from .artisan_views import ArtisanShopMixin

Order = get_model("order", "Order")


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


class ArtisanOrderListView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/orders.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("statut", "")
        orders = orders_of_shop(Order.objects.all(), self.shop).select_related("user").order_by("pickup_starts_at", "delivery_date", "-date_placed")
        if status in OrderStatus.values:
            orders = orders.filter(status=status)
        else:
            status = ""
        context.update(orders=orders[:200], status=status, statuses=OrderStatus.choices)
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
        context.update(order=order, lines=lines, next_steps=form.steps,
                       form=form, amount_paid=amount_paid(order), amount_due=due,
                       payment_form=kwargs.get("payment_form") or OnSitePaymentForm(initial={"amount": due}),
                       settlement=settlement, ledger=order.ledger_entries.all(),
                       refund_form=kwargs.get("refund_form") or RefundLinesForm(order_lines=lines),
                       can_refund_lines=(settlement is not None and settlement.holds_card_money and order.status != OrderStatus.CANCELLED
                                         and sum(line.status != OrderStatus.CANCELLED for line in lines) > 1))
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
                messages.success(request, _("Refunded: %(amount)s €.") % {"amount": number_format(outcome.amount, 2)})
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
