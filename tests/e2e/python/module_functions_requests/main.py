# Module functions in `flexy_api.py` (`requests.get(f"{BASE}/...", headers=...).json()`,
# local `requests.py`), used by `reports.py` through `import flexy_api` and by
# `catalog.py` through `from flexy_api import plans as load_plans`.
import catalog
import reports


def main():
    print(reports.balance_line())
    reports.topup_summary()
    reports.check_pages([3, 0])
    catalog.show_plans()


if __name__ == "__main__":
    main()
