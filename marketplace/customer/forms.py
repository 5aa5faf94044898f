from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import *  # noqa: F401,F403  (Oscar's forms; those below replace theirs)
from oscar.apps.customer.forms import EmailUserCreationForm as OscarEmailUserCreationForm
from oscar.apps.customer.forms import ProductAlertForm as OscarProductAlertForm
from oscar.apps.customer.utils import normalise_email

from .login_throttle import forgive_failed_logins


class EmailUserCreationForm(OscarEmailUserCreationForm):
    """Oscar's sign-up form without its "a user with that email address already exists" error.

    The address is checked when the form is saved, by ``registration.register``, which answers an
    address that has an account like a new one (and e-mails its owner): the form never tells.
    """

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])


class ProductAlertForm(OscarProductAlertForm):
    """A "tell me when it is back in stock" alert for the signed-in customer: no e-mail field.

    Oscar lets a visitor type any address, which then receives the alert e-mails (and confirmation
    requests): alerts are for signed-in customers only (``alerts.views.ProductAlertCreateView``).
    """

    email = None

    class Meta(OscarProductAlertForm.Meta):
        fields = []

    def __init__(self, user, product, *args, **kwargs):
        # Oscar's __init__ only adjusts the e-mail field, which is gone.
        self.user = user
        self.product = product
        forms.ModelForm.__init__(self, *args, **kwargs)

    def clean(self):
        if not (self.user and self.user.is_authenticated):
            raise forms.ValidationError(_("Log in to be told when this product is back in stock."))
        return super().clean()


class UnlockingSetPasswordForm(SetPasswordForm):
    """The new password of a password reset by e-mail; choosing it lifts the account's login lock.

    Whoever follows the link from the account's mailbox is its owner: the failed logins that locked
    it were somebody else's, or forgotten passwords.
    """

    def save(self, commit=True):
        user = super().save(commit=commit)
        if commit:
            forgive_failed_logins(user)
        return user
