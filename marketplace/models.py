from django.db import models
from django.utils.translation import gettext_lazy as _


class OutgoingEmailStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")


class OutgoingEmail(models.Model):
    """An e-mail the marketplace owes someone, kept until it is sent.

    The row is written in the transaction that decides to send it, and a Celery task sends it after
    commit; the idempotency key makes a second request for the same message a no-op, and the status
    makes a second delivery of the task a no-op.
    """

    idempotency_key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    recipient = models.EmailField(_("recipient"))
    template = models.CharField(_("template"), max_length=100)
    context = models.JSONField(_("context"), default=dict, blank=True)
    language = models.CharField(_("language"), max_length=10, default="fr")
    status = models.CharField(
        _("status"), max_length=10, choices=OutgoingEmailStatus.choices, default=OutgoingEmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [models.Index(fields=["status", "created_at"], name="outgoing_email_status")]

    def __str__(self) -> str:
        return f"{self.template} → {self.recipient} ({self.get_status_display()})"


class Label(models.Model):
    """A quality label the chamber grants to shops ("Maître artisan", "Fait maison", "Bio"…).

    Shown on storefronts and search results, and a search filter; products carry their shop's labels.
    """

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    shops = models.ManyToManyField("shops.Shop", related_name="labels", blank=True, verbose_name=_("shops"))

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
