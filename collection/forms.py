"""The chamber's forms for collection points: the point, its hours, its sessions, its hosts."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from shops.forms import ShopPlaceMixin

from .models import CollectionPoint, CollectionSession, PointHost, PointOpeningPeriod

TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PointForm(ShopPlaceMixin, forms.ModelForm):
    latitude = forms.FloatField(label=_("latitude"), required=False, min_value=-90, max_value=90,
                                help_text=_("Empty: the commune's centre."))
    longitude = forms.FloatField(label=_("longitude"), required=False, min_value=-180, max_value=180)

    class Meta:
        model = CollectionPoint
        fields = ["name", "slug", "host_kind", "host_name", "address_line", "postcode", "commune_name", "latitude", "longitude",
                  "capacity_per_window", "has_cold_storage", "instructions", "contact_phone", "contact_email", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["commune_name"].initial = self.instance.commune.name

    def clean(self):
        cleaned = super().clean()
        postcode = cleaned.get("postcode", "")
        if postcode and not (postcode.isascii() and postcode.isdigit() and len(postcode) == 5):
            self.add_error("postcode", _("A French postcode has five digits, for example 05000."))
        elif not self.errors:
            self.clean_commune_from_postcode(cleaned)
        return cleaned

    def save(self, commit=True):
        point = super().save(commit=False)
        commune = self.cleaned_data["commune"]
        point.commune = commune
        point.latitude = self.cleaned_data.get("latitude") if self.cleaned_data.get("latitude") is not None else commune.latitude
        point.longitude = self.cleaned_data.get("longitude") if self.cleaned_data.get("longitude") is not None else commune.longitude
        if commit:
            point.save()
        return point


class PointPeriodForm(forms.ModelForm):
    prefix = "period"

    class Meta:
        model = PointOpeningPeriod
        fields = ["weekday", "opens_at", "closes_at"]
        widgets = {"opens_at": TIME_INPUT, "closes_at": TIME_INPUT}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("opens_at") and cleaned.get("closes_at") and cleaned["closes_at"] <= cleaned["opens_at"]:
            self.add_error("closes_at", _("The closing time comes after the opening time."))
        return cleaned


class SessionForm(forms.ModelForm):
    prefix = "session"

    class Meta:
        model = CollectionSession
        fields = ["weekday", "starts_at", "ends_at", "cutoff_days_before", "cutoff_time", "dropoff_days_before", "dropoff_time"]
        widgets = {"starts_at": TIME_INPUT, "ends_at": TIME_INPUT, "cutoff_time": TIME_INPUT, "dropoff_time": TIME_INPUT}

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The session ends after it starts."))
        drop_days, drop_time = cleaned.get("dropoff_days_before"), cleaned.get("dropoff_time")
        cut_days, cut_time = cleaned.get("cutoff_days_before"), cleaned.get("cutoff_time")
        if None in (drop_days, drop_time, cut_days, cut_time, starts):
            return cleaned
        if drop_days == 0 and drop_time > starts:
            self.add_error("dropoff_time", _("The drop-off comes before the session starts."))
        if (cut_days, -cut_time.hour * 60 - cut_time.minute) < (drop_days, -drop_time.hour * 60 - drop_time.minute):
            self.add_error("cutoff_time", _("Orders close before the artisans' drop-off."))
        return cleaned


class HostForm(forms.Form):
    prefix = "host"
    email = forms.EmailField(label=_("Host's e-mail"), max_length=254,
                             help_text=_("An account with this e-mail: it becomes the host of this point (and of no other)."))

    def clean_email(self):
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            raise forms.ValidationError(_("No account has this e-mail: the host signs up first."))
        if user.is_staff or user.is_superuser:
            raise forms.ValidationError(_("A staff account cannot be a host."))
        existing = PointHost.objects.filter(user=user).select_related("point").first()
        if existing is not None:
            raise forms.ValidationError(_("This account already hosts %(point)s.") % {"point": existing.point.name})
        self.user = user
        return email
