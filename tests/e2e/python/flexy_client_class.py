# Client class with _request(method, path, **kwargs) returning resp.json(); callers compare result.get("error")
import requests


class FlexyClient:
    def __init__(self, api_key, base_url="https://flexy-api.oneclickdz.com"):
        self.api_key = api_key
        self.base_url = base_url

    def _request(self, method, path, **kwargs):
        headers = {"authorization": self.api_key, "Accept": "application/json"}
        resp = requests.request(method, self.base_url + path, headers=headers, timeout=10, **kwargs)
        return resp.json()

    def balance(self):
        data = self._request("GET", "/v2/account/balance")
        return data["balance"]

    def plan_codes(self):
        data = self._request("GET", "/v2/plans/listAll")
        dynamic = [p["code"] for p in data["dymanicPlans"]]
        fixed = [p["code"] for p in data["fixedPlans"]]
        return dynamic, fixed

    def send_topup(self, plan_code, phone, amount, ref):
        payload = {"plan_code": plan_code, "MSSIDN": phone, "amount": amount, "ref": ref}
        return self._request("POST", "/v2/topup/sendTopup", json=payload)

    def topup_by_id(self, topup_id):
        return self._request("GET", f"/v2/topup/checkStatus/ID/{topup_id}")

    def gift_catalogue(self):
        return self._request("GET", "/v2/gift-cards/catalogue")

    def place_gift_order(self, product_id, quantity, ref):
        body = {"productId": product_id, "quantity": quantity, "ref": ref}
        return self._request("POST", "/v2/gift-cards/placeOrder", json=body)

    def gift_orders(self, page, page_size=4):
        return self._request("GET", "/v2/gift-cards/list", params={"page": page, "pageSize": page_size})


def main():
    client = FlexyClient("e2e-test-key")
    print("balance:", client.balance())

    dynamic, fixed = client.plan_codes()
    print("dynamic plans:", ", ".join(dynamic))
    print("fixed plans:", ", ".join(fixed))

    for ref, amount in (("cls-2001", 200), ("dup-2001", 200), ("cls-2002", 99999)):
        result = client.send_topup("PREPAID_OOREDOO", "0661234567", amount, ref)
        if result.get("error") == "NO-BALANCE":
            print(ref, "-> not enough balance:", result["message"])
        elif result.get("error") == "DUPLICATED-REF":
            print(ref, "-> already sent:", result["message"])
        elif result.get("error"):
            print(ref, "-> failed:", result["message"])
        else:
            print(ref, "-> sent as", result["topupId"], "new balance %.2f" % result["newBalance"])

    status = client.topup_by_id("tp-cls-2001")
    if status.get("error") == "NOT_FOUND":
        print("tp-cls-2001: unknown top-up")
    else:
        print("tp-cls-2001:", status["topup"]["status"], status["topup"]["MSSIDN"])

    catalogue = client.gift_catalogue()
    print("gift products:", len(catalogue["products"]))
    for product in catalogue["products"]:
        print("  product:", product["id"], product["name"])

    order = client.place_gift_order("gc-001", 2, "cls-gift-1")
    if order.get("error") == "ERR_STOCK":
        print("gift order refused: out of stock")
    elif order.get("error"):
        print("gift order failed:", order["message"])
    else:
        print("gift order:", order["orderId"], order["status"])

    page = 1
    while True:
        history = client.gift_orders(page)
        delivered = [o["orderId"] for o in history["orders"] if o["status"] == "DELIVERED"]
        print("orders page", history["currentPage"], "delivered:", len(delivered), "of", len(history["orders"]))
        if history["currentPage"] >= history["totalPages"]:
            break
        page += 1
    print("orders in total:", history["totalResults"])


if __name__ == "__main__":
    main()
