from client import FlexyError, flexy

LABELS = {"FULFILLED": "delivered", "REFUNDED": "refunded to the balance"}


def describe(ref):
    try:
        topup = flexy.check_ref(ref)["topup"]
    except FlexyError as err:
        print(ref, "->", err, f"({err.status})")
        return None
    print(ref, "->", LABELS.get(topup["status"], topup["status"]), topup["type"], topup["value"], "DA")
    return topup["status"]


def summary(refs):
    states = [describe(ref) for ref in refs]
    done = sum(1 for state in states if state == "FULFILLED")
    print("fulfilled:", done, "of", len(refs))
