"""The public pages of the gift vouchers (the programmes on sale, buying one, paying by card) and the
customer's own vouchers (/mes-bons/: balances, history, printable voucher, withdrawal)."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.db.models import Prefetch, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from payments import gateway
from payments.gateway import PaymentUnavailable
from payments.views import posted_payment_method, refusal_status
from shops.models import Shop

from . import codes, funder_access, ledger, purchase, reports, selling, throttle
from .purchase_forms import CodeForm, PurchaseForm
from .ledger import VoucherRefused
from .models import Movement, Participation, Programme, ProgrammeStatus, Voucher, VoucherStatus, prefetch_restrictions

logger = logging.getLogger(__name__)


def programmes_on_sale(today):
    return Programme.objects.filter(status=ProgrammeStatus.PUBLISHED, sale_starts_on__lte=today, sale_ends_on__gte=today)


def with_shops(programmes):
    """The programmes with their participating public shops (and towns) in two more queries."""
    participations = (Participation.objects.filter(excluded_by_chamber=False, shop__in=Shop.objects.visible())
                      .select_related("shop__commune", "shop__partner").order_by("shop__commune__name", "shop__partner__name"))
    return programmes.prefetch_related(Prefetch("participations", queryset=participations, to_attr="open_participations"))


def map_points(programmes) -> list[dict]:
    seen, points = set(), []
    for programme in programmes:
        for participation in programme.open_participations:
            shop = participation.shop
            if shop.pk in seen:
                continue
            seen.add(shop.pk)
            points.append({"name": shop.name, "url": shop.get_absolute_url(), "latitude": shop.latitude, "longitude": shop.longitude,
                           "place": shop.commune.name if shop.commune_id else "", "products": []})
    return points


def card_refusal() -> str:
    """Vouchers are paid by card: without card payments, none is sold (rather than a voucher left
    waiting for a payment that cannot be made, its bonus held meanwhile)."""
    if gateway.card_payments_configured():
        return ""
    if settings.DEBUG:
        return _("Vouchers are paid by card, and card payments are not set up here. In the demo, run « make demo » (not make demo-offline) to buy one with a test card.")
    return _("Vouchers are paid by card, and card payments are not available at the moment: come back later.")


class ProgrammeListView(TemplateView):
    template_name = "vouchers/programme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programmes = list(with_shops(programmes_on_sale(timezone.localdate())))
        context.update(programmes=programmes, map_data={"points": map_points(programmes)},
                       map_tiles={"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION})
        return context


class ProgrammeView(TemplateView):
    """The programme's terms, where it is spendable, and the purchase form (login to buy)."""

    template_name = "vouchers/programme_detail.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_object_or_404(with_shops(Programme.objects.filter(status=ProgrammeStatus.PUBLISHED)), slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.programme
        prefetch_restrictions(programme)
        today = timezone.localdate()
        fixed = sorted(Decimal(str(value)) for value in programme.fixed_values)
        context.update(
            programme=programme,
            sale_refusal=selling.sale_refusal(programme, today) or card_refusal(),
            quotes=[selling.quote(programme, value) for value in fixed],
            budget_spent=programme.bonus_percent > 0 and programme.bonus_left <= 0,
            form=kwargs.get("form") or PurchaseForm(programme=programme),
            map_data={"points": map_points([programme])},
            map_tiles={"url": settings.MAP_TILES_URL, "attribution": settings.MAP_TILES_ATTRIBUTION},
        )
        context["budget_spent"] = context["budget_spent"] or any(quote.budget_spent for quote in context["quotes"])
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        form = PurchaseForm(request.POST, programme=self.programme)
        if card_refusal():
            form.add_error(None, card_refusal())
            return self.render_to_response(self.get_context_data(form=form), status=400)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            voucher = selling.start_purchase(
                self.programme, request.user, data["face_value"], recipient_name=data["recipient_name"],
                recipient_email=data["recipient_email"], message=data["message"], deliver_on=data["deliver_on"],
            )
        except VoucherRefused as refused:
            form.add_error(None, str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        return redirect("vouchers:pay", pk=voucher.pk)


class BuyerVoucherMixin(LoginRequiredMixin):
    def get_voucher(self) -> Voucher:
        return get_object_or_404(Voucher.objects.select_related("programme").filter(buyer=self.request.user), pk=self.kwargs["pk"])


class PayView(BuyerVoucherMixin, TemplateView):
    """The card form for a voucher (Stripe.js, the checkout's pay.js), and its JSON endpoint."""

    template_name = "vouchers/pay.html"

    def get(self, request, *args, **kwargs):
        voucher = self.get_voucher()
        if voucher.status == VoucherStatus.ACTIVE:
            return redirect("vouchers:mine")
        return self.render_to_response(self.get_context_data(voucher=voucher))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voucher = context["voucher"]
        context.update(
            expired=voucher.status != VoucherStatus.PENDING_PAYMENT,
            bonus_lost=not voucher.bonus and selling.bonus_for(voucher.programme, voucher.face_value) > 0,
            total=voucher.face_value + voucher.bonus,
            stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
            stripe_js_url=settings.STRIPE_JS_URL,
            card_payments=gateway.card_payments_configured(),
        )
        return context

    def post(self, request, *args, **kwargs):
        voucher = self.get_voucher()
        try:
            step = purchase.start_card_payment(voucher, posted_payment_method(request))
        except PaymentUnavailable as refused:
            answer = {"error": str(refused), "redirect": reverse("vouchers:mine") if refused.code == "paid" else ""}
            return JsonResponse(answer, status=refusal_status(refused))
        if step.paid:
            messages.success(request, _("Payment accepted: your voucher is ready."))
            return JsonResponse({"redirect": reverse("vouchers:mine")})
        return JsonResponse({"client_secret": step.client_secret, "redirect": reverse("vouchers:return", kwargs={"pk": voucher.pk})})


class PayReturnView(BuyerVoucherMixin, View):
    """After 3-D Secure: the server reads the payment from Stripe."""

    def get(self, request, *args, **kwargs):
        voucher = self.get_voucher()
        if voucher.payment_intent_id and voucher.status == VoucherStatus.PENDING_PAYMENT:
            try:
                purchase.sync_intent(voucher.payment_intent_id)
            except PaymentUnavailable as unavailable:
                messages.warning(request, str(unavailable))
            voucher.refresh_from_db()
        if voucher.status == VoucherStatus.ACTIVE:
            messages.success(request, _("Payment accepted: your voucher is ready."))
            return redirect("vouchers:mine")
        messages.warning(request, _("The payment was not completed: nothing was charged. You may try again."))
        return redirect("vouchers:pay", pk=voucher.pk)


class MyVouchersView(LoginRequiredMixin, TemplateView):
    template_name = "vouchers/mine.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        now = timezone.now()
        movements = Movement.objects.select_related("shop__partner").order_by("created_at", "pk")
        vouchers = list(
            Voucher.objects.filter(Q(pk__in=Voucher.objects.for_user(user).values("pk")) | Q(buyer=user))
            .exclude(status=VoucherStatus.CANCELLED)
            .select_related("programme", "holder").with_balance()
            .prefetch_related(Prefetch("movements", queryset=movements, to_attr="history"))
            .order_by("-created_at", "-pk")
        )
        for voucher in vouchers:
            voucher.offered = voucher.buyer_id == user.pk and voucher.holder_id != user.pk and bool(voucher.recipient_email)
            voucher.can_withdraw = (voucher.buyer_id == user.pk and voucher.status == VoucherStatus.ACTIVE and voucher.paid_at is not None
                                    and now <= voucher.paid_at + ledger_withdrawal_delay()
                                    and not any(movement.kind == "redemption" for movement in voucher.history))
        context.update(vouchers=vouchers, code_form=kwargs.get("code_form") or CodeForm())
        return context


def ledger_withdrawal_delay():
    return datetime.timedelta(days=ledger.WITHDRAWAL_DAYS)


def qr_svg(voucher: Voucher) -> str:
    # A viewBox rather than a fixed size, so that the stylesheet sizes it (on screen and on paper).
    return segno.make(codes.qr_payload(voucher.code), error="m").svg_inline(
        scale=5, border=2, dark="#1f1a17", omitsize=True, title=_("QR code of the voucher"))


def printable_context(voucher: Voucher) -> dict:
    prefetch_restrictions(voucher.programme)
    return {"voucher": voucher, "qr": qr_svg(voucher), "balance": voucher.balance(), "total": voucher.face_value + voucher.bonus}


class PrintView(LoginRequiredMixin, TemplateView):
    """The printable voucher: only its holder or its buyer (another account: 404)."""

    template_name = "vouchers/print.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        voucher = (Voucher.objects.select_related("programme").filter(Q(holder=user) | Q(buyer=user), code=kwargs["code"])
                   .exclude(status__in=[VoucherStatus.PENDING_PAYMENT, VoucherStatus.CANCELLED]).first())
        if voucher is None:
            raise Http404
        context.update(printable_context(voucher))
        return context


