"""The marketplace checkout: choose each shop's fulfilment, review the totals, confirm once."""

from decimal import Decimal

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView, TemplateView, View

from payments.models import PaymentMethod
from shops.models import Shop

from . import drafts
from .forms import CheckoutForm
from .lifecycle import HANDED_OVER, pickup_qr_svg
from .offers import pickup_place, shop_offers
from .order.models import CheckoutGroup, CheckoutStatus, Fulfilment, OrderStatus
from .placement import PlacementRefused, lines_by_shop, place_checkout, plan_checkout, plans_digest


class CheckoutView(LoginRequiredMixin, TemplateView):
    template_name = "checkout/checkout.html"

    def groups(self):
        grouped = lines_by_shop(self.request.basket)
        shops = Shop.objects.select_related("partner", "commune", "click_and_collect", "local_delivery", "stripe_account").prefetch_related(
            "opening_periods", "closures"
        ).in_bulk(grouped)
        return [(shops[shop_id], lines) for shop_id, lines in grouped.items()]

    def get(self, request, *args, **kwargs):
        if request.basket.is_empty:
            return redirect("basket:summary")
        form = CheckoutForm(groups=self.groups(), now=timezone.now(), initial=drafts.load(request), customer=request.user)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        if request.basket.is_empty:
            return redirect("basket:summary")
        now = timezone.now()
        form = CheckoutForm(request.POST, groups=self.groups(), now=now, customer=request.user)
        # Kept whatever becomes of this submission: leaving and coming back finds it as it was typed.
        drafts.save(request, form)
        context = {"form": form}
        if form.is_valid():
            try:
                plans = plan_checkout(request.basket, form.choices(), form.address(), now)
                voucher, shares = self.voucher_shares(plans, now, context)
                online = sum(plan.total - shares.get(plan.shop.pk, Decimal("0.00")) for plan in plans if plan.choice.payment == PaymentMethod.CARD)
                grand_total = sum(plan.total for plan in plans)
                voucher_total = sum(shares.values(), Decimal("0.00"))
                digest = plans_digest(plans) + (f"-voucher-{voucher.pk}-{voucher_total}" if voucher else "")
                context.update(plans=plans, grand_total=grand_total, digest=digest, voucher=voucher, voucher_shares=shares,
                               voucher_total=voucher_total, online_total=online, on_site_total=grand_total - voucher_total - online)
                if "confirm" in request.POST:
                    if request.POST.get("reviewed") != context["digest"]:
                        # Something changed since the summary was shown: show the new one before placing.
                        context["problems"] = [_("Your order changed since the summary: check it, then confirm.")]
                    else:
                        group = place_checkout(
                            request.basket, request.user, request.user.email, form.choices(), form.address(),
                            form.cleaned_data["terms"], now=now, voucher=voucher,
                        )
                        if group.status == CheckoutStatus.AWAITING_PAYMENT:
                            return redirect("payment", number=group.number)
                        return redirect("marketplace-checkout-done", number=group.number)
            except PlacementRefused as refused:
                context["problems"] = refused.problems
        return self.render_to_response(self.get_context_data(**context))

    def voucher_shares(self, plans, now, context):
        """The gift voucher applied (typed or picked) and what it pays of each shop's order; a refusal
        is shown with the summary (the order can go on without the voucher)."""
        from vouchers import counter as voucher_throttle
        from vouchers.ledger import VoucherRefused
        from vouchers.spending import shares_for, voucher_for_checkout

        typed, picked = self.request.POST.get("voucher_code", "")[:200], self.request.POST.get("voucher_pick", "")[:20]
        context.update(voucher_code=typed, voucher_pick=picked)
        if not (typed.strip() or picked):
            return None, {}
        try:
            if typed.strip() and not picked and voucher_throttle.throttled(self.request):
                raise VoucherRefused(voucher_throttle.too_many_lookups_message())
            try:
                voucher = voucher_for_checkout(self.request.user, typed, picked)
            except VoucherRefused:
                voucher_throttle.count_failure(self.request)
                raise
            return voucher, shares_for(voucher, plans, timezone.localdate(now))
        except VoucherRefused as refused:
            context["voucher_problem"] = str(refused)
            return None, {}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        from vouchers.spending import spendable_vouchers

        context["my_vouchers"] = spendable_vouchers(self.request.user)
        offers = shop_offers(
            [(shop.pk, lines, sum((line.line_price_incl_tax_incl_discounts or Decimal("0.00") for line in lines), Decimal("0.00")))
             for shop, lines in form.groups],
            form.now, shops={shop.pk: shop for shop, _lines in form.groups}, full=form.full_slots,
        )
        context["shop_sections"] = [
            {"shop": shop, "lines": lines, "fields": form.shop_fields(shop), "groups": form.shop_field_groups(shop),
             "way": form.chosen_way(shop), "offer": offers.get(shop.pk), "collected_together": form.collected_together(shop),
             "serves_windows": " ".join(window.key for window in getattr(form, "collection_windows", []) if window.serves(shop.pk))}
            for shop, lines in form.groups
        ]
        context["together_field"] = form["together"] if "together" in form.fields else None
        context["together_window"] = form.chosen_window()
        context["delivery_chosen"] = any(section["way"] == Fulfilment.DELIVERY for section in context["shop_sections"])
        return context


