"""Top-ups: the caller decides what each refusal means for the customer."""
from flexy_client import FlexyError, call


def send_topup(ref, phone, amount):
    try:
        sent = call("POST", "/v2/topup/sendTopup", {"plan_code": "PREPAID_MOBILIS", "MSSIDN": phone, "amount": amount, "ref": ref})
        return f"{ref}: sent {sent['topupId']}, balance now {sent['newBalance']}"
    except FlexyError as err:
        if err.code == "NO-BALANCE":
            return f"{ref}: refused, the shop must recharge"
        if err.code == "DUPLICATED-REF":
            return f"{ref}: refused, reference already used"
        return f"{ref}: failed ({err.status})"
