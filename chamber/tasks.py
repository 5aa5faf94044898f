import datetime

from celery import shared_task
from django.utils import timezone

from marketplace.models import LabelGrant


@shared_task(acks_late=True)
def refresh_shops_with_expired_labels() -> int:
    """Each night: the shops whose label expired yesterday leave that label's search filter."""
    from search.indexing import schedule_shops

    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    shop_ids = list(LabelGrant.objects.filter(expires_on=yesterday).values_list("shop_id", flat=True))
    schedule_shops(shop_ids)
    return len(shop_ids)
