import flexy_api


def balance_line():
    balance = flexy_api.get_balance()["balance"]
    state = "low" if balance < 2000 else "ok"
    return f"balance {balance:.2f} DA ({state})"


def topup_summary():
    first = flexy_api.list_topups()
    pages = first["totalPages"]
    topups = list(first["topups"])
    for page in range(2, pages + 1):
        topups.extend(flexy_api.list_topups(page)["topups"])
    refunded = [t["ref"] for t in topups if t["status"] == "REFUNDED"]
    print("top-ups:", len(topups), "on", pages, "pages, total", first["totalResults"])
    print("refunded:", ", ".join(refunded))
    print("largest:", max(t["amount"] for t in topups), "DA")


def check_pages(pages):
    for page in pages:
        body = flexy_api.list_topups(page)
        if "topups" not in body:
            print(f"page {page} rejected:", body["message"])
        else:
            print(f"page {page}:", len(body["topups"]), "top-ups, first", body["topups"][0]["ref"])
