from django.conf import settings
from oscar.apps.order.utils import *  # noqa: F401,F403
from oscar.apps.order.utils import OrderCreator as OscarOrderCreator
from oscar.core.loading import get_model

Line = get_model("order", "Line")
LinePrice = get_model("order", "LinePrice")


class OrderCreator(OscarOrderCreator):
    def create_shop_lines(self, order, basket_lines, partner) -> None:
        """Order lines for one shop's basket lines, in a fixed number of queries whatever their count.

        Stock is not allocated here: the checkout held it for every line at once, under lock.
        Lines with options or discounts take Oscar's own path, line by line.
        """
        simple = [line for line in basket_lines if not line.attributes.all() and not line.discount_value]
        for basket_line in basket_lines:
            if basket_line not in simple:
                self.create_line_models(order, basket_line)
        order_lines = Line.objects.bulk_create([self._line_for(order, basket_line, partner) for basket_line in simple])
        LinePrice.objects.bulk_create(
            [
                LinePrice(order=order, line=order_line, quantity=quantity, price_incl_tax=price_incl_tax,
                          price_excl_tax=price_excl_tax, tax_code=basket_line.tax_code)
                for order_line, basket_line in zip(order_lines, simple)
                for price_incl_tax, price_excl_tax, quantity in basket_line.get_price_breakdown()
            ]
        )

    @staticmethod
    def _line_for(order, basket_line, partner):
        # The same fields as Oscar's create_line_models, built in memory for one bulk insert.
        stockrecord, product = basket_line.stockrecord, basket_line.product
        return Line(
            order=order, partner=partner, partner_name=partner.name, partner_sku=stockrecord.partner_sku,
            stockrecord=stockrecord, product=product, title=product.get_title(), upc=product.upc,
            quantity=basket_line.quantity,
            line_price_excl_tax=basket_line.line_price_excl_tax_incl_discounts,
            line_price_incl_tax=basket_line.line_price_incl_tax_incl_discounts,
            line_price_before_discounts_excl_tax=basket_line.line_price_excl_tax,
            line_price_before_discounts_incl_tax=basket_line.line_price_incl_tax,
            unit_price_incl_tax=basket_line.unit_price_incl_tax, unit_price_excl_tax=basket_line.unit_price_excl_tax,
            tax_code=basket_line.tax_code, num_allocated=basket_line.quantity,
            status=getattr(settings, "OSCAR_INITIAL_LINE_STATUS", ""),
        )
