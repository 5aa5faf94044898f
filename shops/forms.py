from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from geography.lookup import communes_for_postcode
from geography.text import normalize

from .models import Shop, VatRegime
from .validators import clean_identifier, validate_french_vat_number

User = get_user_model()


class ArtisanSignUpForm(forms.Form):
    """The account an applicant creates before filling in the application."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    password1 = forms.CharField(label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_email(self) -> str:
        # Whether an account already has this address is never said here: the sign-up answers alike
        # and e-mails that account's owner (marketplace/customer/registration.py).
        return User.objects.normalize_email(self.cleaned_data["email"]).lower()

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            user = User(email=cleaned.get("email", ""), first_name=cleaned.get("first_name", ""), last_name=cleaned.get("last_name", ""))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self) -> User:
        data = self.cleaned_data
        user = User(username=data["email"], email=data["email"], first_name=data["first_name"], last_name=data["last_name"])
        user.set_password(data["password1"])
        user.save()
        return user


class ShopPlaceMixin(forms.Form):
    """Postcode and commune name, resolved to one commune of the gazetteer."""

    commune_name = forms.CharField(label=_("Commune"), max_length=100)

    def clean_commune_from_postcode(self, cleaned: dict) -> None:
        postcode, name = cleaned.get("postcode", ""), cleaned.get("commune_name", "")
        if not postcode or not name:
            return
        candidates = communes_for_postcode(postcode)
        if not candidates:
            self.add_error("postcode", _("Unknown postcode: %(postcode)s.") % {"postcode": postcode})
            return
        wanted = normalize(name)
        matching = [commune for commune in candidates if commune.search_name == wanted and not commune.is_arrondissement]
        matching = matching or [commune for commune in candidates if commune.search_name == wanted]
        if not matching:
            names = ", ".join(sorted({commune.name for commune in candidates}))
            self.add_error(
                "commune_name",
                _("No commune of that name has the postcode %(postcode)s. It serves: %(names)s.")
                % {"postcode": postcode, "names": names},
            )
            return
        cleaned["commune"] = matching[0]


class ShopApplicationForm(ShopPlaceMixin, forms.ModelForm):
    """What the chamber needs to know about a business to approve its shop."""

    name = forms.CharField(label=_("Shop name"), max_length=120, help_text=_("As customers will see it."))
    # Wider than the stored digits: people type spaces and dots; the model validates what remains.
    siret = forms.CharField(
        label=_("SIRET"), max_length=20, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    vat_number = forms.CharField(label=_("Intra-EU VAT number"), max_length=20, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Shop
        fields = [
            "name", "trade", "tagline",
            "legal_name", "legal_form", "siret", "trades_register_number", "vat_regime", "vat_number",
            "email", "phone", "website",
            "address_line", "postcode", "commune_name",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["name"].initial = self.instance.partner.name
            self.fields["commune_name"].initial = self.instance.commune.name
        self.fields["postcode"].required = True
        self.fields["address_line"].required = True

    def clean_siret(self) -> str:
        return clean_identifier(self.cleaned_data["siret"])

    def clean_postcode(self) -> str:
        postcode = self.cleaned_data["postcode"].strip()
        if not (len(postcode) == 5 and postcode.isdigit()):
            raise forms.ValidationError(_("A French postcode has five digits, for example 05000."), code="postcode")
        return postcode

    def clean(self):
        cleaned = super().clean()
        self.clean_commune_from_postcode(cleaned)
        vat_number = clean_identifier(cleaned.get("vat_number", "")).upper()
        if cleaned.get("vat_regime") == VatRegime.REGISTERED:
            if not vat_number:
                self.add_error("vat_number", _("A business registered for VAT gives its intra-EU VAT number."))
            else:
                siret = cleaned.get("siret", "")
                try:
                    validate_french_vat_number(vat_number, siren=siret[:9] if len(siret) == 14 else None)
                except forms.ValidationError as error:
                    self.add_error("vat_number", error)
        else:
            vat_number = ""
        cleaned["vat_number"] = vat_number
        return cleaned

    def _post_clean(self):
        # The commune comes from the postcode and name, not from a field of the form.
        if "commune" in self.cleaned_data:
            self.instance.place_in(self.cleaned_data["commune"])
        super()._post_clean()
