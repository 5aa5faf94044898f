from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect
from django.views import generic
from oscar.apps.customer.views import *  # noqa: F401,F403  (Oscar's views; those below replace theirs)
from oscar.apps.customer.views import AccountAuthView as OscarAccountAuthView
from oscar.apps.customer.views import AccountRegistrationView as OscarAccountRegistrationView
from oscar.apps.customer.views import OrderDetailView as OscarOrderDetailView

from .registration import SIGN_UP_MESSAGE



class AccountRegistrationView(OscarAccountRegistrationView):
    def form_valid(self, form):
        self.register_user(form)
        messages.success(self.request, SIGN_UP_MESSAGE)
        return redirect(form.cleaned_data["redirect_url"])


class AccountAuthView(OscarAccountAuthView):
    def get_registration_success_message(self, form):
        return SIGN_UP_MESSAGE


class LogoutView(generic.TemplateView):
    """Logging out takes a POST with the CSRF token; a GET asks for it with a button.

    Oscar logs out on a GET, so any page, image or link prefetch elsewhere could log a customer out
    (and empty their basket's session) behind their back.
    """

    template_name = "customer/logout_confirm.html"
    http_method_names = ["get", "post", "head", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(settings.OSCAR_HOMEPAGE)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        auth_logout(request)
        response = redirect(settings.OSCAR_HOMEPAGE)
        for cookie in settings.OSCAR_COOKIES_DELETE_ON_LOGOUT:
            response.delete_cookie(cookie)
        return response


class OrderHistoryView(generic.RedirectView):
    """One order history: the marketplace's purchases page (a checkout at a time, every shop's order in it)."""

    pattern_name = "my-checkouts"
    permanent = False
    query_string = True


class OrderDetailView(OscarOrderDetailView):
    """A shop order placed through the marketplace's checkout is shown on its checkout's page; the
    re-order actions (POST) stay Oscar's."""

    def get(self, request, *args, **kwargs):
        order = self.get_object()
        if order.checkout_group_id:
            return redirect("marketplace-checkout-done", number=order.checkout_group.number)
        return super().get(request, *args, **kwargs)
