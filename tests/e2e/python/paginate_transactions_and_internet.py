# Pagination loops with requests: while page <= data["totalPages"], reading currentPage, totalResults and the list field
import requests

FLEXY = "https://flexy-api.oneclickdz.com"
HEADERS = {"authorization": "e2e-test-key"}
PAGE_SIZE = 10


def export_transactions():
    page = 1
    count = 0
    total = 0.0
    data = requests.get(
        FLEXY + "/v2/account/transactions",
        headers=HEADERS,
        params={"page": page, "pageSize": PAGE_SIZE},
    ).json()
    print("transactions total:", data["totalResults"], "in", data["totalPages"], "pages")
    while page <= data["totalPages"]:
        data = requests.get(
            FLEXY + "/v2/account/transactions",
            headers=HEADERS,
            params={"page": page, "pageSize": PAGE_SIZE},
        ).json()
        if "error" in data:
            print("transactions page", page, "failed:", data["message"])
            break
        print("page", data["currentPage"], "->", len(data["transactions"]), "transactions")
        for tx in data["transactions"]:
            count += 1
            total += tx["amount"]
        page += 1
    print("exported transactions:", count)
    print("sum of amounts: %.2f" % total)


def export_internet_topups():
    page = 1
    refs = []
    while True:
        url = f"{FLEXY}/v2/internet/list?page={page}&pageSize=3"
        data = requests.get(url, headers=HEADERS).json()
        if data.get("error"):
            print("internet list failed:", data["message"])
            return
        for topup in data["topups"]:
            refs.append(topup["ref"])
        print(f"internet page {data['currentPage']} of {data['totalPages']}: {len(data['topups'])} top-ups")
        page += 1
        if page > data["totalPages"]:
            break
    print("internet top-ups:", len(refs), "of", data["totalResults"])
    print("first ref:", refs[0], "last ref:", refs[-1])


def out_of_range_page():
    data = requests.get(FLEXY + "/v2/account/transactions?page=99&pageSize=10", headers=HEADERS).json()
    print("page 99 holds", len(data["transactions"]), "transactions")


if __name__ == "__main__":
    export_transactions()
    export_internet_topups()
    out_of_range_page()
