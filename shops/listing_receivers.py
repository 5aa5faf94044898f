"""Every change that can complete a shop's essentials asks shops.listing whether it can now be listed,
whoever makes it (the artisan's pages, CSV imports, the admin, the chamber's approval)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from payments.models import StripeAccount

from .listing import list_shops_that_can_sell
from .models import ClickAndCollectOption, LocalDeliveryOption, OpeningPeriod, Shop
from .signals import products_changed_in_bulk

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")


@receiver(post_save, sender=Shop)
def shop_saved(sender, instance, raw=False, **kwargs):
    # Approval, reinstatement, payment on site switched on.
    if not raw and instance.listed_at is None:
        list_shops_that_can_sell([instance.pk])


@receiver(post_save, sender=OpeningPeriod)
@receiver(post_save, sender=ClickAndCollectOption)
@receiver(post_save, sender=LocalDeliveryOption)
@receiver(post_save, sender=StripeAccount)
def shop_part_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        list_shops_that_can_sell([instance.shop_id])


@receiver(post_save, sender=StockRecord)
def stock_record_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        list_shops_that_can_sell([instance.partner_id])


@receiver(post_save, sender=Product)
def product_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.is_public:
        list_shops_that_can_sell(StockRecord.objects.filter(product=instance).values_list("partner_id", flat=True))


@receiver(products_changed_in_bulk)
def products_changed(sender, product_ids, **kwargs):
    list_shops_that_can_sell(StockRecord.objects.filter(product_id__in=product_ids).values_list("partner_id", flat=True).distinct())
