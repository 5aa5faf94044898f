"""Give every approved demo shop a ready Stripe account on the local Connect stand-in (demo only)."""

import socket
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from payments import connect
from payments.gateway import PaymentUnavailable
from payments.models import StripeAccount
from shops.models import Shop, ShopStatus


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the 303 back to the site is the answer; the site may not be running yet


class Command(BaseCommand):
    help = "Connect the approved demo shops to the local Stripe Connect stand-in (make demo-card). Refuses real Stripe."

    def handle(self, *args, **options):
        if not settings.STRIPE_API_BASE.startswith("http://127.0.0.1"):
            raise CommandError("Only for the local stand-in (STRIPE_API_BASE on 127.0.0.1): real accounts are opened by each artisan.")
        self._wait_for_stand_in()
        connected = 0
        for shop in Shop.objects.filter(status=ShopStatus.APPROVED).select_related("partner"):
            try:
                account = StripeAccount.objects.filter(shop=shop).first()
                if account is not None:
                    try:
                        connect.sync_account(account.account_id)
                        continue
                    except PaymentUnavailable:
                        account.delete()  # the stand-in's state was reset: open a new one
                account = connect.ensure_account(shop)
                link = connect.onboarding_link(account, refresh_url=settings.SITE_URL, return_url=settings.SITE_URL)
                # What the artisan does on Stripe's hosted onboarding page, done for them.
                data = urllib.parse.urlencode({"return_url": settings.SITE_URL}).encode()
                request = urllib.request.Request(link.split("?")[0], data=data, method="POST")
                try:
                    urllib.request.build_opener(_NoRedirect).open(request, timeout=10).close()
                except urllib.error.HTTPError as redirect:  # the 303 to the site, which may not run yet
                    if redirect.code != 303:
                        raise
                connect.sync_account(account.account_id)
                connected += 1
            except (PaymentUnavailable, OSError) as failure:
                raise CommandError(f"{shop.name}: {failure}") from failure
        self.stdout.write(self.style.SUCCESS(f"{connected} shops connected to the local Stripe Connect stand-in."))

    @staticmethod
    def _wait_for_stand_in(seconds: float = 30.0) -> None:
        """`make demo` starts the stand-in in the background just before: give it time to listen."""
        address = urllib.parse.urlsplit(settings.STRIPE_API_BASE)
        deadline = time.monotonic() + seconds
        while True:
            try:
                socket.create_connection((address.hostname, address.port or 80), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise CommandError(f"The local Stripe stand-in does not answer on {settings.STRIPE_API_BASE}.") from None
                time.sleep(0.2)
