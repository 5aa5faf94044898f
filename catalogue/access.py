"""Which products a back-office user may see, change or point to: every product for the chamber's
staff, the products their shops sell for an artisan.

The rule is Oscar's own for its dashboard's product list and product pages
(``partner_product_visibility_q``: a stock record of one of the user's partners, on the product or,
for a parent, on one of its variants); the product lookup and the products a product recommends
go through here too, so that no shop can find or attach a competitor's product.
"""

from oscar.core.loading import get_class, get_model

Product = get_model("catalogue", "Product")
partner_product_visibility_q = get_class("dashboard.catalogue.utils", "partner_product_visibility_q")


def products_of_user(products, user):
    """``products`` narrowed to those ``user`` runs (all of them for staff), without duplicates."""
    if user.is_staff:
        return products
    if not user.is_authenticated:
        return products.none()
    # A subquery rather than the join itself: a product stocked twice by the shop stays one row.
    return products.filter(pk__in=Product.objects.filter(partner_product_visibility_q(user)).values("pk"))
