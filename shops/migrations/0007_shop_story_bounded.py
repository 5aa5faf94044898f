"""A shop's story is bounded (50,000 characters of sanitised HTML, about 20 kB of text typed), by the
database too.

A longer story was accepted and served with every storefront: it is cut to the first 20,000
characters, sanitised again (tags cut open are closed or dropped), before the constraint is added.
"""

import django.core.validators
import django.db.models.functions.text
import django.db.models.lookups
from django.db import migrations, models
from django.db.models.functions import Length

from shops.richtext import sanitize_story

MAXIMUM_STORED = 50_000
KEPT_WHEN_CUT = 20_000


def cut_stories_too_long(apps, schema_editor):
    Shop = apps.get_model("shops", "Shop")
    too_long = Shop.objects.annotate(story_length=Length("story")).filter(story_length__gt=MAXIMUM_STORED)
    for pk, story in too_long.values_list("pk", "story").iterator():
        kept = KEPT_WHEN_CUT
        cut = sanitize_story(story[:kept])
        while len(cut) > MAXIMUM_STORED:  # escaping can lengthen what is kept
            kept //= 2
            cut = sanitize_story(story[:kept])
        Shop.objects.filter(pk=pk).update(story=cut)


class Migration(migrations.Migration):

    dependencies = [
        ('geography', '0001_initial'),
        ('partner', '0009_stockrecord_price_in_range'),
        ('shops', '0006_shop_catalogue_version'),
    ]

    operations = [
        migrations.RunPython(cut_stories_too_long, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name='shop',
            name='story',
            field=models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(50000)], verbose_name='story'),
        ),
        migrations.AddConstraint(
            model_name='shop',
            constraint=models.CheckConstraint(condition=django.db.models.lookups.LessThanOrEqual(django.db.models.functions.text.Length('story'), 50000), name='shop_story_bounded'),
        ),
    ]
