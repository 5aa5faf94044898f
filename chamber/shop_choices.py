"""How the chamber's menus name a shop: « Name — Town », so that two shops of the same name are told
apart. One label for every select of shops (features, campaigns…); the querysets given to these fields
fetch the partner (the name) and the commune (the town) with the shops."""

from __future__ import annotations

from django.db.models import QuerySet

from marketplace.choice_fields import IdChoiceField, IdMultipleChoiceField


def shop_label(shop) -> str:
    """« Fournil des Écrins — Briançon »."""
    return f"{shop.name} — {shop.commune.name}"


def for_choices(shops: QuerySet) -> QuerySet:
    """``shops`` with what their label reads, in one query, by name then town."""
    return shops.select_related("partner", "commune").order_by("partner__name", "commune__name", "pk")


class ShopChoiceField(IdChoiceField):
    def label_from_instance(self, shop) -> str:
        return shop_label(shop)


class ShopMultipleChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, shop) -> str:
        return shop_label(shop)
