"""Oscar's order dashboard, limited for artisans to orders whose every line is theirs.

Oscar lets a partner's user open any order that has one of their lines, and any line of such an
order (LineDetailView has no partner filter). The marketplace places one order per shop, so an
artisan's orders are wholly theirs; these views enforce it for whatever reaches the database.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from checkout.order.access import orders_of_user
from marketplace.csv_export import csv_response

Order = get_model("order", "Order")


def queryset_orders_for_user(user):
    return orders_of_user(oscar_views.queryset_orders_for_user(user), user)


def get_order_for_user_or_404(user, number):
    try:
        return queryset_orders_for_user(user).get(number=number)
    except Order.DoesNotExist:
        raise Http404()


class OrderListView(oscar_views.OrderListView):
    # Oscar's dispatch() assigns the base queryset; every assignment is narrowed here.
    @property
    def base_queryset(self):
        return self._base_queryset

    @base_queryset.setter
    def base_queryset(self, queryset):
        self._base_queryset = orders_of_user(queryset, self.request.user)

    def get_row_values(self, order):
        # Typed values for the CSV writer (a date it writes as a date), the status in words.
        return {**super().get_row_values(order), "date": order.date_placed, "status": order.status_label}

    def download_selected_orders(self, request, orders):
        """Oscar's CSV of the selected orders, written by the marketplace's CSV writer: a customer's
        name cannot turn into a formula in the artisan's spreadsheet. (Oscar's base queryset already
        fetches the addresses and lines with the orders.)"""
        rows = ([values.get(column, "") for column in self.CSV_COLUMNS] for values in map(self.get_row_values, orders))
        return csv_response(self.get_download_filename(request), self.CSV_COLUMNS.values(), rows)


class OrderStatsView(oscar_views.OrderStatsView):
    def get_stats(self, filters):
        allowed = queryset_orders_for_user(self.request.user).values("pk")
        return super().get_stats({**filters, "pk__in": allowed})


class OrderDetailView(oscar_views.OrderDetailView):
    def get_object(self, queryset=None):
        return get_order_for_user_or_404(self.request.user, self.kwargs["number"])


class LineDetailView(oscar_views.LineDetailView):
    def dispatch(self, request, *args, **kwargs):
        # Look the line up before anything else, so that another shop's line is a 404 whatever
        # the method, rather than a 405 that confirms it exists.
        self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        lines = order.lines.all()
        if not self.request.user.is_staff:
            lines = lines.filter(partner__users=self.request.user)
        return get_object_or_404(lines, pk=self.kwargs["line_id"])


class ShippingAddressUpdateView(oscar_views.ShippingAddressUpdateView):
    def get_object(self, queryset=None):
        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        return get_object_or_404(self.model, order=order)
