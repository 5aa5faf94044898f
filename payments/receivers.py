from django.dispatch import receiver
from oscar.apps.order.signals import order_status_changed

from .payouts import schedule_on_status


@receiver(order_status_changed)
def release_money_on_fulfilment(sender, order, old_status, new_status, **kwargs):
    schedule_on_status(order, new_status)
