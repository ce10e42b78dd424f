"""Nightly reconciliation of the Flexy wallet (API v3, migrated) against the PayGate account
that funds it (PayGate's own REST API v2) and the shop ledger."""

import os
from decimal import Decimal

import requests

FLEXY_URL = "https://api.oneclickdz.com/v3"
PAYGATE_URL = "https://api.paygate-dz.com"

flexy = requests.Session()
flexy.headers["X-Access-Token"] = os.environ.get("FLEXY_API_KEY", "")

paygate = requests.Session()
paygate.headers["Authorization"] = "Bearer " + os.environ.get("PAYGATE_SECRET", "")


def flexy_balance():
    result = flexy.get(FLEXY_URL + "/account/balance", timeout=20).json()
    if not result["success"]:
        raise RuntimeError(f"Flexy {result['error']['code']}: {result['error']['message']}")
    return Decimal(str(result["data"]["balance"]))


def flexy_transactions(since):
    items, page, total_pages = [], 1, 1
    while page <= total_pages:
        result = flexy.get(
            f"{FLEXY_URL}/account/transactions",
            params={"page": page, "pageSize": 100, "from": since},
            timeout=20,
        ).json()
        if not result["success"]:
            raise RuntimeError(result["error"]["message"])
        items.extend(result["data"]["items"])
        total_pages = result["data"]["pagination"]["totalPages"]
        page += 1
    return items


def paygate_balance():
    response = paygate.get(PAYGATE_URL + "/v2/account/balance", timeout=20)
    body = response.json()
    if response.status_code != 200:
        raise RuntimeError("PayGate %s: %s" % (response.status_code, body.get("message")))
    return Decimal(str(body["available"]))


def paygate_transfers(since):
    transfers, page = [], 1
    while True:
        body = paygate.get(
            f"{PAYGATE_URL}/v2/account/transactions",
            params={"type": "transfer", "since": since, "page": page},
            timeout=20,
        ).json()
        transfers.extend(body["transactions"])
        if body["currentPage"] >= body["totalPages"]:
            return transfers
        page = body["currentPage"] + 1


def reconcile(ledger_rows, since):
    flexy_rows = flexy_transactions(since)
    by_ref = {t["ref"]: t for t in flexy_rows}
    problems = []
    for entry in ledger_rows:
        tx = by_ref.get(entry["ref"])
        if tx is None:
            problems.append((entry["ref"], "missing at Flexy"))
        elif Decimal(str(tx["amount"])) != Decimal(str(entry["amount"])):
            problems.append((entry["ref"], "amount %s != %s" % (tx["amount"], entry["amount"])))
    funded = sum(Decimal(str(t["amount"])) for t in paygate_transfers(since))
    deposits = sum(Decimal(str(t["amount"])) for t in flexy_rows if t["type"] == "DEPOSIT")
    if abs(funded - deposits) > Decimal("0.01"):
        problems.append(("*", f"PayGate transfers {funded} != Flexy deposits {deposits}"))
    return {"wallet": flexy_balance(), "gateway": paygate_balance(), "problems": problems}


if __name__ == "__main__":
    import csv
    import sys

    with open(sys.argv[1], newline="") as fh:
        rows = list(csv.DictReader(fh))
    report = reconcile(rows, sys.argv[2])
    print("wallet", report["wallet"], "gateway", report["gateway"])
    for ref, issue in report["problems"]:
        print(ref, issue)