class GiftView(TemplateView):
    """A gift's recipient opens the voucher through the signed link of their e-mail, and may attach it
    to their account (throttled)."""

    template_name = "vouchers/print.html"

    def get_voucher(self) -> Voucher:
        voucher = purchase.voucher_from_token(self.kwargs["token"])
        if voucher is None or voucher.status in (VoucherStatus.PENDING_PAYMENT, VoucherStatus.CANCELLED):
            raise Http404
        return voucher

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voucher = self.get_voucher()
        context.update(printable_context(voucher), gift_token=self.kwargs["token"], claimable=voucher.holder_id is None)
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not throttle.attempt(request, "claim"):
            return throttle.refused_response(request)
        voucher = self.get_voucher()
        if purchase.claim(voucher, request.user):
            messages.success(request, _("The voucher is in your account."))
            return redirect("vouchers:mine")
        messages.error(request, _("This voucher is already in another account."))
        return redirect("vouchers:gift", token=self.kwargs["token"])


class AddCodeView(LoginRequiredMixin, View):
    """A voucher received on paper: its code typed attaches it to the account, if nobody holds it yet."""

    def post(self, request, *args, **kwargs):
        if not throttle.attempt(request, "code"):
            return throttle.refused_response(request)
        form = CodeForm(request.POST)
        if form.is_valid():
            voucher = (Voucher.objects.filter(code=form.cleaned_data["code"], holder__isnull=True)
                       .exclude(status__in=[VoucherStatus.PENDING_PAYMENT, VoucherStatus.CANCELLED]).first())
            if voucher is not None and purchase.claim(voucher, request.user):
                messages.success(request, _("The voucher is in your account."))
                return redirect("vouchers:mine")
            form.add_error("code", _("No voucher to add has this code: check it, or it is already in an account."))
        view = MyVouchersView()
        view.setup(request)
        return view.render_to_response(view.get_context_data(code_form=form), status=400)


