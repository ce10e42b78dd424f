# urllib.request helper returning json.loads(resp.read()), HTTPError bodies read with e.read(); callers read fields
import json
import urllib.error
import urllib.request

BASE = "https://flexy-api.oneclickdz.com"
KEY = "e2e-test-key"


def call(path, payload=None):
    headers = {"authorization": KEY, "Accept": "application/json"}
    body = None
    if payload is not None:
        body = json.dumps(payload).encode("utf-8")
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(BASE + path, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())
    except urllib.error.HTTPError as e:
        return json.loads(e.read())


def main():
    info = call("/v2/validate")
    print("key valid:", info["valid"])
    print("account:", info["username"])

    bal = call("/v2/account/balance")
    print("balance: {:.2f}".format(bal["balance"]))

    for number in ("036123456", "12"):
        check = call("/v2/internet/checkNumber/ADSL/" + number)
        if "error" in check:
            print("number", number, "error:", check["message"])
        else:
            print("number", check["number"], "valid for", check["type"], ":", check["valid"])

    sent = call("/v2/internet/sendTopup", {"type": "ADSL", "number": "036123456", "value": 1000, "ref": "url-3001"})
    if "error" in sent:
        print("internet top-up failed:", sent["message"])
    else:
        print("internet top-up:", sent["topupId"], sent["topupRef"])
        print("balance after: {:.2f}".format(sent["newBalance"]))

    again = call("/v2/internet/sendTopup", {"type": "ADSL", "number": "036123456", "value": 1000, "ref": "dup-3001"})
    if "error" in again and again["error"] == "DUPLICATED-REF":
        print("internet top-up skipped: reference already used")
    elif "error" in again:
        print("internet top-up failed:", again["message"])

    status = call("/v2/internet/checkStatus/ID/tp-url-3001")
    if "error" not in status:
        print("internet status:", status["topup"]["status"])

    for product_id in ("gc-002", "gc-999"):
        product = call("/v2/gift-cards/checkProduct/" + product_id)
        if "error" in product:
            print("product", product_id, "->", product["message"])
        else:
            print("product", product_id, "->", product["name"])

    order = call("/v2/gift-cards/checkOrder/ord-url-3002")
    if "error" in order:
        print("order lookup failed:", order["message"])
    else:
        print("order", order["orderId"], "is", order["status"], "with", len(order["cards"]), "card(s)")
        for card in order["cards"]:
            print("  code:", card["code"])


if __name__ == "__main__":
    main()
