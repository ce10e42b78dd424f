# A requests client whose `call` raises the program's own ApiError when the server fails,
# caught by every caller; migrated at the wrapper, the v3 check raises an ApiError too.
import requests

BASE_URL = "https://flexy-api.oneclickdz.com"
API_KEY = "e2e-test-key"


class ApiError(Exception):
    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


def call(path):
    r = requests.get(BASE_URL + path, headers={"authorization": API_KEY}, timeout=10)
    if r.status_code >= 500:
        raise ApiError("the server failed", r.status_code)
    return r.json()


def show_balance():
    try:
        account = call("/v2/account/balance")
        print("balance:", account["balance"])
    except ApiError as e:
        print("API error:", e)


def show_plans():
    try:
        plans = call("/v2/plans/listAll")
        print("dynamic plans:", len(plans["dymanicPlans"]))
        print("fixed plans:", len(plans["fixedPlans"]))
    except ApiError as e:
        print("API error:", e)


show_balance()
show_plans()