class WithdrawView(LoginRequiredMixin, TemplateView):
    """Withdrawal within 14 days of an unused voucher bought online: a confirmation, then the refund."""

    template_name = "vouchers/withdraw.html"

    def get_voucher(self) -> Voucher:
        return get_object_or_404(Voucher.objects.select_related("programme").filter(buyer=self.request.user), code=self.kwargs["code"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        voucher = self.get_voucher()
        context.update(voucher=voucher, refusal=ledger.withdrawal_refusal(voucher, timezone.now()))
        return context

    def post(self, request, *args, **kwargs):
        voucher = self.get_voucher()
        try:
            purchase.withdraw(voucher, request.user)
        except VoucherRefused as refused:
            messages.error(request, str(refused))
            return redirect("vouchers:mine")
        messages.success(request, _("The voucher is withdrawn: %(amount)s will be refunded to your card within a few days.")
                         % {"amount": ledger.euros(voucher.face_value)})
        return redirect("vouchers:mine")


class FunderReportMixin:
    """The programme's reports through the funder's link (vouchers.funder_access): a forged or revoked
    link is a 404, and the pages are kept out of search engines and of other sites' referrers."""

    def dispatch(self, request, *args, **kwargs):
        self.access = funder_access.access_from_token(kwargs["token"])
        if self.access is None:
            raise Http404("No such link")
        response = super().dispatch(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        response["Referrer-Policy"] = "no-referrer"
        response["Cache-Control"] = "private, no-store"
        return response


class FunderReportView(FunderReportMixin, TemplateView):
    template_name = "vouchers/funder_report.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        funder_access.opened(self.access)
        token = kwargs["token"]
        context.update(reports.report_context(self.access.programme, self.request.GET.get("mois", "")))
        context.update(movements_csv_url=reverse("vouchers:funder-movements", kwargs={"token": token}),
                       statement_csv_url=reverse("vouchers:funder-statement", kwargs={"token": token}))
        return context


class FunderStatementCsvView(FunderReportMixin, View):
    def get(self, request, *args, **kwargs):
        from .chamber_views import statement_csv

        return statement_csv(self.access.programme, request)


class FunderMovementsCsvView(FunderReportMixin, View):
    def get(self, request, *args, **kwargs):
        from .chamber_views import movements_csv

        return movements_csv(self.access.programme)
