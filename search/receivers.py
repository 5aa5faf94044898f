"""Changes that make search documents stale, whoever makes them (artisan pages, Oscar's dashboard,
the admin, CSV imports): each is queued, and one Celery task per committed transaction refreshes
them (search.indexing). Writers that bypass signals (queryset.update() on stock) call
search.indexing.schedule_products themselves.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from oscar.core.loading import get_model

from marketplace.models import Label, LabelGrant
from shops.fulfilment import ClickAndCollectOption, LocalDeliveryOption
from shops.models import Shop
from shops.signals import products_changed_in_bulk, stock_levels_changed

from .indexing import schedule_products, schedule_shops

Category = get_model("catalogue", "Category")
Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductCategory = get_model("catalogue", "ProductCategory")
ProductImage = get_model("catalogue", "ProductImage")
StockRecord = get_model("partner", "StockRecord")


@receiver([post_save, post_delete], sender=Product)
def product_changed(sender, instance, raw=False, **kwargs):
    # A variant is found through its parent's document: a variant changed (or deleted, when it no
    # longer leads to its parent) refreshes its parent's. A variant's stock record leads to the parent
    # through search.documents.product_entries.
    if not raw:
        schedule_products([instance.pk, instance.parent_id] if instance.parent_id else [instance.pk])


@receiver([post_save, post_delete], sender=StockRecord)
@receiver([post_save, post_delete], sender=ProductImage)
@receiver([post_save, post_delete], sender=ProductCategory)
def product_part_changed(sender, instance, raw=False, **kwargs):
    if not raw and instance.product_id:
        schedule_products([instance.product_id])


@receiver([post_save, post_delete], sender=Shop)
def shop_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_shops([instance.pk])


@receiver(post_save, sender=Partner)
def partner_renamed(sender, instance, created, raw=False, **kwargs):
    # The shop's name is its partner's: shop and product documents carry it.
    if not raw and not created:
        schedule_shops([instance.pk])


@receiver(post_save, sender=Category)
def category_renamed(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        schedule_products(ProductCategory.objects.filter(category=instance).values_list("product_id", flat=True))


@receiver([post_save, post_delete], sender=ClickAndCollectOption)
@receiver([post_save, post_delete], sender=LocalDeliveryOption)
def shop_option_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_shops([instance.shop_id])


@receiver([post_save, post_delete], sender=LabelGrant)
def label_granted_or_withdrawn(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_shops([instance.shop_id])


@receiver(post_save, sender=Label)
def label_renamed(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        schedule_shops(instance.shops.values_list("pk", flat=True))


@receiver(stock_levels_changed)
@receiver(products_changed_in_bulk)
def products_updated(sender, product_ids, **kwargs):
    schedule_products(product_ids)
