# A package `shop/` with the Flexy client in `shop/flexy/client.py` (one method per
# endpoint through `_request`, raising `FlexyError` with `.code` from the v2 error body),
# re-exported by `shop/flexy/__init__.py`, and jobs in `shop/jobs/` importing it with
# relative imports (`from ..flexy import FlexyClient`, `from ..flexy.client import FlexyError`).
from shop.jobs import balance, topups


def main():
    balance.report_balance()
    balance.report_transactions()
    topups.send_all()
    topups.show_statuses(["order-003", "refund-005", "missing-9"])
    balance.report_wrong_key()


if __name__ == "__main__":
    main()
