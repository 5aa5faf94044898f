"""The basket seen shop by shop: each shop's lines, subtotal, and whether it takes orders now."""

from dataclasses import dataclass, field
from decimal import Decimal

from django import template

from shops.models import Shop

register = template.Library()


@dataclass
class ShopGroup:
    shop: Shop | None
    forms: list = field(default_factory=list)  # (index in the formset, form)
    subtotal: Decimal = Decimal("0.00")

    @property
    def accepts_orders(self) -> bool:
        return self.shop is not None and self.shop.accepts_orders


@register.simple_tag
def basket_by_shop(formset) -> list[ShopGroup]:
    """Group the basket formset's forms by shop, in the order shops first appear; one query."""
    forms = list(enumerate(formset))
    partner_ids = {form.instance.stockrecord.partner_id for _index, form in forms if form.instance.stockrecord_id}
    shops = Shop.objects.with_card_details().in_bulk(partner_ids)
    groups: dict[int | None, ShopGroup] = {}
    for index, form in forms:
        line = form.instance
        partner_id = line.stockrecord.partner_id if line.stockrecord_id else None
        group = groups.setdefault(partner_id, ShopGroup(shops.get(partner_id)))
        group.forms.append((index, form))
        group.subtotal += line.line_price_incl_tax_incl_discounts or Decimal("0.00")
    return list(groups.values())
