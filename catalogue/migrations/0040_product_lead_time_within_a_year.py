"""A product's making time is a year at most, enforced by the database.

A longer one could not be planned (it overflowed the pickup slots' dates and the checkout answered
500 for every shop in the basket): it is brought down to the year before the constraint is added.
"""

import django.core.validators
from django.db import migrations, models

MAXIMUM_LEAD_DAYS = 365


def bring_making_times_within_a_year(apps, schema_editor):
    Product = apps.get_model("catalogue", "Product")
    Product.objects.filter(lead_time_days__gt=MAXIMUM_LEAD_DAYS).update(lead_time_days=MAXIMUM_LEAD_DAYS)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0039_product_moderation'),
    ]

    operations = [
        migrations.RunPython(bring_making_times_within_a_year, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='product',
            name='lead_time_days',
            field=models.PositiveSmallIntegerField(default=0, help_text='For products made to order: the days you need before it can be collected or delivered (365 at most).', validators=[django.core.validators.MaxValueValidator(365)], verbose_name='making time (days)'),
        ),
        migrations.AddConstraint(
            model_name='product',
            constraint=models.CheckConstraint(condition=models.Q(('lead_time_days__lte', 365)), name='product_lead_time_within_a_year'),
        ),
    ]
