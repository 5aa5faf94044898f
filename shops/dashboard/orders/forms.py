"""Oscar's order dashboard forms, with the statuses in words and the bulk step's own form.

Oscar's views load these through get_class("dashboard.orders.forms", ...): what is not defined here
comes from Oscar's module.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.dashboard.orders import forms as oscar_forms
from oscar.apps.dashboard.orders.forms import *  # noqa: F401,F403

from checkout.lifecycle import OrderStatus

# The steps a bulk action may take: collecting needs each order's own pickup code, so it is taken
# order by order (the lifecycle refuses it without one anyway).
BULK_STEPS = [OrderStatus.ACCEPTED, OrderStatus.READY, OrderStatus.OUT_FOR_DELIVERY, OrderStatus.SHIPPED,
              OrderStatus.DELIVERED, OrderStatus.CANCELLED]


class OrderSearchForm(oscar_forms.OrderSearchForm):
    status = forms.ChoiceField(choices=[("", "---------"), *OrderStatus.choices], label=_("Status"), required=False)


class BulkStepForm(forms.Form):
    """The list's "change status" action: one step for every selected order, each through the lifecycle."""

    new_status = forms.ChoiceField(label=_("New order status"), choices=[(status.value, status.label) for status in BULK_STEPS])
    reason = forms.CharField(label=_("Reason (sent to the customer)"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