class CheckoutDraftView(LoginRequiredMixin, View):
    """Keeps what the customer has typed or chosen so far (checkout/order/static/checkout/js/checkout.js
    sends it as it changes), so that leaving the checkout and coming back loses nothing."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not request.basket.is_empty:
            form = CheckoutForm(request.POST, groups=CheckoutView(request=request).groups(), now=timezone.now(), customer=request.user)
            drafts.save(request, form)
        return HttpResponse(status=204)


class CheckoutDoneView(LoginRequiredMixin, DetailView):
    """The confirmation: each shop's order, its pickup slot and code (with a QR code) or delivery."""

    template_name = "checkout/done.html"
    context_object_name = "checkout"

    def get_object(self, queryset=None):
        return get_object_or_404(CheckoutGroup.objects.filter(user=self.request.user), number=self.kwargs["number"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status != CheckoutStatus.CONFIRMED:
            # Not confirmed until the card payment succeeded: the payment page says where it stands.
            return redirect("payment", number=self.object.number)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        orders = self.object.orders.prefetch_related("lines").select_related("shipping_address").order_by("number")
        shops = Shop.objects.select_related("click_and_collect", "commune").in_bulk(
            {order.lines.all()[0].partner_id for order in orders if order.lines.all()}
        )
        context["orders"] = [
            (order, pickup_qr_svg(order) if shows_pickup_code(order) else "", pickup_place(shops.get(order.lines.all()[0].partner_id)))
            for order in orders
        ]
        from vouchers.spending import paid_by_voucher_of_orders

        from collection.confirmation import collections_of_orders

        context["collections"] = collections_of_orders([order for order, _qr, _place in context["orders"]])
        context["voucher_paid"] = paid_by_voucher_of_orders([order for order, _qr, _place in context["orders"]])
        context["voucher_total"] = sum(context["voucher_paid"].values(), Decimal("0.00"))
        context["on_site_total"] = self.object.total_incl_tax - (self.object.amount_online or Decimal("0.00")) - context["voucher_total"]
        return context


def shows_pickup_code(order) -> bool:
    """The pickup code (and its QR code) is shown until the order is collected, or cancelled."""
    return bool(order.pickup_code) and order.fulfilment in (Fulfilment.PICKUP, Fulfilment.POINT) and order.status not in {*HANDED_OVER, OrderStatus.CANCELLED}


class MyCheckoutsView(LoginRequiredMixin, ListView):
    """The customer's purchases, a checkout at a time, with each shop's order and status."""

    template_name = "checkout/my_checkouts.html"
    context_object_name = "checkouts"
    paginate_by = 10

    def get_queryset(self):
        return CheckoutGroup.objects.filter(user=self.request.user).prefetch_related("orders__lines")
