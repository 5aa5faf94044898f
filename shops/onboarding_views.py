"""« Ouvrir ma boutique »: an applicant creates an account, fills in the application, sends it."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import FormView

from marketplace.customer import registration

from . import workflow
from .forms import ArtisanSignUpForm, ShopApplicationForm
from .models import ShopStatus
from .onboarding import save_application, shop_being_opened_by

EDITABLE_STATUSES = {ShopStatus.DRAFT, ShopStatus.CHANGES_REQUESTED}


class OpenShopView(FormView):
    """The landing page; for a visitor, the sign-up form that starts an application."""

    template_name = "shops/onboarding/open_shop.html"
    form_class = ArtisanSignUpForm

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("onboarding:application")
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("onboarding:application")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        # An address that already has an account gets the same answer, and nobody is signed in: the
        # application page then asks to log in (see marketplace/customer/registration.py).
        user = registration.register(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            create_account=form.save,
            continue_path=reverse("onboarding:application"),
        )
        if user is not None:
            login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, registration.SIGN_UP_MESSAGE)
        return redirect("onboarding:application")


class ApplicationView(LoginRequiredMixin, FormView):
    """The application form: saved as a draft as often as needed, then sent to the chamber."""

    template_name = "shops/onboarding/application.html"
    form_class = ShopApplicationForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.shop = shop_being_opened_by(request.user)
        if self.shop and self.shop.status not in EDITABLE_STATUSES:
            messages.info(request, _("Your application has been sent: follow it from your back-office."))
            return redirect("artisan:home")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.shop
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["shop"] = self.shop
        context["last_decision"] = self.shop.decisions.first() if self.shop else None
        context["required_fields"] = workflow.REQUIRED_FOR_SUBMISSION
        return context

    def form_valid(self, form):
        shop = save_application(self.request.user, form)
        if "submit" not in self.request.POST:
            messages.success(self.request, _("Your application is saved. Send it when it is complete."))
            return redirect("onboarding:application")
        try:
            workflow.submit_application(shop, self.request.user)
        except workflow.ApplicationIncomplete as incomplete:
            messages.error(
                self.request,
                _("Your application is saved, but some information is missing before it can be sent: %(fields)s.")
                % {"fields": ", ".join(str(label) for label in incomplete.missing)},
            )
            return redirect("onboarding:application")
        except workflow.TransitionNotAllowed as refused:
            messages.error(self.request, str(refused))
            return redirect(reverse("artisan:home"))
        messages.success(self.request, _("Your application has been sent to the Chamber of Trades."))
        return redirect("artisan:home")
