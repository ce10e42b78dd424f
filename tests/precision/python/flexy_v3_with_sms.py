"""Top-up notifications: a Flexy client already on v3, beside an SMS gateway whose errors are
plain strings ("Forbidden", "Access token missing"), a requests auth class for the partner API
and an import result with its own error. Nothing here is Flexy v2 code."""
import base64
import os

import requests

FLEXY_V3 = "https://api.oneclickdz.com/v3"


def flexy_balance(api_key):
    result = requests.get(
        f"{FLEXY_V3}/account/balance", headers={"X-Access-Token": api_key}, timeout=10
    ).json()
    if not result["success"]:
        raise RuntimeError(f"Flexy: {result['error']['code']} {result['error']['message']}")
    return result["data"]["balance"]


class SmsGateway:
    """The SMS gateway's URL and key come from the environment."""

    def __init__(self):
        self.url = os.environ["SMS_GATEWAY_URL"]
        self.http = requests.Session()
        self.http.headers["X-Api-Key"] = os.environ["SMS_KEY"]

    def send(self, to, text):
        body = self.http.post(self.url, json={"to": to, "text": text}, timeout=10).json()
        if body.get("error") in ("Forbidden", "Access token missing"):
            print("the SMS gateway refused our key")
            return False
        return "error" not in body


class PartnerAuth(requests.auth.AuthBase):
    """HTTP Basic auth for the partner API."""

    def __init__(self, user, password):
        self.user = user
        self.password = password

    def __call__(self, r):
        pair = f"{self.user}:{self.password}".encode()
        r.headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        return r


class ImportResult:
    def __init__(self):
        self.error = None
        self.message = ""

    def summary(self):
        if self.error:
            return "Import failed: " + self.error
        return "Import done"


def notify_low_balance(api_key, phone):
    balance = flexy_balance(api_key)
    if balance < 1000:
        SmsGateway().send(phone, f"Flexy balance is low: {balance} DZD")
    return balance
