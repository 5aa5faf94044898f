"""The chamber's review queue: applications to approve, reject or send back for changes."""

import datetime

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from . import workflow
from .models import Shop, ShopStatus
from .trades import Trade

AGE_CHOICES = [("", gettext_lazy("Any age")), ("2", gettext_lazy("Waiting for 2 days or more")), ("7", gettext_lazy("Waiting for a week or more"))]


class ApplicationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("All statuses")), *ShopStatus.choices]
    )
    department = forms.CharField(label=gettext_lazy("Department"), required=False, max_length=3)
    trade = forms.ChoiceField(label=gettext_lazy("Trade"), required=False, choices=[("", gettext_lazy("All trades")), *Trade.choices])
    age = forms.ChoiceField(label=gettext_lazy("Waiting"), required=False, choices=AGE_CHOICES)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[(name, name) for name in ("approve", "reject", "request_changes", "suspend", "reinstate")]
    )
    reason = forms.CharField(label=gettext_lazy("Reason (sent to the artisan)"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class ChamberReviewerMixin(PermissionRequiredMixin):
    permission_required = "shops.review_shop"
    # A signed-in user without the right gets a 403; a visitor is sent to the login page.
    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class ApplicationListView(ChamberReviewerMixin, ListView):
    template_name = "shops/chamber/application_list.html"
    context_object_name = "shops"
    paginate_by = 25

    def get_queryset(self):
        self.filter_form = ApplicationFilterForm(self.request.GET or {"status": ShopStatus.SUBMITTED})
        shops = Shop.objects.with_card_details().order_by("submitted_at", "pk")
        if not self.filter_form.is_valid():
            return shops.filter(status=ShopStatus.SUBMITTED)
        data = self.filter_form.cleaned_data
        if data["status"]:
            shops = shops.filter(status=data["status"])
        if data["department"]:
            shops = shops.filter(commune__department_code=data["department"].upper())
        if data["trade"]:
            shops = shops.filter(trade=data["trade"])
        if data["age"]:
            shops = shops.filter(submitted_at__lte=timezone.now() - datetime.timedelta(days=int(data["age"])))
        return shops

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        context["waiting_count"] = Shop.objects.filter(status=ShopStatus.SUBMITTED).count()
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class ApplicationDetailView(ChamberReviewerMixin, DetailView):
    template_name = "shops/chamber/application_detail.html"
    context_object_name = "shop"

    def get_queryset(self):
        return Shop.objects.with_card_details()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["decisions"] = self.object.decisions.select_related("actor")
        context["decision_form"] = kwargs.get("decision_form") or DecisionForm()
        context["missing"] = workflow.missing_for_submission(self.object)
        context["can_decide"] = self.object.status == ShopStatus.SUBMITTED
        context["can_suspend"] = self.object.status == ShopStatus.APPROVED
        context["can_reinstate"] = self.object.status == ShopStatus.SUSPENDED
        return context
