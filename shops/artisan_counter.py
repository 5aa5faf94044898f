"""The counter (« Comptoir »): scan the customer's QR code (or type their code), see the order and what
is left to pay, receive it and hand the order over in one step. Rules in checkout.counter."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from checkout.counter import (
    MAX_TYPED_LENGTH, CounterRefused, find_order, hand_over_at_counter, hand_over_refusal, orders_to_collect, read_code,
)
from checkout.order.access import orders_of_shop
from payments.on_site import PaymentMeans, amount_due, amount_paid

from .artisan_views import ArtisanShopMixin

Order = get_model("order", "Order")
CENT = Decimal("0.01")

# The camera is this page's own: other pages keep the browser's default (camera for the site itself).
CAMERA_POLICY = "camera=(self), microphone=()"


class CounterLookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Pickup code or order number"), max_length=MAX_TYPED_LENGTH, required=False)


class CounterHandOverForm(forms.Form):
    pickup_code = forms.CharField(label=gettext_lazy("Pickup code given by the customer"), max_length=12)
    # What the button says is due, so that an amount changed meanwhile is refused, not silently taken.
    amount = forms.DecimalField(widget=forms.HiddenInput, max_digits=10, decimal_places=2, min_value=0)
    means = forms.ChoiceField(label=gettext_lazy("Paid by"), choices=PaymentMeans.choices, widget=forms.RadioSelect, required=False)

    def __init__(self, *args, code_known: bool, asks_for_payment: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if code_known:
            self.fields["pickup_code"].widget = forms.HiddenInput()
        if asks_for_payment:
            self.fields["means"].required = True
            self.fields["means"].error_messages["required"] = _("Choose how the customer paid.")
        else:
            del self.fields["means"]


class CounterView(ArtisanShopMixin, TemplateView):
    """Scan or type: the order found opens on its own page; what is wrong is said here."""

    template_name = "shops/artisan/counter.html"

    def get(self, request, *args, **kwargs):
        form = CounterLookupForm(request.GET if "code" in request.GET else None)
        if form.is_bound and form.is_valid():
            try:
                match = find_order(self.shop, form.cleaned_data["code"])
            except CounterRefused as refused:
                form.add_error("code", str(refused))
            else:
                url = reverse("artisan:counter-order", kwargs={"number": match.order.number})
                return redirect(f"{url}?{urlencode({'code': match.pickup_code})}" if match.pickup_code else url)
        response = self.render_to_response(self.get_context_data(form=form, to_collect=orders_to_collect(self.shop)))
        response["Permissions-Policy"] = CAMERA_POLICY
        return response


class CounterOrderView(ArtisanShopMixin, TemplateView):
    """The order found: customer, lines, paid and due, and one button to receive what is due and hand over."""

    template_name = "shops/artisan/counter_order.html"

    def get_order(self):
        orders = orders_of_shop(Order.objects.all(), self.shop).select_related("user").prefetch_related("lines")
        return get_object_or_404(orders, number=self.kwargs["number"])

    def known_code(self, order, text: str) -> str:
        """The pickup code carried from the scan when it is this order's ("" otherwise: asked for)."""
        try:
            code = read_code(text).pickup_code
        except CounterRefused:
            return ""
        return code if code and code == order.pickup_code else ""

    def hand_over_form(self, order, due, data=None):
        carried = self.request.GET.get("code", "") if data is None else data.get("pickup_code", "")
        code = self.known_code(order, carried)
        return CounterHandOverForm(data, code_known=bool(code), asks_for_payment=due > 0,
                                   initial={"pickup_code": code, "amount": due})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        order = kwargs["order"]
        due = kwargs.get("due", amount_due(order).quantize(CENT))
        context.update(
            order=order, lines=list(order.lines.all()), amount_paid=amount_paid(order), amount_due=due,
            refusal=kwargs.get("refusal", hand_over_refusal(order)),
            form=kwargs.get("form") or self.hand_over_form(order, due),
        )
        return context

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(order=self.get_order()))

    def post(self, request, *args, **kwargs):
        order = self.get_order()
        due = amount_due(order).quantize(CENT)
        form = self.hand_over_form(order, due, data=request.POST)
        if form.is_valid():
            try:
                outcome = hand_over_at_counter(
                    order, request.user, pickup_code=form.cleaned_data["pickup_code"],
                    amount=form.cleaned_data["amount"], means=form.cleaned_data.get("means", ""),
                )
            except CounterRefused as refused:
                form.add_error(None, str(refused))
            else:
                return self.handed_over(request, outcome)
        # Shown again with what is due now (it may have changed), the customer's choices kept.
        order.refresh_from_db()
        return self.render_to_response(self.get_context_data(order=order, form=form))

    def handed_over(self, request, outcome):
        order = outcome.order
        if outcome.already_done:
            messages.info(request, _("Order %(number)s had already been handed over: nothing more was recorded.") % {"number": order.number})
        elif outcome.received:
            messages.success(request, _("Order %(number)s handed over, %(amount)s € received (%(means)s).") % {
                "number": order.number, "amount": number_format(outcome.received, 2), "means": PaymentMeans(outcome.means).label.lower()})
        else:
            messages.success(request, _("Order %(number)s handed over.") % {"number": order.number})
        return redirect("artisan:counter")


urlpatterns = [
    path("comptoir/", CounterView.as_view(), name="counter"),
    path("comptoir/<order_number:number>/", CounterOrderView.as_view(), name="counter-order"),
]
