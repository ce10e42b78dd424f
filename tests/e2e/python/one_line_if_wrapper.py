# A wrapper whose returns are one-line if/else bodies (migrated at the wrapper: each block moves to lines of its own), with a global `error` the wrapper reads
import requests

BASE = "https://flexy-api.oneclickdz.com"
KEY = "e2e-test-key"
error = print


def flexy_get(path, fast=False):
    resp = requests.get(BASE + path, headers={"authorization": KEY}, timeout=10)
    if resp.status_code >= 500: error("server error")
    if fast: return resp.json()
    else: return resp.json()


def main():
    account = flexy_get("/v2/account/balance", fast=True)
    print("balance:", account["balance"])
    plans = flexy_get("/v2/plans/listAll")
    print("dynamic plans:", len(plans["dymanicPlans"]))
    listing = flexy_get("/v2/account/transactions?page=1&pageSize=5")
    print("transactions:", listing["totalResults"])


main()
