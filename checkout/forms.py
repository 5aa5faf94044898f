"""The checkout form: for each shop of the basket, how the customer gets its part; one address."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from payments.methods import accepted_methods
from payments.models import PaymentMethod
from shops.forms import ShopPlaceMixin
from .offers import clock, full_slots, offered_pickup_slots
from .order.models import DeliveryWindow, Fulfilment
from .placement import DeliveryAddress, ShopChoice, lead_days_of

MAX_SLOTS_PER_DAY = 48
ADDRESS_FIELDS = ("first_name", "last_name", "line1", "postcode", "commune_name", "phone")
# Which of a shop's fields apply to which way of getting its items; the others are ignored.
APPLIES_TO = {"slot": Fulfilment.PICKUP, "date": Fulfilment.DELIVERY, "window": Fulfilment.DELIVERY}
PAYMENT_LABELS = {
    PaymentMethod.CARD: _("By card now (one payment for all the shops paid by card)"),
    PaymentMethod.ON_SITE: _("On site, when you collect or receive the order"),
}


def _by_day(slots) -> list[list]:
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localtime(slot.starts_at).date(), []).append(slot)
    return list(days.values())


def window_label(window) -> str:
    """« Marché de Gap — samedi 5 décembre, 9 h–12 h (Fournil des Écrins, Fromagerie…) »."""
    from collection.words import window_words

    return f"{window.point.name} — {window_words(window.occurrence)} ({', '.join(shop.name for shop in window.serving)})"


class CheckoutForm(ShopPlaceMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100, required=False)
    line1 = forms.CharField(label=_("Address"), max_length=200, required=False)
    postcode = forms.CharField(label=_("Postcode"), max_length=5, required=False)
    commune_name = forms.CharField(label=_("Commune"), max_length=100, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    terms = forms.BooleanField(label=_("I accept the terms of sale of each shop"), required=False)

    def __init__(self, *args, groups, now: datetime.datetime, customer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = groups  # [(shop, lines)]
        self.now = now
        self.full_slots = full_slots([shop for shop, _lines in groups], now)
        self._add_together_field(customer)
        for shop, lines in groups:
            self._add_shop_fields(shop, lines, now)

    def _add_together_field(self, customer) -> None:
        """« Tout retirer au même endroit »: one collection window for every shop that brings its part
        there (collection.selection); the others keep their own way, and the page says which."""
        from collection.selection import basket_windows

        self.collection_windows = [window for window in basket_windows(self.groups, self.now, customer) if not window.is_full]
        if not self.collection_windows:
            return
        self.fields["together"] = forms.ChoiceField(
            label=_("Collect everything at the same place?"), required=False, widget=forms.RadioSelect,
            choices=[("", _("No, each shop its own way"))] + [(window.key, window_label(window)) for window in self.collection_windows],
        )

    def chosen_window(self):
        """The collection window chosen for the basket (in the data, or the initial values), or None."""
        if "together" not in self.fields:
            return None
        value = self.data.get("together") if self.is_bound else self.initial.get("together")
        return next((window for window in self.collection_windows if window.key == value), None)

    def collected_together(self, shop) -> bool:
        window = self.chosen_window()
        return window is not None and window.serves(shop.pk)

    def _add_shop_fields(self, shop, lines, now) -> None:
        prefix = f"shop_{shop.pk}"
        ways = []
        collect = getattr(shop, "click_and_collect", None)
        delivery = getattr(shop, "local_delivery", None)
        if collect and collect.is_active:
            ways.append((Fulfilment.PICKUP, Fulfilment.PICKUP.label))
            offered = offered_pickup_slots(shop, lines, now, self.full_slots.get(shop.pk, set()))
            self.fields[f"{prefix}_slot"] = forms.ChoiceField(
                label=_("Pickup slot (if you collect)"), required=False,
                choices=[("", _("Choose a slot"))] + [
                    (formats.date_format(timezone.localtime(day_slots[0].starts_at), "l j F"), [
                        (slot.starts_at.isoformat(), clock(timezone.localtime(slot.starts_at).time()))
                        for slot in day_slots[:MAX_SLOTS_PER_DAY]
                    ])
                    for day_slots in _by_day(offered)
                ],
            )
        if delivery and delivery.is_active:
            ways.append((Fulfilment.DELIVERY, Fulfilment.DELIVERY.label))
            self.fields[f"{prefix}_date"] = forms.ChoiceField(
                label=_("Delivery day (if delivered)"), required=False,
                choices=[("", _("Choose a day"))] + [
                    (day.isoformat(), formats.date_format(day, "l j F"))
                    for day in delivery.delivery_dates(now, count=10, lead_days=lead_days_of(lines), closures=list(shop.closures.all()))
                ],
            )
            self.fields[f"{prefix}_window"] = forms.ChoiceField(
                label=_("Delivery half-day (if delivered)"), required=False,
                choices=[(value, label) for value, label in DeliveryWindow.choices
                         if (value == DeliveryWindow.MORNING and delivery.morning_window) or (value == DeliveryWindow.AFTERNOON and delivery.afternoon_window)],
            )
        self.fields[f"{prefix}_fulfilment"] = forms.ChoiceField(
            label=_("How do you get this shop's items?"), choices=ways, widget=forms.RadioSelect,
            initial=ways[0][0] if len(ways) == 1 else None, required=bool(ways),
        )
        methods = accepted_methods(shop)
        self.fields[f"{prefix}_payment"] = forms.ChoiceField(
            label=_("How do you pay this shop?"), widget=forms.RadioSelect, required=bool(methods),
            choices=[(method, PAYMENT_LABELS[method]) for method in methods], initial=methods[0] if methods else None,
        )

    def shop_fields(self, shop) -> list:
        prefix = f"shop_{shop.pk}_"
        return [self[name] for name in self.fields if name.startswith(prefix)]

    def shop_field_groups(self, shop) -> dict:
        """A shop's fields by what they are for: the choice, the pickup's, the delivery's, the payment's."""
        prefix = f"shop_{shop.pk}_"
        named = {name[len(prefix):]: self[name] for name in self.fields if name.startswith(prefix)}
        return {
            "fulfilment": named.get("fulfilment"),
            "pickup": [named[key] for key in ("slot",) if key in named],
            "delivery": [named[key] for key in ("date", "window") if key in named],
            "payment": named.get("payment"),
        }

    def chosen_way(self, shop) -> str:
        """The way chosen for ``shop`` in the data (or the initial values): pickup, delivery or ""."""
        name = f"shop_{shop.pk}_fulfilment"
        value = self.data.get(name) if self.is_bound else self.initial.get(name, self.fields[name].initial)
        return value if value in {choice for choice, _label in self.fields[name].choices} else ""

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        # What does not apply to the way chosen is ignored, whatever it holds (a slot left from a
        # first choice, a day no longer offered): neither refused nor kept.
        delivery_chosen = False
        for shop, _lines in self.groups:
            if self.collected_together(shop):
                # Collected at the point chosen for the basket: its own way's fields do not apply.
                for key in ("fulfilment", *APPLIES_TO):
                    self._errors.pop(f"shop_{shop.pk}_{key}", None)
                continue
            way = self.chosen_way(shop)
            delivery_chosen |= way == Fulfilment.DELIVERY
            for key, applies_to in APPLIES_TO.items():
                name = f"shop_{shop.pk}_{key}"
                if name in self.fields and way != applies_to:
                    self._errors.pop(name, None)
                    self.cleaned_data.pop(name, None)
        if not delivery_chosen:
            for name in ADDRESS_FIELDS:
                self._errors.pop(name, None)

    def clean(self):
        cleaned = super().clean()
        needs_address = False
        for shop, _lines in self.groups:
            prefix = f"shop_{shop.pk}"
            way = cleaned.get(f"{prefix}_fulfilment")
            if self.collected_together(shop):
                continue
            if way == Fulfilment.PICKUP and not cleaned.get(f"{prefix}_slot"):
                self.add_error(f"{prefix}_slot", _("Choose a pickup slot."))
            if way == Fulfilment.DELIVERY:
                needs_address = True
                if not cleaned.get(f"{prefix}_date"):
                    self.add_error(f"{prefix}_date", _("Choose a delivery day."))
        if needs_address:
            for name in ("first_name", "last_name", "line1", "postcode", "commune_name"):
                if not cleaned.get(name):
                    self.add_error(name, _("Needed for the delivery."))
            if cleaned.get("postcode") and not (cleaned["postcode"].isascii() and cleaned["postcode"].isdigit() and len(cleaned["postcode"]) == 5):
                self.add_error("postcode", _("A French postcode has five digits, for example 05000."))
            elif not self.errors:
                self.clean_commune_from_postcode(cleaned)
        self.needs_address = needs_address
        return cleaned

    def choices(self) -> dict[int, ShopChoice]:
        chosen = {}
        window = self.chosen_window()
        for shop, _lines in self.groups:
            prefix = f"shop_{shop.pk}"
            if window is not None and window.serves(shop.pk):
                chosen[shop.pk] = ShopChoice(fulfilment=Fulfilment.POINT, collection_window=window.key,
                                             payment=self.cleaned_data.get(f"{prefix}_payment") or "")
                continue
            way = self.cleaned_data.get(f"{prefix}_fulfilment")
            if not way:
                continue
            slot = self.cleaned_data.get(f"{prefix}_slot")
            day = self.cleaned_data.get(f"{prefix}_date")
            chosen[shop.pk] = ShopChoice(
                fulfilment=way,
                pickup_starts_at=datetime.datetime.fromisoformat(slot) if way == Fulfilment.PICKUP and slot else None,
                delivery_date=datetime.date.fromisoformat(day) if way == Fulfilment.DELIVERY and day else None,
                delivery_window=self.cleaned_data.get(f"{prefix}_window", "") if way == Fulfilment.DELIVERY else "",
                payment=self.cleaned_data.get(f"{prefix}_payment") or "",
            )
        return chosen

    def address(self) -> DeliveryAddress | None:
        if not self.needs_address:
            return None
        data = self.cleaned_data
        return DeliveryAddress(data["first_name"], data["last_name"], data["line1"], data["postcode"], data.get("commune"), data["phone"])
