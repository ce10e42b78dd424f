from ..flexy import FlexyClient
from ..flexy.client import FlexyError

client = FlexyClient()

ORDERS = [
    ("PREPAID_DJEZZY", "0555123456", 300, "shop-2001"),
    ("PREPAID_MOBILIS", "0661234567", 5000, "shop-2002"),
    ("PREPAID_OOREDOO", "0771234567", 200, "dup-2003"),
    ("PREPAID_DJEZZY", "0912345678", 100, "shop-2004"),
]


def send_all():
    sent = 0
    for plan, phone, amount, ref in ORDERS:
        try:
            result = client.send_topup(plan, phone, amount, ref)
        except FlexyError as err:
            print(ref, "failed:", err)
            continue
        sent += 1
        print(ref, "sent as", result["topupId"], "balance left", result["newBalance"])
    print("sent", sent, "of", len(ORDERS))


def show_statuses(refs):
    for ref in refs:
        try:
            status = client.topup_status(ref)["topup"]["status"]
        except FlexyError as err:
            print(ref, "status unknown:", err)
            continue
        print(ref, "is", status.lower())
