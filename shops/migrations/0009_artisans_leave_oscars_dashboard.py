from django.db import migrations


def take_back_dashboard_access(apps, schema_editor):
    """Artisans work in /espace-artisan/: the group no longer opens Oscar's dashboard."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="partner", codename="dashboard_access").first()
    group = Group.objects.filter(name="Artisans").first()
    if permission is not None and group is not None:
        group.permissions.remove(permission)
        # Given one by one to some accounts by hand, it goes too, except for the staff.
        permission.user_set.through.objects.filter(permission=permission, user__is_staff=False).delete()


def give_back_dashboard_access(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label="partner", codename="dashboard_access").first()
    group = Group.objects.filter(name="Artisans").first()
    if permission is not None and group is not None:
        group.permissions.add(permission)


class Migration(migrations.Migration):

    dependencies = [
        ("shops", "0008_shop_listed_at"),
        ("partner", "0009_stockrecord_price_in_range"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(take_back_dashboard_access, give_back_dashboard_access)]
