from django.conf import settings
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
    """A quality label the chamber grants to shops ("Maître artisan", "Fait maison"…) after checking
    the evidence. Shown as badges on storefronts and cards, and a search filter; products carry
    their shop's labels."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    shops = models.ManyToManyField("shops.Shop", through="LabelGrant", related_name="labels", blank=True, verbose_name=_("shops"))

    class Meta:
        verbose_name = _("label")
        verbose_name_plural = _("labels")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LabelGrantQuerySet(models.QuerySet):
    def valid_on(self, day=None):
        """Grants in force on ``day`` (today): an expired label no longer shows or filters."""
        from django.utils import timezone

        day = day or timezone.localdate()
        return self.filter(models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=day))


class LabelGrant(models.Model):
    label = models.ForeignKey(Label, on_delete=models.CASCADE, related_name="grants", verbose_name=_("label"))
    shop = models.ForeignKey("shops.Shop", on_delete=models.CASCADE, related_name="label_grants", verbose_name=_("shop"))
    evidence = models.TextField(_("evidence"), blank=True, help_text=_("What was checked: certificate number, visit, document."))
    granted_on = models.DateField(_("granted on"), auto_now_add=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True, help_text=_("Blank: no expiry."))
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = LabelGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("label granted")
        verbose_name_plural = _("labels granted")
        constraints = [models.UniqueConstraint(fields=["label", "shop"], name="label_granted_once_per_shop")]

    def __str__(self) -> str:
        return f"{self.label} — {self.shop}"


class PendingTask(models.Model):
    """A Celery task that could not be published because the broker was away, kept until it is.

    marketplace/outbox.py writes it and publishes it again (beat, a worker starting, or
    ``manage.py flush_task_outbox``), deleting the row only once the broker took the task. The
    key is the task and its arguments: the same job kept twice runs once, which is all it needs,
    since every task reads the current state when it runs.
    """

    idempotency_key = models.CharField(_("idempotency key"), max_length=64, unique=True)
    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("task waiting for the broker")
        verbose_name_plural = _("tasks waiting for the broker")

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
