# A client module (flexy_client.py) raising FlexyError with the v2 error in `code`, a module
# of callers comparing `err.code` (topups.py), and this entry file doing the same.
import flexy_client
from topups import send_topup


def main():
    account = flexy_client.call("GET", "/v2/account/balance")
    print("balance:", account["balance"])

    for ref, phone, amount in (("rc-8101", "0661223344", 500), ("rc-8102", "0661223344", 9000), ("dup-8103", "0661223344", 500)):
        print(send_topup(ref, phone, amount))

    try:
        status = flexy_client.call("GET", "/v2/topup/checkStatus/REF/missing-8105")
        print("missing-8105:", status["topup"]["status"])
    except flexy_client.FlexyError as err:
        print("missing-8105:", "no such top-up" if err.code == "NOT_FOUND" else str(err))

    try:
        order = flexy_client.call("POST", "/v2/gift-cards/placeOrder", {"productId": "gc-001", "quantity": 50, "ref": "rc-8104"})
        print("order", order["orderId"])
    except flexy_client.FlexyError as err:
        if err.code in ("NO-BALANCE", "Forbidden"):
            print("gift card: not enough balance or no access")
        else:
            print("gift card refused:", err.status)


main()
