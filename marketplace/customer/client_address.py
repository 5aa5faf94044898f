"""Where the login throttle reads the client's address from (django-axes, through django-ipware).

Settings only (``settings.py`` imports this before Django is set up): no Django import here.

Without a proxy, the address is the connection's (``REMOTE_ADDR``). Behind reverse proxies that each
append the address they were called from to ``X-Forwarded-For`` (nginx's
``$proxy_add_x_forwarded_for``, most load balancers), the client's address is the entry written by
the outermost proxy: the ``trusted_proxy_count``-th from the right. Entries to its left were written
by the client itself, and are never read: otherwise anybody could pick a new address per attempt.
"""


def client_address_settings(trusted_proxy_count: int) -> dict[str, object]:
    if trusted_proxy_count < 0:
        raise ValueError("The number of trusted proxies is 0 or more.")
    if trusted_proxy_count == 0:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_COUNT": None,
            "AXES_IPWARE_PROXY_ORDER": "left-most",
            "IPWARE_STRICT": True,
        }
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        # ipware counts the proxies listed after the client in the header: all ours but the last,
        # whose address is REMOTE_ADDR. Not strict: entries a client prepends must not make it
        # discard the header (and fall back to no address).
        "AXES_IPWARE_PROXY_COUNT": trusted_proxy_count - 1,
        "AXES_IPWARE_PROXY_ORDER": "left-most",
        "IPWARE_STRICT": False,
    }
