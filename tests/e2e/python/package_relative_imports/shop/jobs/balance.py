from ..flexy import FlexyClient
from ..flexy.client import FlexyError

client = FlexyClient()


def report_balance():
    account = client.balance()
    print(f"balance: {account['balance']:.2f} DA")


def report_transactions():
    first = client.transactions(1)
    pages = first["totalPages"]
    count = len(first["transactions"])
    last = client.transactions(pages)
    count += sum(len(client.transactions(p)["transactions"]) for p in range(2, pages))
    count += len(last["transactions"])
    print("transactions:", count, "over", pages, "pages")
    print("newest:", first["transactions"][0]["id"], first["transactions"][0]["type"])


def report_wrong_key():
    try:
        FlexyClient(key="not-the-key").balance()
        print("wrong key accepted?")
    except FlexyError as err:
        print("wrong key refused:", err, f"(HTTP {err.status})")
