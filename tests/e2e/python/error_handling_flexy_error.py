# Helper raising FlexyError(data["message"]) with .code when data.get("error"); try/except on err.code, match on data["error"]
import requests

BASE_URL = "https://flexy-api.oneclickdz.com"
API_KEY = "e2e-test-key"


class FlexyError(Exception):
    code = None


def flexy(method, path, payload=None):
    resp = requests.request(method, BASE_URL + path, headers={"authorization": API_KEY}, json=payload, timeout=10)
    data = resp.json()
    if data.get("error"):
        err = FlexyError(data["message"])
        err.code = data["error"]
        raise err
    return data


def send(ref, amount, phone="0551234567"):
    try:
        result = flexy("POST", "/v2/topup/sendTopup", {"plan_code": "PREPAID_MOBILIS", "MSSIDN": phone, "amount": amount, "ref": ref})
        print(ref, "sent:", result["topupId"], "balance now", result["newBalance"])
    except FlexyError as err:
        if err.code == "NO-BALANCE":
            print(ref, "refused: please recharge the account")
        elif err.code == "DUPLICATED-REF":
            print(ref, "refused: this reference was already used")
        else:
            print(ref, "failed:", err)


def main():
    account = flexy("GET", "/v2/account/balance")
    print("balance:", account["balance"])

    send("err-5001", 1000)
    send("dup-5001", 100)
    send("err-5002", 2000)
    send("err-5003", 100, phone="0812345678")

    for product_id in ("gc-003", "gc-404"):
        try:
            order = flexy("POST", "/v2/gift-cards/placeOrder", {"productId": product_id, "quantity": 1, "ref": "err-gift-" + product_id})
            print(product_id, "ordered:", order["orderId"])
        except FlexyError as err:
            print(product_id, "not ordered:", str(err))

    try:
        status = flexy("GET", "/v2/topup/checkStatus/ID/missing-77")
        print("missing-77:", status["topup"]["status"])
    except FlexyError as err:
        print("missing-77 lookup:", err, "(not found)" if err.code == "NOT_FOUND" else "")

    # Calls that bypass the helper and inspect the body directly
    for key in ("wrong-key", None):
        headers = {"authorization": key} if key else {}
        data = requests.get(BASE_URL + "/v2/account/balance", headers=headers, timeout=10).json()
        if data.get("error") in ("Forbidden", "Access token missing"):
            print("auth problem:", data["message"])
        else:
            print("balance with key", key, ":", data["balance"])

    attempts = [
        {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0771234567", "amount": 9000, "ref": "err-5101"},
        {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "077", "amount": 100, "ref": "err-5102"},
        {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0771234567", "ref": "err-5103"},
        {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0771234567", "amount": 300, "ref": "dup-5104"},
        {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0771234567", "amount": 300, "ref": "err-5105"},
    ]
    for body in attempts:
        data = requests.post(BASE_URL + "/v2/topup/sendTopup", headers={"authorization": API_KEY}, json=body, timeout=10).json()
        if "error" not in data:
            print(body["ref"], "ok, new balance", data["newBalance"])
            continue
        match data["error"]:
            case "NO-BALANCE":
                print(body["ref"], "balance too low:", data["message"])
            case "ERR_PHONE":
                print(body["ref"], "bad phone:", data["message"])
            case "ERR_VALIDATION":
                print(body["ref"], "bad request:", data["message"])
            case "DUPLICATED-REF":
                print(body["ref"], "duplicate:", data["message"])
            case _:
                print(body["ref"], "other error:", data["message"])


if __name__ == "__main__":
    main()
