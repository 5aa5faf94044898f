"""The product type every artisan product uses, so that artisans can create products on a new site."""

from django.db import migrations

NAME = "Produit artisanal"


def create_default_product_class(apps, schema_editor):
    ProductClass = apps.get_model("catalogue", "ProductClass")
    if not ProductClass.objects.filter(name=NAME).exists():
        ProductClass.objects.create(name=NAME, slug="produit-artisanal", requires_shipping=True, track_stock=True)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0037_product_import")]

    operations = [migrations.RunPython(create_default_product_class, migrations.RunPython.noop)]
