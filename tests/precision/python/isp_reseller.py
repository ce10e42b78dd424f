"""Home internet subscriptions resold through the regional ISP's reseller API (v2). The ISP
takes the raw reseller key in a lowercase authorization header."""

import os
from urllib.parse import quote

import requests

ISP_BASE = os.environ.get("ISP_API_URL", "https://reseller.fibernet-isp.com")


class IspError(Exception):
    pass


class IspReseller:
    def __init__(self, key=None, base=ISP_BASE):
        self.base = base.rstrip("/")
        self.session = requests.Session()
        self.session.headers["authorization"] = key or os.environ["ISP_RESELLER_KEY"]
        self.session.headers["accept"] = "application/json"

    def _get(self, url, **params):
        response = self.session.get(url, params=params or None, timeout=30)
        body = response.json()
        if response.status_code == 401 or body.get("error") == "Access token missing":
            raise IspError("the ISP rejected the reseller key")
        return body

    def offers(self, technology):
        body = self._get("%s/v2/internet/offers" % self.base, technology=technology)
        return [
            {
                "code": p["code"],
                "label": p["label"],
                "speed": "{}/{} Mbps".format(p["downMbps"], p["upMbps"]),
                "price": float(p["price"]),
            }
            for p in body["products"]
        ]

    def eligibility(self, line):
        body = self._get("{}/v2/internet/eligibility/{}".format(self.base, quote(line)))
        if body.get("error"):
            return {"eligible": False, "reason": body.get("message")}
        return {"eligible": body["eligible"], "technologies": body["technologies"]}

    def subscribe(self, line, offer, customer):
        response = self.session.post(
            self.base + "/v2/internet/subscriptions",
            json={"line": line, "offer": offer, "customer": customer},
            timeout=30,
        )
        body = response.json()
        if body.get("error") == "Forbidden":
            raise IspError(f"this reseller account cannot sell {offer}")
        return body["subscription"]

    def subscriptions(self, page=1):
        body = self._get(f"{self.base}/v2/internet/subscriptions", page=page, per_page=100)
        pagination = body["meta"]["pagination"]
        return body["data"]["items"], pagination["currentPage"], pagination["totalPages"]

    def active_subscriptions(self):
        page, pages = 1, 1
        active = []
        while page <= pages:
            items, page, pages = self.subscriptions(page)
            active.extend(s for s in items if s["status"] == "active")
            page += 1
        return active

    def suspend(self, subscription_id, reason):
        response = self.session.post(
            f"{self.base}/v2/internet/subscriptions/{subscription_id}/suspend", json={"reason": reason}, timeout=30
        )
        if response.status_code >= 400:
            raise IspError("suspend failed: %s" % response.json().get("message", response.status_code))
