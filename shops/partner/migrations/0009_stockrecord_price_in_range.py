"""Stock record prices between 0,01 € and 100 000 €, enforced by the database.

A price outside these bounds was never a sale the marketplace could take (a price of -1 € made an
order of -3,00 €): such a price is removed before the constraint is added, which takes the product
off sale (a stock record without a price sells nothing) until its artisan gives it a real price.
"""

from decimal import Decimal

from django.db import migrations, models
from django.db.models import Q

MINIMUM_PRICE = Decimal("0.01")
MAXIMUM_PRICE = Decimal("100000.00")


def remove_prices_out_of_range(apps, schema_editor):
    StockRecord = apps.get_model("partner", "StockRecord")
    StockRecord.objects.filter(Q(price__lt=MINIMUM_PRICE) | Q(price__gt=MAXIMUM_PRICE)).update(price=None)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0039_product_moderation'),
        ('partner', '0008_stock_constraints'),
    ]

    operations = [
        migrations.RunPython(remove_prices_out_of_range, migrations.RunPython.noop, elidable=True),
        migrations.AddConstraint(
            model_name='stockrecord',
            constraint=models.CheckConstraint(condition=models.Q(('price__isnull', True), models.Q(('price__gte', Decimal('0.01')), ('price__lte', Decimal('100000.00'))), _connector='OR'), name='stockrecord_price_in_range'),
        ),
    ]
