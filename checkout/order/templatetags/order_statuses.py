"""Statuses in words in templates, for the places that hold a bare code (e.g. Oscar's status changes)."""

from django import template

from checkout.order.models import status_label as order_status_label

register = template.Library()


@register.filter
def status_label(code: str) -> str:
    """``{{ change.new_status|status_label }}``: "Retirée" rather than "collected"."""
    return order_status_label(code)
