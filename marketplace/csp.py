"""The Content-Security-Policy of every page, and the endpoint browsers report violations to.

django-csp (4.x) sends the header and makes the per-request nonce (``request.csp_nonce``, put on the
few inline <script> and <style> elements the templates keep). The policy itself is built here, on each
response, from the settings it depends on — Stripe.js's address (localstripe's stand-in in the demo
and the tests), the media storage's origin, the report endpoint — so that a setting changed at run
time (a test's ``settings`` fixture) is followed, and no origin is written twice.

What the policy allows, and why:
- scripts: the site's own files, inline scripts carrying the nonce, and Stripe.js. No
  'unsafe-inline' (the nonce would disable it anyway) and no 'unsafe-eval' (nothing Oscar ships
  evaluates strings: TinyMCE's ``Function("return this")`` only runs where ``window`` is missing).
  Inline event handlers (onclick=…) are refused: marketplace/js/page-actions.js replaces Oscar's.
- styles: <style> and <link> elements need the site's origin or the nonce (``style-src-elem``): an
  injected style sheet can read a page's attribute values through selectors. Style *attributes* stay
  allowed (``style-src-attr 'unsafe-inline'``): Oscar's templates, Bootstrap's and TinyMCE's scripts
  write them, and an attribute styles one element without selectors, so it cannot read the page.
  ``style-src`` with 'unsafe-inline' only serves browsers older than the -elem/-attr directives.
- pictures: the site, ``data:`` (Bootstrap's icons, the dashboard's previews of chosen files) and the
  media storage's origin (S3 or its custom domain).
- frames and connections: Stripe's, as Stripe documents them for Stripe.js
  (https://docs.stripe.com/security/guide#content-security-policy); with a stand-in, its own origin,
  which its script also calls. Nothing frames the site (``frame-ancestors 'none'``: the appearance
  preview is a page of its own, not an iframe).
"""

from __future__ import annotations

import json
import logging
from functools import lru_cache
from urllib.parse import urlsplit

from csp.constants import NONCE, NONE, REPORT_SAMPLE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.files.storage import storages
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

logger = logging.getLogger(__name__)

STRIPE_JS_HOST = "js.stripe.com"
# Stripe's documented sources for Stripe.js, its card fields' frames and 3-D Secure.
STRIPE_SCRIPTS = ["https://js.stripe.com", "https://*.js.stripe.com"]
STRIPE_FRAMES = ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]
STRIPE_CONNECTIONS = ["https://api.stripe.com"]


def origin_of(url: str | None) -> str | None:
    """``scheme://host[:port]`` of an absolute URL; None for a relative one (served by the site)."""
    parts = urlsplit(url or "")
    if parts.scheme in ("http", "https") and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


@lru_cache(maxsize=8)
def _storage_origin(storage_settings: str) -> str | None:
    # The storage's own URL for a file says where pictures come from, whatever its options (S3
    # endpoint, bucket addressing, custom domain); making it is local work, no request.
    return origin_of(storages["default"].url("csp-probe.jpg"))


def media_origin() -> str | None:
    return _storage_origin(repr(settings.STORAGES.get("default")) + settings.MEDIA_URL)


def stripe_sources() -> dict[str, list[str]]:
    """Where the payment page's Stripe.js comes from, frames and calls; nothing without card payments."""
    from payments.gateway import card_payments_configured

    if not card_payments_configured():
        return {}
    script_origin = origin_of(settings.STRIPE_JS_URL)
    if script_origin is None:
        return {}
    if urlsplit(settings.STRIPE_JS_URL).hostname == STRIPE_JS_HOST:
        return {"script-src": STRIPE_SCRIPTS, "frame-src": STRIPE_FRAMES, "connect-src": STRIPE_CONNECTIONS}
    # A stand-in (localstripe): it draws the card fields in the page and calls the server it is served from.
    return {"script-src": [script_origin], "connect-src": [script_origin]}


def policy() -> dict[str, list[str]]:
    """The directives, in django-csp's form (``NONCE`` becomes the request's nonce when one is used)."""
    stripe = stripe_sources()
    static_origin = origin_of(settings.STATIC_URL)
    own = [SELF, *([static_origin] if static_origin else [])]
    media = media_origin()
    # The search map's tile server, when one is set (settings.MAP_TILES_URL).
    tiles = origin_of(settings.MAP_TILES_URL)
    directives = {
        "default-src": [SELF],
        "script-src": [*own, NONCE, *stripe.get("script-src", []), REPORT_SAMPLE],
        "style-src": [*own, UNSAFE_INLINE],
        "style-src-elem": [*own, NONCE, REPORT_SAMPLE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [*own, "data:", *([media] if media else []), *([tiles] if tiles else [])],
        "font-src": [*own],
        "connect-src": [SELF, *stripe.get("connect-src", [])],
        "frame-src": stripe.get("frame-src", [NONE]),
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
    if settings.CSP_REPORT_ENDPOINT:
        directives["report-uri"] = [settings.CSP_REPORT_ENDPOINT]
    return directives


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy above: enforced, or only reported with CSP_ENFORCED=0."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        wanted = settings.CSP_ENFORCED != report_only
        if parts.config is None and wanted:  # a view's own @csp_replace/@csp_update still applies
            parts.config = policy()
        return parts


# --- Violation reports ----------------------------------------------------------------------------

MAX_REPORT_BYTES = 16 * 1024
# What a report says that helps to find the page and the element; each field cut to a line's length.
REPORT_FIELDS = {
    "document-uri": "page", "documentURL": "page",
    "violated-directive": "directive", "effective-directive": "directive", "effectiveDirective": "directive",
    "blocked-uri": "blocked", "blockedURL": "blocked",
    "source-file": "source", "sourceFile": "source", "line-number": "line", "lineNumber": "line",
    "script-sample": "sample", "sample": "sample",
}
MAX_FIELD_CHARACTERS = 300


def _printable(value) -> str:
    # A report is written by whoever posts it: no control character reaches the log (no forged lines).
    text = str(value)[:MAX_FIELD_CHARACTERS]
    return "".join(character if character.isprintable() else "?" for character in text)


def violations_in(payload) -> list[dict[str, str]]:
    """The violations of a report: ``{"csp-report": {…}}`` (report-uri) or a list of Reporting API
    entries (``[{"type": "csp-violation", "body": {…}}]``)."""
    if isinstance(payload, dict) and isinstance(payload.get("csp-report"), dict):
        bodies = [payload["csp-report"]]
    elif isinstance(payload, list):
        bodies = [entry.get("body") for entry in payload[:10] if isinstance(entry, dict) and entry.get("type") == "csp-violation"]
    else:
        bodies = []
    violations = []
    for body in bodies:
        if not isinstance(body, dict):
            continue
        violation = {}
        for field, name in REPORT_FIELDS.items():
            if field in body and name not in violation:
                violation[name] = _printable(body[field])
        violations.append(violation)
    return violations


@csrf_exempt  # browsers post reports without the site's CSRF token
@require_POST
def csp_report(request):
    """Logs each reported violation (a warning), answers 204; a report too large or not JSON: 413/400."""
    try:
        declared_length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return HttpResponseBadRequest()
    if declared_length > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    body = request.read(MAX_REPORT_BYTES + 1)
    if len(body) > MAX_REPORT_BYTES:
        return HttpResponse(status=413)
    try:
        violations = violations_in(json.loads(body))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return HttpResponseBadRequest()
    if not violations:
        return HttpResponseBadRequest()
    for violation in violations:
        logger.warning("Content-Security-Policy violation: %s", " ".join(f"{name}={value}" for name, value in violation.items()))
    return HttpResponse(status=204)
