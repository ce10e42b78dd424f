"""Reseller helper: balance, plans, one mobile top-up, its status, ADSL cards and transactions (Flexy API v2).

Environment: FLEXY_API_KEY (required), FLEXY_BASE_URL (defaults to the production host).
"""
import os
import sys

import requests

BASE_URL = os.environ.get("FLEXY_BASE_URL", "https://flexy-api.oneclickdz.com")


class FlexyError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


class FlexyClient:
    def __init__(self, api_key, base_url=BASE_URL, timeout=15):
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()
        self.session.headers.update({"authorization": api_key, "Accept": "application/json"})

    def _request(self, method, path, **kwargs):
        resp = self.session.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        body = resp.json()
        if isinstance(body, dict) and body.get("error"):
            raise FlexyError(body["error"], body.get("message", ""))
        return body

    def balance(self):
        return self._request("GET", "/v2/account/balance")["balance"]

    def plans(self):
        data = self._request("GET", "/v2/plans/listAll")
        return data["dymanicPlans"], data["fixedPlans"]

    def send_topup(self, plan_code, phone, amount, ref):
        payload = {"plan_code": plan_code, "MSSIDN": phone, "amount": amount, "ref": ref}
        return self._request("POST", "/v2/topup/sendTopup", json=payload)

    def topup_status(self, ref):
        return self._request("GET", f"/v2/topup/checkStatus/REF/{ref}")["topup"]

    def internet_cards(self, card_type):
        return self._request("GET", f"/v2/internet/checkCards/{card_type}")

    def transactions(self, page=1, page_size=10):
        return self._request("GET", "/v2/account/transactions", params={"page": page, "pageSize": page_size})


def main():
    api_key = os.environ.get("FLEXY_API_KEY")
    if not api_key:
        sys.exit("FLEXY_API_KEY is not set")
    client = FlexyClient(api_key)

    print(f"balance: {client.balance():.2f} DA")

    dynamic, fixed = client.plans()
    print(f"plans: {len(dynamic)} dynamic, {len(fixed)} fixed")

    ref = "order-123"
    try:
        sent = client.send_topup("PREPAID_DJEZZY", "0778037340", 500, ref)
        print(f"sent: {sent['topupId']} (new balance {sent['newBalance']:.2f} DA)")
    except FlexyError as err:
        if err.code == "NO-BALANCE":
            print("send failed: not enough balance")
        elif err.code == "DUPLICATED-REF":
            print(f"send failed: {ref} was already used")
        else:
            print(f"send failed: {err.message}")

    topup = client.topup_status(ref)
    print(f"status of {ref}: {topup['status']} ({topup['MSSIDN']})")

    for card in client.internet_cards("ADSL"):
        state = "available" if card["available"] else "out of stock"
        print(f"ADSL {card['value']} DA: {state}")

    page = client.transactions()
    print(f"transactions: {len(page['transactions'])} shown, {page['totalResults']} total, "
          f"page {page['currentPage']}/{page['totalPages']}")


if __name__ == "__main__":
    main()
