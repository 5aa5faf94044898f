"""« Payé par bon d'achat » on an order's pages: ``{{ order|paid_by_voucher }}`` (one query)."""

from django import template

from vouchers.spending import paid_by_voucher as _paid_by_voucher

register = template.Library()


@register.filter
def paid_by_voucher(order):
    return _paid_by_voucher(order)
