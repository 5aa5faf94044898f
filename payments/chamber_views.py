"""The chamber's hand on an order's money: find an order, cancel it with a refund, refund some lines."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from checkout.lifecycle import OrderStatus, next_statuses
from shops.artisan_orders import RefundLinesForm
from chamber import audit
from chamber.models import AuditEntry
from shops.chamber_views import ChamberReviewerMixin

from .models import OrderSettlement
from .refunds import RefundRefused, cancel_and_refund, lines_refundable_online, refund_lines

Order = get_model("order", "Order")


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason (sent to the customer)"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class ChamberOrderView(ChamberReviewerMixin, TemplateView):
    template_name = "payments/chamber/order.html"

    def get_order(self):
        return get_object_or_404(Order.objects.exclude(status=OrderStatus.PENDING_PAYMENT), number=self.kwargs["number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = kwargs.get("order") or self.get_order()
        lines = list(order.lines.all())
        settlement = OrderSettlement.objects.filter(order=order).first()
        context.update(
            order=order, lines=lines, settlement=settlement, ledger=order.ledger_entries.select_related("actor"),
            can_cancel=OrderStatus.CANCELLED in next_statuses(order),
            cancel_form=kwargs.get("cancel_form") or CancelForm(),
            refund_form=kwargs.get("refund_form") or RefundLinesForm(order_lines=lines),
            can_refund_lines=lines_refundable_online(order, settlement),
        )
        return context

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        if "refund_lines" in request.POST:
            form = RefundLinesForm(request.POST, order_lines=list(order.lines.all()))
            if form.is_valid():
                try:
                    outcome = refund_lines(order, form.cleaned_data["lines"], request.user, form.cleaned_data["refund_reason"])
                except RefundRefused as refused:
                    form.add_error(None, str(refused))
                else:
                    message = outcome.summary()
                    audit.record(request.user, AuditEntry.Action.ORDER_REFUNDED, order, reason=f"{message} {form.cleaned_data['refund_reason']}", target_label=order.number)
                    return self._done(request, order, message, outcome.warning)
            return self.render_to_response(self.get_context_data(order=order, refund_form=form))
        form = CancelForm(request.POST)
        if form.is_valid():
            try:
                outcome = cancel_and_refund(order, request.user, form.cleaned_data["reason"])
            except RefundRefused as refused:
                form.add_error(None, str(refused))
            else:
                message = _("Order %(number)s is cancelled.") % {"number": order.number}
                audit.record(request.user, AuditEntry.Action.ORDER_REFUNDED, order, reason=f"{message} {form.cleaned_data['reason']}", target_label=order.number)
                return self._done(request, order, message, outcome.warning if outcome else "")
        return self.render_to_response(self.get_context_data(order=order, cancel_form=form))

    @staticmethod
    def _done(request, order, message: str, warning: str):
        messages.success(request, message)
        if warning:
            messages.warning(request, warning)
        return redirect("chamber:order", number=order.number)
