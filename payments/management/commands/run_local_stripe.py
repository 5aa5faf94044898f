"""Card payments without a Stripe account, for the demo: localstripe plus the local Connect stand-in."""

import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from payments.local_connect import ConnectStandIn


class Command(BaseCommand):
    help = (
        "Run localstripe (a fake Stripe server) and, in front of it, the local stand-in for Stripe Connect, "
        "sending signed webhooks to this site. For the demo and for trying card checkout without a Stripe account."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8421, help="where the site's STRIPE_API_BASE points")
        parser.add_argument("--localstripe-port", type=int, default=8420)
        parser.add_argument("--site", default=settings.SITE_URL, help="the site's address, for webhooks")

    def handle(self, *args, port, localstripe_port, site, **options):
        if not settings.STRIPE_WEBHOOK_SECRET:
            raise CommandError("Set STRIPE_WEBHOOK_SECRET: the webhooks are signed with it.")
        state_dir = Path(settings.BASE_DIR) / "var"
        state_dir.mkdir(exist_ok=True)
        upstream = f"http://127.0.0.1:{localstripe_port}"
        localstripe = subprocess.Popen([sys.executable, "-m", "localstripe", "--port", str(localstripe_port)], cwd=state_dir)
        try:
            self._wait_for(upstream)
            webhook_url = site.rstrip("/") + "/payments/stripe/webhook/"
            data = urllib.parse.urlencode({"url": webhook_url, "secret": settings.STRIPE_WEBHOOK_SECRET}).encode()
            urllib.request.urlopen(urllib.request.Request(f"{upstream}/_config/webhooks/echoppe", data=data, method="POST"), timeout=10).close()
            stand_in = ConnectStandIn(upstream, port=port, webhook_url=webhook_url, webhook_secret=settings.STRIPE_WEBHOOK_SECRET,
                                      state_file=str(state_dir / "local-connect.json"))
            self.stdout.write(f"localstripe on {upstream}; Stripe API (with Connect) on {stand_in.url}; webhooks to {webhook_url}")
            stand_in.serve_forever()
        finally:
            localstripe.terminate()

    @staticmethod
    def _wait_for(url: str) -> None:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise CommandError(f"localstripe did not start on {url}")
