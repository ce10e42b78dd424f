# Inline requests.get/post with headers={"authorization": ...}; errors checked with "error" in data / data.get("error")
import os

import requests

API_KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")

r = requests.get("https://flexy-api.oneclickdz.com/v2/account/balance", headers={"authorization": API_KEY})
data = r.json()
print("balance:", data["balance"])

r = requests.get("https://flexy-api.oneclickdz.com/v2/plans/listAll", headers={"authorization": API_KEY})
data = r.json()
print("dynamic plans:", len(data["dymanicPlans"]))
for plan in data["dymanicPlans"]:
    print("  dynamic:", plan["code"], plan["min"], "-", plan["max"])
print("fixed plans:", len(data["fixedPlans"]))
for plan in data["fixedPlans"]:
    print("  fixed:", plan["code"], plan["amount"])

# A normal top-up
r = requests.post(
    "https://flexy-api.oneclickdz.com/v2/topup/sendTopup",
    headers={"authorization": API_KEY},
    json={"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0778037340", "amount": 500, "ref": "shop-1001"},
)
data = r.json()
if "error" in data:
    print("top-up failed:", data["message"])
else:
    print("top-up id:", data["topupId"])
    print("top-up ref:", data["topupRef"])
    print("new balance:", round(data["newBalance"], 2))

# More than the balance
r = requests.post(
    "https://flexy-api.oneclickdz.com/v2/topup/sendTopup",
    headers={"authorization": API_KEY},
    json={"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0778037340", "amount": 5000, "ref": "shop-1002"},
)
data = r.json()
if data.get("error"):
    if data["error"] == "NO-BALANCE":
        print("top-up refused: balance too low")
    print("message:", data["message"])
else:
    print("unexpected success:", data["topupId"])

# A malformed phone number
r = requests.post(
    "https://flexy-api.oneclickdz.com/v2/topup/sendTopup",
    headers={"authorization": API_KEY},
    json={"plan_code": "PREPAID_MOBILIS", "MSSIDN": "12345", "amount": 100, "ref": "shop-1003"},
)
data = r.json()
if "error" in data:
    if data["error"] == "ERR_PHONE":
        print("top-up refused: phone number rejected")
    print("message:", data["message"])
else:
    print("unexpected success:", data["topupId"])

# Status of the first top-up
r = requests.get(
    "https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/shop-1001",
    headers={"authorization": API_KEY},
)
data = r.json()
if data.get("error"):
    print("status unavailable:", data["message"])
else:
    print("status:", data["topup"]["status"])

# A key that the API does not know
r = requests.get("https://flexy-api.oneclickdz.com/v2/validate", headers={"authorization": "wrong-key"})
data = r.json()
if "error" in data:
    print("auth refused:", data["message"])
else:
    print("unexpected: key accepted for", data["username"])
