"""The form of an order's next step, shared by the artisan's order page and Oscar's order dashboard."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from checkout.lifecycle import OrderStatus, ReceivedPayment, hand_over_status, next_statuses
from payments.on_site import PaymentMeans


class OrderStepForm(forms.Form):
    """The steps the order may take now, and only the fields they need: the pickup code to collect it,
    the payment still due to hand it over, the reason to cancel it. The lifecycle decides; this form
    only bounds what is typed (any status is let through, for the lifecycle to refuse in words)."""

    # Bounded by a validator rather than max_length, which would put a maxlength on the <select>.
    status = forms.CharField(label=_("New order status"), validators=[MaxLengthValidator(32)], widget=forms.Select)
    pickup_code = forms.CharField(label=_("Pickup code given by the customer"), required=False, max_length=12)
    amount = forms.DecimalField(label=_("Amount received (€)"), required=False, max_digits=10, decimal_places=2,
                                min_value=Decimal("0.01"), localize=True)
    means = forms.ChoiceField(label=_("Paid by"), required=False, choices=[("", "—"), *PaymentMeans.choices])
    reason = forms.CharField(label=_("Reason (sent to the customer)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, order, amount_due: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.steps = [(code, OrderStatus(code).label) for code in next_statuses(order)]
        self.fields["status"].widget.choices = self.steps
        codes = {code for code, _label in self.steps}
        if OrderStatus.COLLECTED not in codes:
            del self.fields["pickup_code"]
        self.asks_for_payment = amount_due > 0 and hand_over_status(order) in codes
        if self.asks_for_payment:
            self.fields["amount"].initial = amount_due
        else:
            del self.fields["amount"], self.fields["means"]
        if OrderStatus.CANCELLED not in codes:
            del self.fields["reason"]

    @property
    def has_choices(self) -> bool:
        """Read by Oscar's order page: whether it shows the form at all."""
        return bool(self.steps)

    def clean(self):
        cleaned = super().clean()
        if self.asks_for_payment:
            amount, means = cleaned.get("amount"), cleaned.get("means")
            if amount is not None and not means:
                self.add_error("means", _("Choose how the customer paid."))
            if means and amount is None and "amount" not in self.errors:
                self.add_error("amount", _("Enter the amount received."))
        return cleaned

    def received_payment(self) -> ReceivedPayment | None:
        """The payment typed in, if any (validated form); the lifecycle says whether it is enough."""
        amount, means = self.cleaned_data.get("amount"), self.cleaned_data.get("means")
        return ReceivedPayment(amount, means) if amount is not None and means else None

    def step_arguments(self) -> dict:
        """take_step's keyword arguments from the validated form."""
        return {
            "reason": self.cleaned_data.get("reason") or "",
            "pickup_code": self.cleaned_data.get("pickup_code") or "",
            "payment": self.received_payment(),
        }
