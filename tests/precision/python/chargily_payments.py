"""Chargily Pay v2 (EDAHABIA / CIB) for the Django shop, with a synchronous httpx client:
checkouts, merchant balance, and the old SATIM gateway kept for refunds of old orders."""

from __future__ import annotations

import hashlib
import hmac
import logging
from decimal import Decimal

import httpx
from django.conf import settings

log = logging.getLogger(__name__)

LIVE_URL = "https://pay.chargily.net/api/v2"
TEST_URL = "https://pay.chargily.net/test/api/v2"


class ChargilyError(Exception):
    def __init__(self, message, status=None, errors=None):
        super().__init__(message)
        self.status = status
        self.errors = errors or {}


class Chargily:
    def __init__(self, secret_key: str, live: bool = False, timeout: float = 20.0):
        self.secret_key = secret_key
        self.client = httpx.Client(
            base_url=LIVE_URL if live else TEST_URL,
            headers={"Authorization": f"Bearer {secret_key}", "Accept": "application/json"},
            timeout=timeout,
        )

    def request(self, method: str, path: str, **kwargs) -> dict:
        response = self.client.request(method, path, **kwargs)
        body = response.json()
        if response.is_error:
            raise ChargilyError(body.get("message", "Chargily error"), response.status_code, body.get("errors"))
        return body

    def create_checkout(self, order, success_url: str, failure_url: str, webhook_url: str) -> dict:
        checkout = self.request(
            "POST",
            "/checkouts",
            json={
                "amount": int(order.total_dzd),
                "currency": "dzd",
                "payment_method": order.payment_method or "edahabia",
                "success_url": success_url,
                "failure_url": failure_url,
                "webhook_endpoint": webhook_url,
                "metadata": {"order_id": str(order.pk)},
            },
        )
        return {"id": checkout["id"], "url": checkout["checkout_url"]}

    def balance(self) -> Decimal:
        body = self.request("GET", "/balance")
        for wallet in body["wallets"]:
            if wallet["currency"] == "dzd":
                return Decimal(str(wallet["ready_for_payout"]))
        return Decimal("0")

    def checkouts(self, page: int = 1) -> dict:
        body = self.request("GET", "/checkouts", params={"page": page, "per_page": 25})
        return {
            "items": [{"id": c["id"], "amount": c["amount"], "status": c["status"]} for c in body["data"]],
            "current_page": body["current_page"],
            "last_page": body["last_page"],
        }

    def verify_webhook(self, payload: bytes, signature: str) -> bool:
        computed = hmac.new(self.secret_key.encode(), payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(computed, signature or "")


def satim_balance(terminal_id: str) -> Decimal:
    response = httpx.get(
        "https://epg.satim.dz/api/v2/account/balance",
        params={"terminal": terminal_id},
        auth=(settings.SATIM_USER, settings.SATIM_PASSWORD),
        timeout=30,
    )
    body = response.json()
    if body.get("errorCode", "0") != "0":
        log.error("SATIM balance failed: %s", body.get("errorMessage"))
        raise ChargilyError(body.get("errorMessage", "SATIM error"), response.status_code)
    return Decimal(str(body["balance"]))


def chargily() -> Chargily:
    return Chargily(settings.CHARGILY_SECRET_KEY, live=settings.CHARGILY_LIVE)
