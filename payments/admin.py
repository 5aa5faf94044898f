from django.contrib import admin

from .models import CommissionRule, LedgerEntry, OrderSettlement, PaymentAttempt, StripeAccount, StripeEvent


@admin.register(CommissionRule)
class CommissionRuleAdmin(admin.ModelAdmin):
    list_display = ("shop", "percent", "fixed", "starts_on", "ends_on", "reason")
    list_filter = ("starts_on",)
    search_fields = ("shop__partner__name", "reason")
    raw_id_fields = ("shop",)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Money records are written by the payment code only; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StripeAccount)
class StripeAccountAdmin(ReadOnlyAdmin):
    list_display = ("shop", "account_id", "charges_enabled", "payouts_enabled", "synced_at")


@admin.register(PaymentAttempt)
class PaymentAttemptAdmin(ReadOnlyAdmin):
    list_display = ("checkout", "intent_id", "amount_cents", "status", "created_at")
    list_filter = ("status",)


@admin.register(OrderSettlement)
class OrderSettlementAdmin(ReadOnlyAdmin):
    list_display = ("order", "payment_method", "gross", "refunded", "commission", "transferred", "payout_status")
    list_filter = ("payout_status", "payment_method")


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ("order", "kind", "status", "gross", "commission", "net", "stripe_id", "created_at")
    list_filter = ("kind", "status")


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ("event_id", "type", "object_id", "received_at", "processed_at", "attempts")
    list_filter = ("type",)
