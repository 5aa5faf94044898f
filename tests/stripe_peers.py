"""The Stripe side of the payment tests: a real localstripe server, started once per test run.

localstripe implements PaymentIntents (confirm at creation, 3-D Secure with 4000000000003220, decline
with 4000000000000341), refunds, Stripe.js and signed webhooks. It has no Connect (accounts, account
links, transfers, reversals): those calls — and only those — are answered at the HTTP layer by
payments.local_connect.ConnectStandIn, which sits in front of localstripe and forwards the rest.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest

from payments.local_connect import ConnectStandIn

SECRET_KEY = "sk_test_echoppe"
PUBLISHABLE_KEY = "pk_test_echoppe"
WEBHOOK_SECRET = "whsec_test_echoppe"
GOOD_CARD = "4242424242424242"
THREE_D_SECURE_CARD = "4000000000003220"
DECLINED_CARD = "4000000000000341"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class StripePeer:
    localstripe_url: str
    stand_in: ConnectStandIn

    @property
    def api_url(self) -> str:
        return self.stand_in.url

    def post(self, path: str, data: dict, key: str = SECRET_KEY) -> dict:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.localstripe_url + path, data=body, method="POST")
        if key.startswith("sk_"):
            request.add_header("Authorization", f"Bearer {key}")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def get(self, path: str) -> dict:
        request = urllib.request.Request(self.localstripe_url + path, headers={"Authorization": f"Bearer {SECRET_KEY}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def card(self, number: str = GOOD_CARD) -> str:
        """What localstripe's Stripe.js hands our page: a card id from a token made with the public key."""
        token = self.post("/v1/tokens", {"card[number]": number, "card[exp_month]": "12", "card[exp_year]": "2034",
                                         "card[cvc]": "123", "key": PUBLISHABLE_KEY}, key=PUBLISHABLE_KEY)
        return token["card"]["id"]

    def authenticate(self, intent_id: str, success: bool = True) -> dict:
        """What the bank's 3-D Secure page does in localstripe's Stripe.js (confirmCardPayment)."""
        client_secret = self.get(f"/v1/payment_intents/{intent_id}")["client_secret"]
        request = urllib.request.Request(
            f"{self.localstripe_url}/v1/payment_intents/{intent_id}/_authenticate?success={'true' if success else 'false'}",
            data=json.dumps({"key": PUBLISHABLE_KEY, "client_secret": client_secret}).encode(), method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def send_webhooks_to(self, url: str) -> None:
        data = urllib.parse.urlencode({"url": url, "secret": WEBHOOK_SECRET}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{self.localstripe_url}/_config/webhooks/echoppe", data=data, method="POST"), timeout=10).close()

    def stop_webhooks(self) -> None:
        # localstripe cannot forget a webhook; pointing it at a closed port silences it.
        self.send_webhooks_to(f"http://127.0.0.1:{free_port()}/")


@pytest.fixture(scope="session")
def stripe_peer(tmp_path_factory):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        cwd=tmp_path_factory.mktemp("localstripe"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1).close()
            break
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    stand_in = ConnectStandIn(url).start()
    peer = StripePeer(url, stand_in)
    peer.stop_webhooks()
    yield peer
    stand_in.stop()
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, stripe_peer):
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = stripe_peer.api_url
    settings.STRIPE_JS_URL = f"{stripe_peer.api_url}/js.stripe.com/v3/"
    # Each test starts a new day at Stripe: database ids are reused between tests, idempotency keys
    # built from them must not replay an earlier test's answers.
    stripe_peer.stand_in.state.insufficient_balance.clear()
    stripe_peer.stand_in.state.idempotent.clear()
    return stripe_peer
