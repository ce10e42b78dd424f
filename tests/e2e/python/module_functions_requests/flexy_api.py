# Module-level functions over the Flexy API, one per endpoint, each returning the body.
import os

import requests

BASE = "https://flexy-api.oneclickdz.com/v2"
KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")


def get_balance():
    return requests.get(f"{BASE}/account/balance", headers={"authorization": KEY}).json()


def list_topups(page=1):
    return requests.get(f"{BASE}/topup/list?page={page}&pageSize=5", headers={"authorization": KEY}).json()


def plans():
    return requests.get(f"{BASE}/plans/listAll", headers={"authorization": KEY}).json()
