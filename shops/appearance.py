"""A storefront's look: the published appearance, the draft being tried, and the shop's pictures."""

from __future__ import annotations

from django.db import transaction

from .models import Shop

PREVIEW_PARAMETER = "apercu"
APPEARANCE_FIELDS = ("theme", "primary_colour", "accent_colour", "font_pair")


def save_draft(shop: Shop, appearance: dict) -> None:
    shop.appearance_draft = {name: appearance[name] for name in APPEARANCE_FIELDS}
    shop.save(update_fields=["appearance_draft", "updated_at"])


def discard_draft(shop: Shop) -> None:
    shop.appearance_draft = None
    shop.save(update_fields=["appearance_draft", "updated_at"])


def publish(shop: Shop, appearance: dict) -> None:
    for name in APPEARANCE_FIELDS:
        setattr(shop, name, appearance[name])
    shop.appearance_draft = None
    shop.save(update_fields=[*APPEARANCE_FIELDS, "appearance_draft", "updated_at"])


def with_draft_applied(shop: Shop) -> Shop:
    """The shop as its draft would show it; not saved."""
    for name, value in (shop.appearance_draft or {}).items():
        if name in APPEARANCE_FIELDS:
            setattr(shop, name, value)
    return shop


def replace_images(shop: Shop, logo=None, banner=None) -> None:
    """Store new pictures (already validated and cleaned), then make their web sizes in the background."""
    from catalogue.renditions import delete_image_and_renditions
    from catalogue.tasks import make_renditions
    from marketplace.outbox import enqueue_on_commit

    changed, replaced = [], []
    with transaction.atomic():
        for name, picture in (("logo", logo), ("banner", banner)):
            if picture is None:
                continue
            if getattr(shop, name):
                replaced.append(getattr(shop, name).name)
            getattr(shop, name).save(picture.name, picture, save=False)
            changed.append(name)
        if not changed:
            return
        shop.save(update_fields=[*changed, "updated_at"])
        for name in changed:
            path = getattr(shop, name).name
            enqueue_on_commit(make_renditions, path)
        # The old files go only once the new ones are recorded.
        for path in replaced:
            transaction.on_commit(lambda path=path: delete_image_and_renditions(path))
