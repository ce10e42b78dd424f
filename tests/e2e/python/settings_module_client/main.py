# A settings module (`FLEXY_BASE_URL = os.environ.get(..., ".../v2")`), a client module
# building one `Flexy` instance from it (`flexy = Flexy(FLEXY_BASE_URL, ...)`), and
# callers importing that instance (`from client import flexy`): internet cards read as
# v2's bare array (`len`, iteration), statuses through `["topup"]["status"]`.
import billing
import status


def main():
    billing.quote("ADSL", 1500)
    billing.quote("4G", 400)
    billing.card_menu("FIBRE")
    status.summary(["net-001", "refund-004", "missing-net-7"])


if __name__ == "__main__":
    main()
