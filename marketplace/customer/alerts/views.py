from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404
from oscar.apps.customer.alerts.views import *  # noqa: F401,F403  (Oscar's views; the one below replaces theirs)
from oscar.apps.customer.alerts.views import Product
from oscar.apps.customer.alerts.views import ProductAlertCreateView as OscarProductAlertCreateView


class ProductAlertCreateView(LoginRequiredMixin, OscarProductAlertCreateView):
    """Stock alerts for signed-in customers only; a visitor is sent to log in, then back to the product.

    Oscar takes any e-mail address from a visitor, so anybody could have the site e-mail somebody else.
    """

    def handle_no_permission(self):
        product = get_object_or_404(Product, pk=self.kwargs["pk"])
        return redirect_to_login(product.get_absolute_url())
