"""The customer's forms: buying a voucher, and typing the code of one received on paper."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import codes
from .ledger import euros
from .models import Programme


class PurchaseForm(forms.Form):
    FOR_ME, AS_GIFT = "me", "gift"

    face_value = forms.DecimalField(label=_("Amount"), max_digits=8, decimal_places=2,
                                    error_messages={"invalid": _("An amount in euros and cents, such as 25,00.")})
    for_whom = forms.ChoiceField(
        label=_("Who is it for?"), widget=forms.RadioSelect, initial=FOR_ME,
        choices=[(FOR_ME, _("For myself")), (AS_GIFT, _("As a gift"))],
    )
    recipient_name = forms.CharField(label=_("Recipient's name"), max_length=120, required=False)
    recipient_email = forms.EmailField(label=_("Recipient's e-mail"), required=False)
    message = forms.CharField(label=_("Your message"), max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    deliver_on = forms.DateField(label=_("Send it on"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 help_text=_("Empty: as soon as it is paid."))
    accept_terms = forms.BooleanField(label=_("I have read and accept the terms of this programme."),
                                      error_messages={"required": _("Accept the programme's terms to buy a voucher.")})

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        fixed = sorted(Decimal(str(value)) for value in programme.fixed_values)
        if fixed:
            self.fields["face_value"] = forms.TypedChoiceField(
                label=_("Amount"), widget=forms.RadioSelect, coerce=Decimal,
                choices=[(str(value), euros(value)) for value in fixed],
                error_messages={"invalid_choice": _("Choose one of the amounts offered."), "required": _("Choose an amount.")},
            )
        else:
            field = self.fields["face_value"]
            field.widget.attrs.update(min=str(programme.minimum_value), max=str(programme.maximum_value), step="0.01", inputmode="decimal")
            field.help_text = _("Between %(low)s and %(high)s.") % {"low": euros(programme.minimum_value), "high": euros(programme.maximum_value)}
        self.order_fields(["face_value", "for_whom", "recipient_name", "recipient_email", "message", "deliver_on", "accept_terms"])

    def clean_face_value(self):
        value = self.cleaned_data["face_value"]
        fixed = [Decimal(str(v)) for v in self.programme.fixed_values]
        if not fixed and not self.programme.minimum_value <= value <= self.programme.maximum_value:
            raise forms.ValidationError(_("Choose an amount between %(low)s and %(high)s.")
                                        % {"low": euros(self.programme.minimum_value), "high": euros(self.programme.maximum_value)})
        return value

    def clean(self):
        data = super().clean()
        if data.get("for_whom") == self.AS_GIFT:
            if not data.get("recipient_name"):
                self.add_error("recipient_name", _("Whom is this voucher for?"))
            if not data.get("recipient_email") and "recipient_email" not in self.errors:
                self.add_error("recipient_email", _("The recipient's e-mail address: the voucher is sent there."))
            deliver_on = data.get("deliver_on")
            if deliver_on and not timezone.localdate() <= deliver_on <= self.programme.valid_until:
                self.add_error("deliver_on", _("Choose a sending date between today and the voucher's end date."))
        else:
            data.update(recipient_name="", recipient_email="", message="", deliver_on=None)
        return data


class CodeForm(forms.Form):
    code = forms.CharField(label=_("Voucher code"), max_length=40,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}))

    def clean_code(self):
        code = codes.normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(_("This is not a voucher code: 18 letters and digits, such as K7QM2X-9PD4TR-AH3ZWN."))
        return code
