# Grouped base (`.../v2/topup`) with relative paths and a `get(path)` helper returning the
# parsed JSON; callers index the result (`get(...)["topup"]["status"]`) and compare
# `error` with the v2 strings. (Breakage kind: the helper unwrapped and its callers also
# given ["data"], a double unwrap.)
import json
import os
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import Request, urlopen

TOPUP_API = "https://flexy-api.oneclickdz.com/v2/topup"
PLANS_API = "https://flexy-api.oneclickdz.com/v2/plans"
API_KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")


def get(path, key=API_KEY):
    try:
        with urlopen(Request(TOPUP_API + path, headers={"authorization": key})) as resp:
            return json.load(resp)
    except HTTPError as err:
        return json.load(err)


def post(path, payload):
    request = Request(
        TOPUP_API + path,
        data=urlencode(payload).encode(),
        headers={"authorization": API_KEY, "Content-Type": "application/x-www-form-urlencoded"},
    )
    try:
        with urlopen(request) as resp:
            return json.load(resp)
    except HTTPError as err:
        return json.load(err)


with urlopen(Request(PLANS_API + "/listAll", headers={"authorization": API_KEY})) as resp:
    plans = json.load(resp)
print("plans:", len(plans["dymanicPlans"]) + len(plans["fixedPlans"]))
print("cheapest fixed:", min(p["amount"] for p in plans["fixedPlans"]))

for ref in ["order-002", "refund-005", "missing-x"]:
    result = get("/checkStatus/REF/" + ref)
    if result.get("error") == "NOT_FOUND":
        print(ref, "->", result["message"])
    else:
        print(ref, "->", result["topup"]["status"], result["topup"]["MSSIDN"])

print("tp-order-011 ->", get("/checkStatus/ID/tp-order-011")["topup"]["amount"])

sent = post("/sendTopup", {"plan_code": "MOBILIS_SAMA_500", "MSSIDN": "0671234567", "amount": 500, "ref": "gt-2001"})
print("sent:", sent.get("topupId"), sent.get("newBalance"))
refused = post("/sendTopup", {"plan_code": "MOBILIS_SAMA_500", "MSSIDN": "0671234567", "amount": 500})
print("without ref:", refused["error"] == "ERR_VALIDATION", refused["message"])
poor = post("/sendTopup", {"plan_code": "MOBILIS_SAMA_500", "MSSIDN": "0671234567", "amount": 9000, "ref": "gt-2002"})
if poor.get("error") == "NO-BALANCE":
    print("9000 DA:", poor["message"])

history = get("/list?page=2&pageSize=5")
print("history page", history["currentPage"], "/", history["totalPages"], [t["ref"] for t in history["topups"]])

denied = get("/list", key="expired")
print("expired key:", "forbidden" if denied.get("error") == "Forbidden" else "ok", "-", denied.get("message"))
