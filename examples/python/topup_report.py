#!/usr/bin/env python3
"""Nightly report with the standard library only: balance, status of pending top-ups, ADSL stock, last transactions.

Environment: FLEXY_API_KEY (required), FLEXY_BASE_URL (defaults to the production host).
Usage: topup_report.py [REF ...]
"""
import json
import os
import sys
import urllib.error
import urllib.request

BASE_URL = os.environ.get("FLEXY_BASE_URL", "https://flexy-api.oneclickdz.com")
API_KEY = os.environ.get("FLEXY_API_KEY", "")


def call(path, payload=None):
    data = None if payload is None else json.dumps(payload).encode("utf-8")
    req = urllib.request.Request(BASE_URL + path, data=data, headers={"authorization": API_KEY})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=15) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as err:
        return json.load(err)


def main(refs):
    if not API_KEY:
        sys.exit("FLEXY_API_KEY is not set")

    account = call("/v2/account/balance")
    if account.get("error") == "Forbidden" or account.get("error") == "Access token missing":
        print("the API key was rejected")
        return 1
    print(f"balance: {account['balance']:.2f} DA")

    for ref in refs or ["order-123"]:
        result = call(f"/v2/topup/checkStatus/REF/{ref}")
        if result.get("error"):
            print(f"{ref}: {result['message']}")
            continue
        topup = result["topup"]
        print(f"{ref}: {topup['status']} ({topup['MSSIDN']})")

    cards = call("/v2/internet/checkCards/ADSL")
    in_stock = [card for card in cards if card["available"]]
    print(f"ADSL cards in stock: {len(in_stock)} of {len(cards)}")

    page = call("/v2/account/transactions?page=1&pageSize=5")
    print(f"last {len(page['transactions'])} of {page['totalResults']} transactions:")
    for tx in page["transactions"]:
        print(f"  {tx['time']}  {tx['type']:<8} {tx['amount']:>8}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
