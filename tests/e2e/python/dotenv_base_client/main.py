# The base lives in `.env` (FLEXY_API_URL=.../v2), read with a small loader; the script
# appends version-less paths to it with requests and reads the v2 bodies at their root.
import os

import requests

import envfile

envfile.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".env"))

API_URL = os.environ["FLEXY_API_URL"]
HEADERS = {"authorization": os.environ.get("FLEXY_API_KEY", "")}


def main():
    balance = requests.get(API_URL + "/account/balance", headers=HEADERS, timeout=10).json()
    print("balance", balance["balance"])
    page = requests.get(f"{API_URL}/topup/list", params={"page": 1, "pageSize": 5}, headers=HEADERS, timeout=10).json()
    print("page", page["currentPage"], "of", page["totalPages"], "-", len(page["topups"]), "top-ups")
    for t in page["topups"]:
        print(" ", t["ref"], t["status"])


if __name__ == "__main__":
    main()
