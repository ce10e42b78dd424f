# A urllib helper `flexy_get/flexy_post` that returns the decoded body for every status (an
# HTTPError's body included); callers test `if "error" in result` and print `message`, with
# no try/except. (Breakage kind: the helper starts raising an exception its callers never
# catch.)
import json
import os
import urllib.error
import urllib.request

FLEXY_URL = "https://flexy-api.oneclickdz.com"
KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")


def _call(request):
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as err:
        return json.loads(err.read())


def flexy_get(path, key=KEY):
    return _call(urllib.request.Request(FLEXY_URL + path, headers={"authorization": key}))


def flexy_post(path, payload):
    headers = {"authorization": KEY, "Content-Type": "application/json"}
    return _call(urllib.request.Request(FLEXY_URL + path, data=json.dumps(payload).encode(), headers=headers))


def report(label, result, field):
    if "error" in result:
        print(f"{label}: error - {result['message']}")
    else:
        print(f"{label}: {result[field]}")


report("balance", flexy_get("/v2/account/balance"), "balance")
report("stolen key", flexy_get("/v2/account/balance", key="stolen"), "balance")
report("gc-002", flexy_get("/v2/gift-cards/checkProduct/gc-002"), "name")
report("gc-999", flexy_get("/v2/gift-cards/checkProduct/gc-999"), "name")

orders = [
    {"productId": "gc-001", "quantity": 1, "ref": "wr-1901"},
    {"productId": "gc-003", "quantity": 1, "ref": "wr-1902"},
    {"productId": "gc-002", "quantity": 2, "ref": "wr-1903"},
    {"productId": "gc-001", "ref": "wr-1904"},
]
placed = 0
for order in orders:
    result = flexy_post("/v2/gift-cards/placeOrder", order)
    report(order["ref"], result, "orderId")
    if "error" not in result:
        placed += 1
print(f"placed {placed} of {len(orders)}")

check = flexy_get("/v2/gift-cards/checkOrder/ord-wr-1901")
if "error" in check:
    print("ord-wr-1901:", check["message"])
else:
    print("ord-wr-1901:", check["status"], [card["code"] for card in check["cards"]])
