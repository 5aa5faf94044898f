"""Which e-mails an artisan receives about their shop, and at which address.

Two kinds of message go to the artisan:

- the new order e-mail, sent when a customer places an order (checkout.placement);
- the daily reminder (shops.reminders): orders still waiting to be accepted, and the day's pickups
  and deliveries, sent at the hour the artisan chose, only when there is something to say.

Without settings saved, a shop keeps the marketplace's behaviour before this screen existed: the
new order e-mail to every account of the shop, no reminder. Another address receives the e-mails
only once its owner followed the link sent to it (``confirmation_token`` / ``confirm``): a mistyped
address never receives a shop's orders, and the accounts' addresses keep receiving them meanwhile.
"""

from __future__ import annotations

import hashlib

from django.core import signing
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CONFIRMATION_SALT = "shops.notification-address"
CONFIRMATION_MAX_AGE = 3 * 24 * 3600  # seconds
DEFAULT_REMINDER_HOUR = 7
# Paris time, as French people write it (« 7 h »).
REMINDER_HOURS = [(hour, f"{hour} h") for hour in range(5, 21)]


class NotificationRecipient(models.TextChoices):
    ACCOUNTS = "accounts", _("The e-mail address of my account")
    OTHER = "other", _("Another address")


class ShopNotificationSettings(models.Model):
    shop = models.OneToOneField(
        "shops.Shop", on_delete=models.CASCADE, primary_key=True, related_name="notification_settings", verbose_name=_("shop")
    )
    new_order_email = models.BooleanField(_("an e-mail for each new order"), default=True)
    reminder_email = models.BooleanField(_("a reminder e-mail each day"), default=False)
    reminder_hour = models.PositiveSmallIntegerField(_("reminder time"), choices=REMINDER_HOURS, default=DEFAULT_REMINDER_HOUR)
    recipient = models.CharField(_("send them to"), max_length=10, choices=NotificationRecipient.choices, default=NotificationRecipient.ACCOUNTS)
    other_email = models.EmailField(_("other address"), blank=True)
    other_email_confirmed_at = models.DateTimeField(_("other address confirmed"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("shop notification settings")
        verbose_name_plural = _("shop notification settings")

    def __str__(self) -> str:
        return f"{self.shop_id}"

    @property
    def other_email_confirmed(self) -> bool:
        return bool(self.other_email and self.other_email_confirmed_at)

    @property
    def uses_other_email(self) -> bool:
        return self.recipient == NotificationRecipient.OTHER and self.other_email_confirmed


def settings_of(shop) -> ShopNotificationSettings:
    """The shop's settings, or (unsaved) the defaults."""
    try:
        return shop.notification_settings
    except ShopNotificationSettings.DoesNotExist:
        return ShopNotificationSettings(shop=shop)


def account_addresses(shop) -> list[str]:
    return [email for email in shop.partner.users.order_by("pk").values_list("email", flat=True) if email]


def recipients(shop, *, settings: ShopNotificationSettings | None = None) -> list[str]:
    """Where the shop's e-mails go: the confirmed other address, else every account's address."""
    settings = settings or settings_of(shop)
    return [settings.other_email] if settings.uses_other_email else account_addresses(shop)


def new_order_recipients(shop) -> list[str]:
    settings = settings_of(shop)
    return recipients(shop, settings=settings) if settings.new_order_email else []


def reminder_recipients(shop) -> list[str]:
    settings = settings_of(shop)
    return recipients(shop, settings=settings) if settings.reminder_email else []


def confirmation_token(settings: ShopNotificationSettings) -> str:
    return signing.dumps({"shop": settings.shop_id, "email": settings.other_email}, salt=CONFIRMATION_SALT)


def confirm(shop, token: str) -> bool:
    """Mark the shop's other address as confirmed if ``token`` was sent to it (and is recent)."""
    try:
        data = signing.loads(token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE)
    except signing.BadSignature:
        return False
    if not isinstance(data, dict) or data.get("shop") != shop.pk:
        return False
    updated = ShopNotificationSettings.objects.filter(shop=shop, other_email=data.get("email") or "-", other_email_confirmed_at__isnull=True)
    updated.update(other_email_confirmed_at=timezone.now())
    return ShopNotificationSettings.objects.filter(shop=shop, other_email=data.get("email") or "-", other_email_confirmed_at__isnull=False).exists()


def save(settings: ShopNotificationSettings, *, previous_email: str, previous_recipient: str, resend: bool = False) -> bool:
    """Save the artisan's choices; True when a confirmation link was sent to the other address.

    A changed address is no longer confirmed. The link goes out when the other address is chosen and
    not confirmed yet: once when it is entered or chosen, again when the artisan asks."""
    from marketplace.notifications import queue_email
    from django.conf import settings as django_settings
    from django.urls import reverse

    if settings.other_email != previous_email:
        settings.other_email_confirmed_at = None
    settings.save()
    wants_other = settings.recipient == NotificationRecipient.OTHER and settings.other_email
    changed = settings.other_email != previous_email or settings.recipient != previous_recipient
    if not wants_other or settings.other_email_confirmed or not (changed or resend):
        return False
    token = confirmation_token(settings)
    queue_email(
        recipient=settings.other_email, template="shop_notification_address",
        context={
            "shop_name": settings.shop.name,
            "confirm_url": f"{django_settings.SITE_URL}{reverse('artisan:notifications-confirm')}?jeton={token}",
        },
        # A new link each time one is asked for (its signature holds the time).
        idempotency_key=f"shop-{settings.shop_id}-notification-address-{hashlib.sha256(token.encode()).hexdigest()[:32]}",
    )
    return True
