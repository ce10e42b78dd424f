"""OneClickDz Flexy API v3 client (migrated from v2): v3 host and paths, X-Access-Token,
wrapped responses {success, data, meta, requestId} and structured errors."""

import os
import time

import requests

FLEXY_BASE = "https://api.oneclickdz.com"


class FlexyError(RuntimeError):
    def __init__(self, code, message, details=None, request_id=None):
        super().__init__(message)
        self.code = code
        self.details = details
        self.request_id = request_id


class Flexy:
    def __init__(self, api_key=None, base_url=FLEXY_BASE):
        self.base_url = base_url
        self.session = requests.Session()
        self.session.headers.update({"X-Access-Token": api_key or os.environ["FLEXY_API_KEY"]})

    def request(self, method, endpoint, **kwargs):
        response = self.session.request(method, f"{self.base_url}{endpoint}", timeout=30, **kwargs)
        result = response.json()
        if not result.get("success"):
            error = result.get("error") or {}
            raise FlexyError(error.get("code"), error.get("message"), error.get("details"), result.get("requestId"))
        return result["data"]

    def balance(self):
        return self.request("GET", "/v3/account/balance")["balance"]

    def plans(self):
        data = self.request("GET", "/v3/mobile/plans")
        return data["dynamicPlans"], data["fixedPlans"]

    def send(self, plan_code, msisdn, amount, ref):
        return self.request(
            "POST",
            "/v3/mobile/send",
            json={"plan_code": plan_code, "MSSIDN": msisdn, "amount": amount, "ref": ref},
        )

    def status_by_ref(self, ref):
        return self.request("GET", f"/v3/mobile/check-ref/{ref}")["status"]

    def internet_products(self, kind):
        return self.request("GET", "/v3/internet/products", params={"type": kind})["products"]

    def check_number(self, kind, number):
        return self.request("GET", "/v3/internet/check-number", params={"type": kind, "number": number})

    def transactions(self, page=1, page_size=20):
        data = self.request("GET", "/v3/account/transactions", params={"page": page, "pageSize": page_size})
        return data["items"], data["pagination"]["totalPages"]


def send_and_wait(flexy, order, timeout=120):
    try:
        sent = flexy.send(order["plan"], order["phone"], order["amount"], order["ref"])
    except FlexyError as err:
        if err.code == "INSUFFICIENT_BALANCE":
            raise SystemExit(f"wallet empty (request {err.request_id})") from err
        if err.code == "DUPLICATED_REF":
            return flexy.status_by_ref(order["ref"])
        if err.code in ("ERR_AUTH", "ERR_VALIDATION"):
            raise
        raise
    deadline = time.time() + timeout
    status = sent.get("status", "PENDING")
    while status in ("PENDING", "HANDLING") and time.time() < deadline:
        time.sleep(5)
        status = flexy.status_by_ref(order["ref"])
    return status


def all_transactions(flexy):
    items, total_pages = flexy.transactions(1)
    for page in range(2, total_pages + 1):
        more, _ = flexy.transactions(page)
        items.extend(more)
    return items


def raw_balance_check(api_key):
    """Health check used by the monitoring probe: one request, no client object."""
    result = requests.get(
        "https://api.oneclickdz.com/v3/account/balance",
        headers={"X-Access-Token": api_key},
        timeout=10,
    ).json()
    if not result["success"]:
        return f"{result['error']['code']}: {result['error']['message']}"
    return "ok, balance %s" % result["data"]["balance"]
