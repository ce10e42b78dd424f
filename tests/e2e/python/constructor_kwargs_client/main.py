# A client class (flexy_client.py) given its v2 base by keyword (`base_url=`) from this
# entry file, whose callers read the v2 shapes (`balance`, `topup`, `error`).
import os

from flexy_client import FlexyClient

FLEXY_URL = "https://flexy-api.oneclickdz.com/v2"

client = FlexyClient(base_url=FLEXY_URL, api_key=os.environ.get("FLEXY_API_KEY", "e2e-test-key"))

account = client.balance()
print("balance:", account["balance"])

for ref, amount in (("kw-9101", 500), ("kw-9102", 9000)):
    sent = client.send_topup({"plan_code": "PREPAID_MOBILIS", "MSSIDN": "0661223344", "amount": amount, "ref": ref})
    if sent.get("error") == "NO-BALANCE":
        print(ref, "refused: recharge the account first")
    elif "error" in sent:
        print(ref, "refused:", sent["message"])
    else:
        print(ref, "sent", sent["topupId"])

status = client.topup_status("kw-9101")
print("kw-9101:", status["topup"]["status"])
