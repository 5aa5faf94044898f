"""A local stand-in for Stripe Connect, in front of localstripe — for the demo and the tests only.

localstripe (a fake Stripe server) implements PaymentIntents, refunds, Stripe.js and signed webhooks,
but no Connect: no accounts, account links, transfers or reversals. This small HTTP server answers
those endpoints itself, with objects shaped like Stripe's documented ones, and forwards every other
request to localstripe unchanged. It is never used when real Stripe keys are configured: it is the
external boundary, simulated, and says so in every object it makes ("localstripe_connect": true).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import json
import os
import re
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ONBOARDING_REQUIREMENTS = ["external_account", "individual.verification.document", "tos_acceptance.date"]


def _id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(8)}"


def _error(status: int, message: str, code: str = "", kind: str = "invalid_request_error") -> tuple[int, dict]:
    return status, {"error": {"type": kind, "code": code or None, "message": message}}


class ConnectState:
    """Accounts, transfers and reversals, in memory; idempotency keys replay the first answer."""

    def __init__(self, path: str = ""):
        self.path = path
        self.lock = threading.Lock()
        self.accounts: dict[str, dict] = {}
        self.transfers: dict[str, dict] = {}
        self.idempotent: dict[str, tuple[int, dict]] = {}
        # Accounts whose balance cannot cover a reversal (set by tests, to see how it is handled).
        self.insufficient_balance: set[str] = set()
        self.requests: list[tuple[str, str, dict]] = []
        if path and os.path.exists(path):
            with open(path) as saved:
                kept = json.load(saved)
            self.accounts, self.transfers = kept["accounts"], kept["transfers"]

    def save(self) -> None:
        """Keep accounts and transfers across restarts of the demo (localstripe keeps its own store)."""
        if self.path:
            with open(self.path, "w") as kept:
                json.dump({"accounts": self.accounts, "transfers": self.transfers}, kept)

    def new_account(self, form: dict) -> dict:
        account = {
            "id": _id("acct"), "object": "account", "type": form.get("type", "express"), "country": form.get("country", "FR"),
            "email": form.get("email"), "default_currency": form.get("default_currency", "eur"),
            "charges_enabled": False, "payouts_enabled": False, "details_submitted": False,
            "requirements": {"currently_due": list(ONBOARDING_REQUIREMENTS), "past_due": [], "eventually_due": [], "disabled_reason": "requirements.past_due"},
            "capabilities": {"card_payments": "inactive", "transfers": "inactive"},
            "metadata": {key[9:-1]: value for key, value in form.items() if key.startswith("metadata[")},
            "created": int(time.time()), "livemode": False, "localstripe_connect": True,
        }
        self.accounts[account["id"]] = account
        return account

    def complete_onboarding(self, account_id: str) -> dict:
        account = self.accounts[account_id]
        account.update(charges_enabled=True, payouts_enabled=True, details_submitted=True,
                       capabilities={"card_payments": "active", "transfers": "active"})
        account["requirements"] = {"currently_due": [], "past_due": [], "eventually_due": [], "disabled_reason": None}
        return account


class ConnectStandIn:
    """Serve Connect locally and forward the rest to ``upstream`` (localstripe)."""

    def __init__(self, upstream: str, host: str = "127.0.0.1", port: int = 0, webhook_url: str = "", webhook_secret: str = "",
                 state_file: str = ""):
        self.upstream = upstream.rstrip("/")
        self.state = ConnectState(state_file)
        self.webhook_url, self.webhook_secret = webhook_url, webhook_secret
        self.server = ThreadingHTTPServer((host, port), self._handler_class())
        self.server.daemon_threads = True
        self.url = f"http://{host}:{self.server.server_address[1]}"
        self._thread: threading.Thread | None = None

    def start(self) -> ConnectStandIn:
        self._thread = threading.Thread(target=self.server.serve_forever, name="connect-stand-in", daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- Connect endpoints ------------------------------------------------------------------

    def handle_connect(self, method: str, path: str, form: dict, headers) -> tuple[int, dict] | None:
        """Answer a Connect request, or None to forward it to localstripe."""
        routes = (
            ("POST", r"^/v1/accounts$", self._create_account),
            ("GET", r"^/v1/accounts/(acct_\w+)$", self._get_account),
            ("POST", r"^/v1/account_links$", self._create_account_link),
            ("POST", r"^/v1/transfers$", self._create_transfer),
            ("GET", r"^/v1/transfers/(tr_\w+)$", self._get_transfer),
            ("POST", r"^/v1/transfers/(tr_\w+)/reversals$", self._create_reversal),
        )
        for route_method, pattern, handler in routes:
            match = re.match(pattern, path)
            if match and method == route_method:
                key = headers.get("Idempotency-Key")
                with self.state.lock:
                    self.state.requests.append((method, path, form))
                    if method == "POST" and key and key in self.state.idempotent:
                        return self.state.idempotent[key]
                    answer = handler(form, *match.groups())
                    if method == "POST" and key and answer[0] < 500:
                        self.state.idempotent[key] = answer
                    if method == "POST":
                        self.state.save()
                    return answer
        return None

    def _create_account(self, form):
        return 200, self.state.new_account(form)

    def _get_account(self, form, account_id):
        account = self.state.accounts.get(account_id)
        return (200, account) if account else _error(404, f"No such account: '{account_id}'", "resource_missing")

    def _create_account_link(self, form):
        account_id = form.get("account", "")
        if account_id not in self.state.accounts:
            return _error(404, f"No such account: '{account_id}'", "resource_missing")
        query = urllib.parse.urlencode({"return_url": form.get("return_url", ""), "refresh_url": form.get("refresh_url", "")})
        return 200, {"object": "account_link", "url": f"{self.url}/connect/onboarding/{account_id}?{query}",
                     "created": int(time.time()), "expires_at": int(time.time()) + 300}

    def _create_transfer(self, form):
        destination = self.state.accounts.get(form.get("destination", ""))
        if destination is None:
            return _error(400, "No such destination", "account_invalid")
        if not destination["payouts_enabled"]:
            return _error(400, "The destination account cannot receive transfers yet", "account_invalid")
        try:
            amount = int(form.get("amount", ""))
        except ValueError:
            return _error(400, "Invalid integer: amount", "parameter_invalid_integer")
        if amount <= 0 or form.get("currency") != "eur":
            return _error(400, "Invalid amount or currency", "parameter_invalid")
        transfer = {
            "id": _id("tr"), "object": "transfer", "amount": amount, "amount_reversed": 0, "currency": "eur",
            "destination": destination["id"], "source_transaction": form.get("source_transaction"),
            "transfer_group": form.get("transfer_group"), "reversed": False, "created": int(time.time()),
            "metadata": {key[9:-1]: value for key, value in form.items() if key.startswith("metadata[")},
            "reversals": {"object": "list", "data": [], "has_more": False, "total_count": 0},
            "livemode": False, "localstripe_connect": True,
        }
        self.state.transfers[transfer["id"]] = transfer
        return 200, transfer

    def _get_transfer(self, form, transfer_id):
        transfer = self.state.transfers.get(transfer_id)
        return (200, transfer) if transfer else _error(404, f"No such transfer: '{transfer_id}'", "resource_missing")

    def _create_reversal(self, form, transfer_id):
        transfer = self.state.transfers.get(transfer_id)
        if transfer is None:
            return _error(404, f"No such transfer: '{transfer_id}'", "resource_missing")
        amount = int(form.get("amount") or transfer["amount"] - transfer["amount_reversed"])
        if amount <= 0 or amount > transfer["amount"] - transfer["amount_reversed"]:
            return _error(400, "Amount greater than the transfer's unreversed amount", "parameter_invalid")
        if transfer["destination"] in self.state.insufficient_balance:
            return _error(400, "Insufficient funds in the connected account's balance to reverse this transfer", "balance_insufficient")
        reversal = {"id": _id("trr"), "object": "transfer_reversal", "amount": amount, "currency": "eur", "transfer": transfer_id,
                    "created": int(time.time()), "metadata": {}, "localstripe_connect": True}
        transfer["amount_reversed"] += amount
        transfer["reversed"] = transfer["amount_reversed"] == transfer["amount"]
        transfer["reversals"]["data"].append(reversal)
        transfer["reversals"]["total_count"] += 1
        return 200, reversal

    # --- Stripe's hosted onboarding, simulated ------------------------------------------------

    def onboarding_page(self, account_id: str, query: dict) -> str:
        return_url = html.escape(query.get("return_url", ""))
        return (
            "<!doctype html><html lang='fr'><meta charset='utf-8'><title>Stripe Connect (démo)</title>"
            "<body style='font-family:sans-serif;max-width:40em;margin:3em auto'>"
            "<h1>Inscription Stripe Connect — démonstration</h1>"
            f"<p>Compte <code>{html.escape(account_id)}</code>. Sur le vrai Stripe, l'artisan donnerait ici son identité "
            "et son IBAN. Ce serveur local de démonstration valide le compte d'un clic.</p>"
            f"<form method='post'><input type='hidden' name='return_url' value='{return_url}'>"
            "<button type='submit'>Terminer l'inscription</button></form></body></html>"
        )

    def send_event(self, event_type: str, data_object: dict) -> None:
        """Post a signed event to the configured webhook, like Stripe (and localstripe) do."""
        if not (self.webhook_url and self.webhook_secret):
            return
        event = {"id": _id("evt"), "object": "event", "type": event_type, "created": int(time.time()),
                 "data": {"object": data_object}, "livemode": False, "api_version": None}
        payload = json.dumps(event).encode()
        timestamp = int(time.time())
        signature = hmac.new(self.webhook_secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
        request = urllib.request.Request(self.webhook_url, data=payload, method="POST", headers={
            "Content-Type": "application/json", "Stripe-Signature": f"t={timestamp},v1={signature}"})
        try:
            urllib.request.urlopen(request, timeout=10).close()
        except (urllib.error.URLError, OSError):
            pass  # Stripe would retry; the return page and reconciliation read the account anyway.

    # --- HTTP plumbing --------------------------------------------------------------------------

    def _handler_class(self):
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _body(self) -> bytes:
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _send(self, status: int, body: bytes, content_type: str = "application/json", extra: dict | None = None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _dispatch(self, method: str):
                parsed = urllib.parse.urlsplit(self.path)
                body = self._body()
                onboarding = re.match(r"^/connect/onboarding/(acct_\w+)$", parsed.path)
                if onboarding:
                    return self._onboarding(method, onboarding.group(1), parsed, body)
                form = dict(urllib.parse.parse_qsl(body.decode() if method == "POST" else parsed.query, keep_blank_values=True))
                answer = stand_in.handle_connect(method, parsed.path, form, self.headers)
                if answer is not None:
                    return self._send(answer[0], json.dumps(answer[1]).encode())
                return self._forward(method, body)

            def _onboarding(self, method, account_id, parsed, body):
                if account_id not in stand_in.state.accounts:
                    return self._send(404, b"unknown account", "text/plain")
                if method == "GET":
                    query = dict(urllib.parse.parse_qsl(parsed.query))
                    return self._send(200, stand_in.onboarding_page(account_id, query).encode(), "text/html; charset=utf-8")
                with stand_in.state.lock:
                    account = stand_in.state.complete_onboarding(account_id)
                    stand_in.state.save()
                threading.Thread(target=stand_in.send_event, args=("account.updated", dict(account)), daemon=True).start()
                return_url = dict(urllib.parse.parse_qsl(body.decode())).get("return_url", "/")
                return self._send(303, b"", "text/plain", {"Location": return_url})

            def _forward(self, method: str, body: bytes):
                headers = {name: value for name, value in self.headers.items() if name.lower() not in ("host", "content-length", "connection")}
                request = urllib.request.Request(stand_in.upstream + self.path, data=body or None, method=method, headers=headers)
                try:
                    with urllib.request.urlopen(request, timeout=30) as response:
                        status, content, response_headers = response.status, response.read(), response.headers
                except urllib.error.HTTPError as error:
                    status, content, response_headers = error.code, error.read(), error.headers
                except (urllib.error.URLError, OSError) as error:
                    return self._send(502, json.dumps({"error": {"type": "api_error", "message": str(error)}}).encode())
                passed = {name: value for name, value in response_headers.items() if name.lower().startswith("access-control-")}
                self._send(status, content, response_headers.get("Content-Type", "application/json"), passed)

            def do_GET(self):
                self._dispatch("GET")

            def do_POST(self):
                self._dispatch("POST")

            def do_DELETE(self):
                self._dispatch("DELETE")

            def do_OPTIONS(self):
                self._dispatch("OPTIONS")

        return Handler

