"""Login throttling (django-axes): what a failed login counts against, and how a lock is lifted.

Axes counts failed logins per account and per client address (``AXES_LOCKOUT_PARAMETERS``): after
``AXES_FAILURE_LIMIT`` failures within ``AXES_COOLOFF_TIME`` the account is locked whatever the
address, and the address is locked whatever the account. Every login form of the site goes through
it, because ``AxesBackend`` is the first authentication backend: the customer's login page (also the
checkout's, which sends there), the dashboard's and the admin's.

An account is counted under one name, its e-mail address in lower case, however it was typed: Oscar's
login matches e-mail addresses case-insensitively, so ``Camille@…`` and ``camille@…`` must share one
counter, and the admin's and the dashboard's login also accept the Django username of the same account.

A successful login forgives the account's own failures (wherever they came from), never those of its
address: otherwise an attacker with an account of their own could log in between guesses at somebody
else's password and never reach the limit. A password reset by e-mail forgives the account's failures
too, which lifts its lock (``manage.py axes_reset`` lifts any lock for the staff).
"""

from __future__ import annotations

from dataclasses import dataclass

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# The POST fields of the login forms: Oscar's customer login has a "login" prefix; the dashboard's
# and the admin's use Django's names. Read only when axes has no credentials at hand.
USERNAME_FIELDS = ("username", "login-username")


def account_key(identifier: str | None, request: HttpRequest | None = None) -> str | None:
    """The name failed logins of this identifier count under: the account's e-mail address, in lower case.

    An identifier without "@" is a Django username (admin and dashboard logins): it counts under its
    account's e-mail address when there is such an account, so that it shares that account's counter.
    """
    if not identifier:
        return None
    identifier = str(identifier).strip()
    if "@" in identifier:
        return identifier.lower()
    cache = getattr(request, "_login_throttle_keys", None) if request is not None else None
    if cache is not None and identifier in cache:
        return cache[identifier]
    email = get_user_model().objects.filter(username=identifier).values_list("email", flat=True).first()
    key = (email or identifier).lower()
    if request is not None:
        # Axes asks several times per login attempt: one query per request is enough.
        request._login_throttle_keys = {**(cache or {}), identifier: key}
    return key


def account_key_from_credentials(request: HttpRequest, credentials: dict | None) -> str | None:
    """``AXES_USERNAME_CALLABLE``: the account a login attempt is counted against."""
    if credentials:
        identifier = credentials.get("username") or credentials.get("email")
    else:
        data = getattr(request, "POST", {}) or {}
        identifier = next((data.get(field) for field in USERNAME_FIELDS if data.get(field)), None)
    return account_key(identifier, request)


def forgive_failed_logins(user) -> int:
    """Forget the account's failed logins, lifting its lock; its addresses keep theirs. Returns the rows removed."""
    key = account_key(user.email) if user.email else account_key(user.get_username())
    return AxesProxyHandler.reset_attempts(username=key)


class AccountThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler; a successful login forgives the account's failures, not the address's."""

    def user_logged_in(self, sender, request, user, **kwargs):
        super().user_logged_in(sender, request, user, **kwargs)
        forgive_failed_logins(user)


@dataclass(frozen=True)
class Lock:
    account: bool
    address: bool
    minutes: int


def current_lock(request: HttpRequest, credentials: dict | None) -> Lock:
    """Which of the account and the address is locked now, and the longest wait before trying again."""
    limit = get_failure_limit(request, credentials)
    recent = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))

    def locked(**kwargs) -> bool:
        if not all(kwargs.values()):
            return False
        return (recent.filter(**kwargs).aggregate(total=Sum("failures_since_start"))["total"] or 0) >= limit

    cool_off = get_cool_off(request)
    return Lock(
        account=locked(username=account_key_from_credentials(request, credentials)),
        address=locked(ip_address=getattr(request, "axes_ip_address", None) or get_client_ip_address(request)),
        minutes=int(cool_off.total_seconds() // 60) if cool_off else 0,
    )


def lockout_response(request: HttpRequest, original_response=None, credentials: dict | None = None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the page a locked login gets (HTTP 429), in the visitor's language."""
    lock = current_lock(request, credentials)
    return render(request, "customer/login_locked.html", {"lock": lock}, status=429)
