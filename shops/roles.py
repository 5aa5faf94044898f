"""The groups that give artisans and the chamber's staff their rights."""

from django.contrib.auth.models import Group, Permission

ARTISAN_GROUP = "Artisans"
CHAMBER_GROUP = "Chambre des métiers"

# No permission of Oscar's: artisans work in /espace-artisan/, never in Oscar's dashboard
# (migration shops 0009 took back the "dashboard_access" the group used to carry).
ARTISAN_PERMISSIONS: list[tuple[str, str]] = []
CHAMBER_PERMISSIONS = [("shops", "review_shop")]


def _group_with(name: str, permissions: list[tuple[str, str]]) -> Group:
    group, _created = Group.objects.get_or_create(name=name)
    for app_label, codename in permissions:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    return group


def artisan_group() -> Group:
    return _group_with(ARTISAN_GROUP, ARTISAN_PERMISSIONS)


def chamber_group() -> Group:
    return _group_with(CHAMBER_GROUP, CHAMBER_PERMISSIONS)


def runs_a_shop(user) -> bool:
    from .models import Shop

    return user.is_authenticated and Shop.objects.for_user(user).exists()


def can_review_shops(user) -> bool:
    return user.is_authenticated and user.has_perm("shops.review_shop")


def dashboard_access(user, url_name, url_args=None, url_kwargs=None) -> bool:
    """Oscar's dashboard menu rule, extended to the chamber's back-office."""
    if url_name and url_name.startswith("chamber:"):
        return can_review_shops(user)
    from oscar.apps.dashboard.nav import default_access_fn

    return default_access_fn(user, url_name, url_args, url_kwargs)
