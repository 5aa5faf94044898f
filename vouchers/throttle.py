"""Code entry throttled per person and per address (the shared cache), so that nobody can try codes
by the thousand: ``LIMIT_PER_USER`` tries per account and ``LIMIT_PER_ADDRESS`` per client address
within ``WINDOW_SECONDS``. The address is read as the login throttle reads it (django-axes' settings:
behind the trusted proxies only). A cache that does not answer lets the try through (the codes'
89 random bits remain the real defence)."""

from __future__ import annotations

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.shortcuts import render

WINDOW_SECONDS = 15 * 60
LIMIT_PER_USER = 10
LIMIT_PER_ADDRESS = 30


def _keys(request, scope: str) -> list[tuple[str, int]]:
    keys = []
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        keys.append((f"vouchers:throttle:{scope}:user:{user.pk}", LIMIT_PER_USER))
    address = get_client_ip_address(request)
    if address:
        keys.append((f"vouchers:throttle:{scope}:ip:{address}", LIMIT_PER_ADDRESS))
    return keys


def _count(key: str) -> int:
    if cache.add(key, 1, WINDOW_SECONDS):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, WINDOW_SECONDS)
        return 1


def attempt(request, scope: str = "code") -> bool:
    """Count one try; False when the person or the address has tried too often lately."""
    allowed = True
    for key, limit in _keys(request, scope):
        if _count(key) > limit:
            allowed = False
    return allowed


def refused_response(request):
    return render(request, "vouchers/throttled.html", {"minutes": WINDOW_SECONDS // 60}, status=429)
