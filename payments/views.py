"""The customer's card payment of a checkout, and Stripe's webhook."""

from __future__ import annotations

import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from checkout.order.models import CheckoutGroup, CheckoutStatus

from . import card, events, gateway
from .gateway import InvalidEvent, PaymentUnavailable
from .models import PaymentAttempt

logger = logging.getLogger(__name__)



def posted_payment_method(request) -> str:
    """The Stripe PaymentMethod id the pay page's script posts as JSON ("" when there is none)."""
    try:
        return str(json.loads(request.body or b"{}").get("payment_method", ""))
    except (ValueError, AttributeError):
        return ""


def refusal_status(refused: PaymentUnavailable) -> int:
    """409 when there is nothing left to pay (paid, or too late), 402 when the card or Stripe refused."""
    return 409 if refused.code in ("paid", "expired") else 402


class CustomerCheckoutMixin(LoginRequiredMixin):
    def get_checkout(self) -> CheckoutGroup:
        return get_object_or_404(CheckoutGroup.objects.filter(user=self.request.user), number=self.kwargs["number"])


class PaymentView(CustomerCheckoutMixin, TemplateView):
    """The card form for a checkout's online part (Stripe.js), and its JSON endpoint."""

    template_name = "payments/pay.html"

    def get(self, request, *args, **kwargs):
        group = self.get_checkout()
        if group.status == CheckoutStatus.CONFIRMED:
            return redirect("marketplace-checkout-done", number=group.number)
        return self.render_to_response(self.get_context_data(checkout=group))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = context["checkout"]
        context.update(
            orders=group.orders.prefetch_related("lines").order_by("number"),
            expired=group.status == CheckoutStatus.ABANDONED,
            # The latest try's failure only: an older one no longer applies once the customer tried again.
            last_failure=group.payment_attempts.values_list("failure_message", flat=True).first(),
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
        )
        return context

    def post(self, request, *args, **kwargs):
        group = self.get_checkout()
        try:
            step = card.start_payment(group, posted_payment_method(request))
        except PaymentUnavailable as refused:
            return JsonResponse({"error": str(refused), "redirect": self._redirect_for(group, refused.code)}, status=refusal_status(refused))
        if step.paid:
            return JsonResponse({"redirect": reverse("marketplace-checkout-done", kwargs={"number": group.number})})
        return JsonResponse({"client_secret": step.client_secret, "redirect": reverse("payment-return", kwargs={"number": group.number})})

    @staticmethod
    def _redirect_for(group, code: str) -> str:
        if code == "paid":
            return reverse("marketplace-checkout-done", kwargs={"number": group.number})
        return ""


class PaymentReturnView(CustomerCheckoutMixin, View):
    """Where the browser lands after paying or authenticating: the server reads the payment's state."""

    def get(self, request, *args, **kwargs):
        group = self.get_checkout()
        attempts = group.payment_attempts.filter(intent_id__isnull=False).exclude(status__in=(PaymentAttempt.Status.CANCELED,))
        try:
            for attempt in attempts.exclude(status=PaymentAttempt.Status.SUCCEEDED):
                card.sync_intent(attempt.intent_id)
        except PaymentUnavailable as unavailable:
            messages.warning(request, str(unavailable))
        group.refresh_from_db()
        if group.status == CheckoutStatus.CONFIRMED:
            messages.success(request, _("Payment accepted: your orders are confirmed."))
            return redirect("marketplace-checkout-done", number=group.number)
        latest = group.payment_attempts.first()
        # A failure is shown by the payment page itself (its latest try's message), not flashed twice.
        if latest is not None and latest.status == PaymentAttempt.Status.PROCESSING:
            messages.info(request, _("Your bank is still processing the payment: this page will confirm your orders as soon as it answers."))
        return redirect("payment", number=group.number)


class AbandonPaymentView(CustomerCheckoutMixin, View):
    """The customer gives up paying: the held items are released and the basket comes back."""

    def post(self, request, *args, **kwargs):
        group = self.get_checkout()
        if card.abandon(group):
            messages.info(request, _("The order was not placed. Your basket is back, as it was."))
            return redirect("basket:summary")
        group.refresh_from_db()
        if group.status == CheckoutStatus.CONFIRMED:
            messages.info(request, _("This order had already been paid: it is confirmed."))
            return redirect("marketplace-checkout-done", number=group.number)
        messages.warning(request, _("The payment service cannot be reached just now: try again in a moment."))
        return redirect("payment", number=group.number)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Verify, store once, answer at once; a Celery task does the work after commit."""
    try:
        event = gateway.verify_event(request.body, request.headers.get("Stripe-Signature", ""))
    except InvalidEvent as invalid:
        logger.warning("Stripe webhook refused: %s", invalid)
        return HttpResponseBadRequest("invalid signature")
    if not event.get("id"):
        return HttpResponseBadRequest("no event id")
    stored, created = events.store(event)
    if created:
        from marketplace.outbox import enqueue_on_commit

        from .tasks import process_stripe_event

        enqueue_on_commit(process_stripe_event, stored.pk)
    return HttpResponse(status=200)

