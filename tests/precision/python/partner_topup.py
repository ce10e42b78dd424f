"""Fallback airtime provider (a second telco aggregator, REST API v2) used when the primary
top-up provider is down. requests Session; OAuth client-credentials token."""

import logging
import os
import time

import requests

log = logging.getLogger(__name__)

PARTNER_BASE = os.environ.get("PARTNER_BASE", "https://api.airtime-partner.com")


class PartnerError(Exception):
    pass


class PartnerTopup:
    def __init__(self, client_id, client_secret, base_url=PARTNER_BASE):
        self.base_url = base_url
        self.client_id = client_id
        self.client_secret = client_secret
        self.session = requests.Session()
        self._token = None
        self._expires = 0

    def _auth_header(self):
        if not self._token or time.time() >= self._expires:
            resp = self.session.post(
                f"{self.base_url}/oauth/token",
                json={"grant_type": "client_credentials", "client_id": self.client_id, "client_secret": self.client_secret},
                timeout=15,
            )
            token = resp.json()
            self._token = token["access_token"]
            self._expires = time.time() + token["expires_in"] - 60
        return "Bearer " + self._token

    def request(self, method, path, **kwargs):
        auth = self._auth_header()
        resp = self.session.request(
            method,
            self.base_url + path,
            headers={"authorization": auth, "content-type": "application/json"},
            timeout=30,
            **kwargs,
        )
        return resp.json()

    def operators(self, country):
        result = self.request("GET", "/v2/operators", params={"country": country})
        return {p["id"]: p["name"] for p in result["products"]}

    def send_topup(self, msisdn, operator_id, amount, reference):
        result = self.request(
            "POST",
            "/v2/topup",
            json={"recipient": msisdn, "operatorId": operator_id, "amount": amount, "customIdentifier": reference},
        )
        if result.get("error") == "NO-BALANCE":
            raise PartnerError("partner wallet is empty")
        if result.get("error"):
            raise PartnerError("%s: %s" % (result["error"], result.get("message")))
        topup = result["topup"]
        return {"id": topup["id"], "status": topup["status"], "delivered": topup["deliveredAmount"]}

    def status(self, topup_id):
        result = self.request("GET", "/v2/topup/{}".format(topup_id))
        return result["topup"]["status"]

    def history(self, page=1):
        result = self.request("GET", "/v2/topup/list", params={"page": page})
        log.info("partner page %s/%s (%s topups)", result["currentPage"], result["totalPages"], result["totalResults"])
        return result["topups"]

    def balance(self):
        result = self.request("GET", "/v2/account/balance")
        return float(result["balance"])


def send_with_failover(primary, partner, order):
    try:
        return primary(order)
    except Exception as exc:  # noqa: BLE001
        log.warning("primary provider failed (%s), using partner", exc)
        return partner.send_topup(order["phone"], order["operator_id"], order["amount"], "FO-%s" % order["id"])
