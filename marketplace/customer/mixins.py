from django.contrib.auth import login as auth_login
from oscar.apps.customer.mixins import *  # noqa: F401,F403  (Oscar's mixins; RegisterUserMixin replaced below)
from oscar.apps.customer.mixins import RegisterUserMixin as OscarRegisterUserMixin
from oscar.apps.customer.signals import user_registered

from . import registration

EMAIL_BACKEND = "oscar.apps.customer.auth_backends.EmailBackend"


class RegisterUserMixin(OscarRegisterUserMixin):
    """Oscar's registration step, answering alike whether or not the address has an account.

    Oscar's ``register_user`` also authenticates the new account without the request, which the
    login throttle refuses (it must know the client's address): the new account is signed in directly.
    """

    def register_user(self, form):
        """The new account, signed in; or None when the address had one (its owner is e-mailed)."""
        user = registration.register(
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            create_account=form.save,
            continue_path=form.cleaned_data.get("redirect_url") or "/",
        )
        if user is None:
            return None
        user_registered.send_robust(sender=self, request=self.request, user=user)
        auth_login(self.request, user, backend=EMAIL_BACKEND)
        return user
