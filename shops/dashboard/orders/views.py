"""Oscar's order dashboard, limited for artisans to orders whose every line is theirs.

Oscar lets a partner's user open any order that has one of their lines, and any line of such an
order (LineDetailView has no partner filter). The marketplace places one order per shop, so an
artisan's orders are wholly theirs; these views enforce it for whatever reaches the database.

Every status change here is a step of the marketplace's lifecycle (checkout.order.steps.take_step:
pickup code, payment due on site, stock and slot given back, e-mails, refunds), for artisans and the
chamber's staff alike; Oscar's line actions (line statuses, shipping and payment events) are not
offered: an order's items follow its status, and money is recorded in the marketplace's ledger.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from oscar.apps.dashboard.orders import views as oscar_views
from oscar.apps.dashboard.orders.views import *  # noqa: F401,F403
from oscar.core.loading import get_model

from checkout.lifecycle import StepRefused
from checkout.order.access import orders_of_user
from checkout.order.forms import OrderStepForm
from checkout.order.models import status_label
from checkout.order.steps import take_step
from marketplace.csv_export import csv_response
from payments.on_site import amount_due

from .forms import BULK_STEPS, BulkStepForm, OrderSearchForm

Order = get_model("order", "Order")


def queryset_orders_for_user(user):
    return orders_of_user(oscar_views.queryset_orders_for_user(user), user)


def get_order_for_user_or_404(user, number):
    try:
        return queryset_orders_for_user(user).get(number=number)
    except Order.DoesNotExist:
        raise Http404()


class OrderListView(oscar_views.OrderListView):
    form_class = OrderSearchForm

    # Oscar's dispatch() assigns the base queryset; every assignment is narrowed here.
    @property
    def base_queryset(self):
        return self._base_queryset

    @base_queryset.setter
    def base_queryset(self, queryset):
        self._base_queryset = orders_of_user(queryset, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(order_statuses=BULK_STEPS, bulk_step_form=BulkStepForm())
        return context

    def get_search_filter_descriptions(self):
        # Oscar describes the status filter with its code.
        descriptions = super().get_search_filter_descriptions()
        status = self.form.cleaned_data.get("status") if self.form.is_bound and self.form.is_valid() else ""
        if status:
            raw = _("Order status is {order_status}").format(order_status=status)
            worded = _("Order status is {order_status}").format(order_status=status_label(status))
            descriptions = [worded if description == raw else description for description in descriptions]
        return descriptions

    def get_selected_ids(self, request):
        # Oscar filters pk__in with whatever was posted: a non-numeric id would be a 500.
        posted = request.POST.getlist(f"selected_{self.get_checkbox_object_name()}")
        if request.POST.get(self.select_across_param) != "1" and not all(value.isdigit() and len(value) < 19 for value in posted):
            return []
        return super().get_selected_ids(request)

    def change_order_statuses(self, request, orders):
        form = BulkStepForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a new status from the list."))
            return redirect("dashboard:order-list")
        for order in orders:
            self.change_order_status(request, order, form.cleaned_data["new_status"], form.cleaned_data["reason"])
        return redirect("dashboard:order-list")

    def change_order_status(self, request, order, new_status, reason=""):
        # No pickup code nor payment in a bulk action: the lifecycle refuses the orders that need one.
        try:
            warning = take_step(order, new_status, request.user, reason=reason)
        except StepRefused as refused:
            messages.error(request, _("Order %(number)s: %(reason)s") % {"number": order.number, "reason": refused})
            return
        messages.success(request, _("Order %(number)s: %(status)s.") % {"number": order.number, "status": order.status_label})
        if warning:
            messages.warning(request, warning)

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
        stats = super().get_stats({**filters, "pk__in": allowed})
        stats["order_status_breakdown"] = [
            {**row, "status_label": status_label(row["status"])} for row in stats["order_status_breakdown"]
        ]
        return stats


class OrderDetailView(oscar_views.OrderDetailView):
    # Oscar's order payment events would be money outside the ledger: payments are recorded on site
    # (espace artisan, or with the hand-over below) or by the card payment itself.
    order_actions = ("save_note", "delete_note", "change_order_status")
    line_actions = ()

    def get_object(self, queryset=None):
        return get_order_for_user_or_404(self.request.user, self.kwargs["number"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if "order_status_form" in kwargs:  # the refused one, with its error
            context["order_status_form"] = kwargs["order_status_form"]
        context["amount_due"] = amount_due(self.object)
        return context

    def get_order_status_form(self):
        posted = self.request.method == "POST" and self.request.POST.get("order_action") == "change_order_status"
        return OrderStepForm(self.request.POST if posted else None, order=self.object, amount_due=amount_due(self.object))

    def handle_line_action(self, request, order, action):
        return self.reload_page(error=_("An order's items follow its status: change the order's status instead. Items of a card-paid order are refunded from the shop's order page."))

    def change_order_status(self, request, order):
        form = self.get_order_status_form()
        if form.is_valid():
            try:
                warning = take_step(order, form.cleaned_data["status"], request.user, **form.step_arguments())
            except StepRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("Order %(number)s: %(status)s.") % {"number": order.number, "status": order.status_label})
                if warning:
                    messages.warning(request, warning)
                return self.reload_page()
        return self.render_to_response(self.get_context_data(order_status_form=form))


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
