"""The artisan's payments page: card payments through Stripe Connect, payment on site, and what each
order brought them (gross, commission, net, payout)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from checkout.order.access import orders_of_shop
from shops.artisan_views import ArtisanShopMixin

from . import connect
from .commission import rate_for
from .gateway import PaymentUnavailable, card_payments_configured
from .methods import stripe_account_of
from .models import OrderSettlement

Order = get_model("order", "Order")


class OnSiteForm(forms.Form):
    accepts_payment_on_site = forms.BooleanField(
        label=gettext_lazy("Customers may pay on site, when they collect or receive their order (cash, card, cheque)"), required=False
    )


class ArtisanPaymentsView(ArtisanShopMixin, TemplateView):
    template_name = "payments/artisan/payments.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        account = stripe_account_of(self.shop)
        # The same rule as the order pages: the shop's own orders, and no line counted twice.
        settlements = OrderSettlement.objects.filter(order__in=orders_of_shop(Order.objects.all(), self.shop)).select_related("order").order_by("-order__date_placed")
        page = Paginator(settlements, 25).get_page(self.request.GET.get("page"))
        context.update(
            account=account,
            requirements=connect.requirement_labels(account.requirements_due) if account else [],
            card_configured=card_payments_configured(),
            rate=rate_for(self.shop, timezone.localdate()),
            on_site_form=kwargs.get("on_site_form") or OnSiteForm(initial={"accepts_payment_on_site": self.shop.accepts_payment_on_site}),
            page_obj=page, paginator=page.paginator,
            totals=settlements.order_by().aggregate(gross=Sum("gross"), refunded=Sum("refunded"), commission=Sum("commission"), transferred=Sum("transferred")),
        )
        return context

    def post(self, request, *args, **kwargs):
        if "connect" in request.POST:
            return start_onboarding(request, self.shop)
        form = OnSiteForm(request.POST)
        if form.is_valid():
            self.shop.accepts_payment_on_site = form.cleaned_data["accepts_payment_on_site"]
            self.shop.save(update_fields=["accepts_payment_on_site"])
            messages.success(request, _("Your payment settings are saved."))
            return redirect("artisan:payments")
        return self.render_to_response(self.get_context_data(on_site_form=form))


def start_onboarding(request, shop):
    """Create the account if needed and send the artisan to a fresh Stripe onboarding link."""
    try:
        account = connect.ensure_account(shop)
        url = connect.onboarding_link(
            account,
            refresh_url=request.build_absolute_uri(reverse("artisan:stripe-refresh")),
            return_url=request.build_absolute_uri(reverse("artisan:stripe-return")),
        )
    except PaymentUnavailable as unavailable:
        messages.error(request, str(unavailable))
        return redirect("artisan:payments")
    return redirect(url)


class StripeRefreshView(ArtisanShopMixin, View):
    """Stripe sends the artisan here when a link expired or was used: a new one is made."""

    def get(self, request, *args, **kwargs):
        if stripe_account_of(self.shop) is None:
            return redirect("artisan:payments")
        return start_onboarding(request, self.shop)


class StripeReturnView(ArtisanShopMixin, View):
    """Back from Stripe's onboarding: what Stripe now says of the account is what is shown."""

    def get(self, request, *args, **kwargs):
        account = stripe_account_of(self.shop)
        if account is not None:
            try:
                account = connect.sync_account(account.account_id)
            except PaymentUnavailable as unavailable:
                messages.warning(request, str(unavailable))
            else:
                if account.is_ready:
                    messages.success(request, _("Your Stripe account is ready: your customers can pay you by card."))
                else:
                    messages.info(request, _("Stripe still needs some information before you can take card payments."))
        return redirect("artisan:payments")
