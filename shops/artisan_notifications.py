"""The artisan's « Notifications » screen: which e-mails they receive about their shop (each new order,
a daily reminder and when), and at which address (their account's, or another one once confirmed).
The rules are shops.notification_settings'; the reminder is shops.reminders'."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from . import notification_settings
from .artisan_views import ArtisanShopMixin
from .notification_settings import NotificationRecipient, ShopNotificationSettings


class NotificationSettingsForm(forms.ModelForm):
    class Meta:
        model = ShopNotificationSettings
        fields = ["new_order_email", "reminder_email", "reminder_hour", "recipient", "other_email"]
        labels = {
            "new_order_email": gettext_lazy("Send me an e-mail for each new order"),
            "reminder_email": gettext_lazy("Send me a reminder each day: the orders waiting to be accepted and those to hand over that day"),
            "reminder_hour": gettext_lazy("Time of the reminder (Paris time)"),
            "recipient": gettext_lazy("Send these e-mails to"),
            "other_email": gettext_lazy("Other address"),
        }
        help_texts = {
            "reminder_email": gettext_lazy("Sent only on days when there is something to do."),
            "other_email": gettext_lazy("A link is sent to this address: the e-mails go there once you have opened it. Until then they go to your account's address."),
        }
        widgets = {"recipient": forms.RadioSelect, "other_email": forms.EmailInput(attrs={"autocomplete": "email"})}
        error_messages = {
            "other_email": {"invalid": gettext_lazy("Enter a valid e-mail address, e.g. atelier@example.fr.")},
            "reminder_hour": {"invalid_choice": gettext_lazy("Choose a time from the list.")},
            "recipient": {"invalid_choice": gettext_lazy("Choose your account's address or another address.")},
        }

    def __init__(self, *args, account_addresses: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        if account_addresses:
            self.fields["recipient"].choices = [
                (NotificationRecipient.ACCOUNTS, _("The e-mail address of my account (%(addresses)s)") % {"addresses": ", ".join(account_addresses)}),
                (NotificationRecipient.OTHER, NotificationRecipient.OTHER.label),
            ]

    def clean(self):
        data = super().clean()
        if data.get("recipient") == NotificationRecipient.OTHER and not data.get("other_email") and "other_email" not in self.errors:
            self.add_error("other_email", _("Enter the other address, or choose your account's address."))
        return data


class NotificationSettingsView(ArtisanShopMixin, TemplateView):
    template_name = "shops/artisan/notifications.html"

    def get_settings(self) -> ShopNotificationSettings:
        return notification_settings.settings_of(self.shop)

    def get_form(self, data=None) -> NotificationSettingsForm:
        return NotificationSettingsForm(
            data, instance=self.get_settings(), account_addresses=notification_settings.account_addresses(self.shop)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context.setdefault("form", self.get_form())
        settings = form.instance
        context.update(
            settings=settings,
            recipients=notification_settings.recipients(self.shop, settings=settings) if settings.pk else notification_settings.account_addresses(self.shop),
            awaiting_confirmation=bool(
                settings.pk and settings.recipient == NotificationRecipient.OTHER and settings.other_email and not settings.other_email_confirmed
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        current = self.get_settings()
        previous_email, previous_recipient = current.other_email, (current.recipient if current.pk else NotificationRecipient.ACCOUNTS)
        form = NotificationSettingsForm(request.POST, instance=current, account_addresses=notification_settings.account_addresses(self.shop))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        settings = form.save(commit=False)
        settings.shop = self.shop
        sent = notification_settings.save(
            settings, previous_email=previous_email, previous_recipient=previous_recipient, resend="resend" in request.POST
        )
        if sent:
            messages.info(request, _("Your choices are saved. Open the link just sent to %(email)s to receive the e-mails there.") % {"email": settings.other_email})
        else:
            messages.success(request, _("Your choices are saved."))
        return redirect("artisan:notifications")


class ConfirmAddressView(ArtisanShopMixin, View):
    """The link sent to the other address: it confirms it for the signed-in artisan's own shop only."""

    def get(self, request, *args, **kwargs):
        token = request.GET.get("jeton", "")
        if notification_settings.confirm(self.shop, token[:1000]):
            messages.success(request, _("The address is confirmed: your shop's e-mails now go there."))
        else:
            messages.error(request, _("This link is not valid (expired, already replaced, or for another shop). Save your choices again to receive a new one."))
        return redirect("artisan:notifications")


urlpatterns = [
    path("notifications/", NotificationSettingsView.as_view(), name="notifications"),
    path("notifications/confirmer/", ConfirmAddressView.as_view(), name="notifications-confirm"),
]
