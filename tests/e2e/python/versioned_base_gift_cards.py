# Versioned BASE_URL ending in /v2 with version-less paths in f-strings, %-format and .format; plans and gift cards
import requests

BASE_URL = "https://flexy-api.oneclickdz.com/v2"
HEADERS = {"authorization": "e2e-test-key", "Content-Type": "application/json"}


def get(url):
    return requests.get(url, headers=HEADERS, timeout=10).json()


def main():
    me = get(f"{BASE_URL}/validate")
    print("logged in as", me["username"])
    wallet = get("%s/account/balance" % BASE_URL)
    print("wallet: %.2f DA" % wallet["balance"])

    plans = get(f"{BASE_URL}/plans/listAll")
    for plan in plans["dymanicPlans"]:
        print("flexy plan", plan["code"], "from", plan["min"], "to", plan["max"])
    print("fixed offers:", len(plans["fixedPlans"]))
    print("cheapest fixed offer:", min(p["amount"] for p in plans["fixedPlans"]))

    ref = "order-007"
    status = get(f"{BASE_URL}/topup/checkStatus/REF/{ref}")
    print(ref, "->", status["topup"]["status"], status["topup"]["amount"])
    refund = get(f"{BASE_URL}/topup/checkStatus/ID/tp-refund-010")
    print("tp-refund-010 ->", refund["topup"]["status"])

    catalogue = get(BASE_URL + "/gift-cards/catalogue")
    names = [product["name"] for product in catalogue["products"]]
    print("gift cards:", "; ".join(names))

    product = get("{}/gift-cards/checkProduct/{}".format(BASE_URL, "gc-001"))
    print("gc-001 costs", product["price"])

    for product_id, qty in (("gc-001", 1), ("gc-003", 1), ("gc-002", 5)):
        r = requests.post(
            f"{BASE_URL}/gift-cards/placeOrder",
            headers=HEADERS,
            json={"productId": product_id, "quantity": qty, "ref": f"vb-{product_id}"},
            timeout=10,
        )
        order = r.json()
        if order.get("error") == "ERR_STOCK":
            print(product_id, "is out of stock, try later")
        elif order.get("error") == "NO-BALANCE":
            print(product_id, "x", qty, "is too expensive for the wallet")
        elif order.get("error"):
            print(product_id, "order failed:", order["message"])
        else:
            print(product_id, "order", order["orderId"], order["status"])
            delivered = get(f"{BASE_URL}/gift-cards/checkOrder/{order['orderId']}")
            print("  delivered:", delivered["status"], delivered["cards"][0]["code"])

    history = get(f"{BASE_URL}/gift-cards/list?pageSize=3")
    print("orders on page", history["currentPage"], ":", len(history["orders"]), "of", history["totalResults"])
    for o in history["orders"]:
        print("  ", o["orderId"], o["productId"], o["amount"], o["status"])


if __name__ == "__main__":
    main()
