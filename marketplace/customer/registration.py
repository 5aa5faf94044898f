"""Signing up without telling whether an address already has an account.

A sign-up form that says "a user with that email address already exists" lets anybody find out who
has an account here. Instead, every sign-up form of the site (Oscar's registration page, its
login-or-register page, « Ouvrir ma boutique ») answers a sign-up the same way: same redirect, same
message, one e-mail to the address. For a new address the account is created and signed in, and the
e-mail welcomes its owner; for an address that has an account, nothing is created, nobody is signed
in, and the e-mail tells the owner that somebody tried to sign up with it (to sign in or reset their
password if it was them).

What still differs, and cannot without making every newcomer confirm their address before using the
site: the new account is signed in, the other visitor is not (the page after the redirect shows it).
The password is hashed in both cases so that the answer takes about as long.
"""

from __future__ import annotations

from typing import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from marketplace.notifications import queue_email

User = get_user_model()

# The one answer to a sign-up, true whether the address was new (it gets a welcome e-mail) or had an
# account (its owner is told somebody tried).
SIGN_UP_MESSAGE = _("Thank you! A message is on its way to your e-mail address.")


def account_for_email(email: str):
    """The account this address signs in to (the oldest, if Oscar's loose uniqueness let several in), or None."""
    return User.objects.filter(email__iexact=email.strip()).order_by("pk").first()


def register(*, email: str, password: str, create_account: Callable[[], object], continue_path: str):
    """Create the account and welcome its owner, or, if the address has one, warn its owner instead.

    Returns the new account (for the caller to sign in), or None when the address already had one;
    either way the caller answers the visitor alike.
    """
    with transaction.atomic():
        owner = account_for_email(email)
        if owner is not None:
            # Creating an account hashes its password, which takes time by design: take it here too.
            make_password(password)
            _queue(
                owner.email,
                "account_sign_up_attempt",
                # At most one such e-mail a day, whoever keeps trying with the address.
                idempotency_key=f"sign-up-attempt-{owner.pk}-{timezone.localdate().isoformat()}",
                continue_path=continue_path,
            )
            return None
        user = create_account()
        _queue(user.email, "account_created", idempotency_key=f"account-created-{user.pk}", continue_path=continue_path)
        return user


def _queue(recipient: str, template: str, *, idempotency_key: str, continue_path: str) -> None:
    if not continue_path.startswith("/") or continue_path.startswith("//"):
        continue_path = "/"  # a safe redirect may be a full address of this site: links use SITE_URL
    login_path = f"{reverse('customer:login')}?{urlencode({'next': continue_path})}"
    queue_email(
        recipient=recipient,
        template=template,
        context={
            "email": recipient,
            "login_url": settings.SITE_URL + login_path,
            "password_reset_url": settings.SITE_URL + reverse("password-reset"),
            "continue_url": settings.SITE_URL + continue_path,
        },
        idempotency_key=idempotency_key,
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
