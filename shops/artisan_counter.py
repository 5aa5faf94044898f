"""The counter (« Comptoir »): scan the customer's QR code (or type their code), see the order and what
is left to pay, receive it and hand the order over in one step. Rules in checkout.counter."""

import uuid
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
from vouchers import counter as voucher_counter
from vouchers.ledger import VoucherRefused

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
        if form.is_bound and form.is_valid() and voucher_counter.looks_like_voucher(form.cleaned_data["code"]):
            # A voucher typed in the order's box (without the page's script): found the same way as
            # from the voucher's form, then kept in the session only.
            return find_voucher(self, request, form, form.cleaned_data["code"])
        if form.is_bound and form.is_valid():
            try:
                match = find_order(self.shop, form.cleaned_data["code"])
            except CounterRefused as refused:
                form.add_error("code", str(refused))
            else:
                url = reverse("artisan:counter-order", kwargs={"number": match.order.number})
                return redirect(f"{url}?{urlencode({'code': match.pickup_code})}" if match.pickup_code else url)
        return self.counter_page(form)

    def counter_page(self, form, voucher_form=None, status=200):
        response = self.render_to_response(self.get_context_data(
            form=form, voucher_form=voucher_form or CounterVoucherLookupForm(), to_collect=orders_to_collect(self.shop)), status=status)
        response["Permissions-Policy"] = CAMERA_POLICY
        return response


class CounterVoucherLookupForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Gift voucher's code"), max_length=MAX_TYPED_LENGTH)


class CounterVoucherDebitForm(forms.Form):
    amount = forms.DecimalField(label=gettext_lazy("Amount to debit (€)"), max_digits=8, decimal_places=2,
                                min_value=Decimal("0.01"), max_value=Decimal("100000"), localize=True)
    # Drawn when the form is shown: the same form sent twice debits once.
    key = forms.CharField(widget=forms.HiddenInput, max_length=32)


def counter_page(request, shop, form, voucher_form, status=200):
    """The counter's page, shown from the voucher's view (a refused voucher code)."""
    page = CounterView()
    page.setup(request)
    page.shop = shop
    return page.counter_page(form, voucher_form, status=status)


def find_voucher(view, request, form, text):
    """Look the voucher up for the view's shop: kept in the session and shown on its page, or the
    counter again with the refusal (429 when the lookups are throttled)."""
    try:
        voucher = voucher_counter.find_voucher(request, view.shop, text)
    except voucher_counter.CounterVoucherRefused as refused:
        voucher_form = CounterVoucherLookupForm()
        voucher_form.refusal = str(refused)
        return counter_page(request, view.shop, CounterLookupForm(), voucher_form, status=429 if refused.throttled else 200)
    voucher_counter.remember(request, view.shop, voucher)
    return redirect("artisan:counter-voucher")


class CounterVoucherView(ArtisanShopMixin, TemplateView):
    """The voucher found (in the session): programme, balance, end date, and « Débiter X € »."""

    template_name = "vouchers/counter/voucher.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        found = voucher_counter.summary(kwargs["voucher"])
        form = kwargs.get("form") or CounterVoucherDebitForm(initial={"key": uuid.uuid4().hex})
        context.update(voucher=found.voucher, balance=found.balance, refusal=found.refusal, form=form,
                       accepted=True)
        return context

    def get(self, request, *args, **kwargs):
        voucher = voucher_counter.remembered(request, self.shop)
        if voucher is None:
            return redirect("artisan:counter")
        return self.render_to_response(self.get_context_data(voucher=voucher))

    def post(self, request, *args, **kwargs):
        if "code" in request.POST:
            lookup = CounterVoucherLookupForm(request.POST)
            if not lookup.is_valid():
                lookup.refusal = " ".join(lookup.errors.get("code", []))
                return counter_page(request, self.shop, CounterLookupForm(), lookup)
            return find_voucher(self, request, lookup, lookup.cleaned_data["code"])
        voucher = voucher_counter.remembered(request, self.shop)
        if voucher is None:
            messages.warning(request, _("Scan or type the voucher's code again."))
            return redirect("artisan:counter")
        form = CounterVoucherDebitForm(request.POST)
        if form.is_valid():
            try:
                receipt = voucher_counter.debit(self.shop, voucher, form.cleaned_data["amount"],
                                                form_key=form.cleaned_data["key"], actor=request.user)
            except VoucherRefused as refused:
                form.add_error(None, str(refused))
            else:
                request.session[voucher_counter.SESSION_RECEIPT] = receipt.movement.pk
                return redirect("artisan:counter-voucher-receipt")
        return self.render_to_response(self.get_context_data(voucher=voucher, form=form))


class CounterVoucherReceiptView(ArtisanShopMixin, TemplateView):
    """The receipt of the last debit at this counter, to print or show."""

    template_name = "vouchers/counter/receipt.html"

    def get(self, request, *args, **kwargs):
        receipt = voucher_counter.counter_receipt(self.shop, request.session.get(voucher_counter.SESSION_RECEIPT))
        if receipt is None:
            return redirect("artisan:counter")
        return self.render_to_response(self.get_context_data(receipt=receipt, amount=-receipt.movement.amount))


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
    path("comptoir/bon-d-achat/", CounterVoucherView.as_view(), name="counter-voucher"),
    path("comptoir/bon-d-achat/recu/", CounterVoucherReceiptView.as_view(), name="counter-voucher-receipt"),
    path("comptoir/<order_number:number>/", CounterOrderView.as_view(), name="counter-order"),
]
