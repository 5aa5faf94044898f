from django.db import migrations, models


class Migration(migrations.Migration):
    """Orders and lines hold only the statuses the marketplace knows (checkout.order.models)."""

    dependencies = [
        ("order", "0023_checkout_payment"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="line",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["", "new", "cancelled"])), name="order_line_status_known"),
        ),
        migrations.AddConstraint(
            model_name="order",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["pending_payment", "new", "accepted", "ready", "out_for_delivery", "shipped", "collected", "delivered", "cancelled"])),
                name="order_status_known",
            ),
        ),
    ]
