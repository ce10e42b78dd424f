# requests.Session() with session.headers.update({"authorization": ...}); fields read with .get() and f-strings
import requests

API_URL = "https://flexy-api.oneclickdz.com"
API_KEY = "e2e-test-key"

session = requests.Session()
session.headers.update({"authorization": API_KEY})


def main():
    resp = session.get(f"{API_URL}/v2/validate")
    data = resp.json()
    if data.get("error"):
        print(f"key rejected: {data.get('message')}")
        return
    print(f"shop: {data.get('username')} (valid={data.get('valid')})")

    resp = session.get(f"{API_URL}/v2/account/balance")
    data = resp.json()
    print(f"balance: {data['balance']:.2f}")

    # Internet cards on sale today
    resp = session.get(f"{API_URL}/v2/internet/checkCards/ADSL")
    cards = resp.json()
    print(f"ADSL cards: {len(cards)}")
    for card in cards:
        print(f"  {card.get('value')} DA available={card.get('available')}")

    # Yesterday's top-ups, by reference and by id
    ref = "shop-1001"
    resp = session.get(f"{API_URL}/v2/topup/checkStatus/REF/{ref}")
    data = resp.json()
    if data.get("error"):
        print(f"ref {ref}: {data.get('message')}")
    else:
        print(f"ref {ref}: {data['topup'].get('status')} to {data['topup'].get('MSSIDN')}")

    topup_id = "tp-shop-1001"
    resp = session.get(f"{API_URL}/v2/topup/checkStatus/ID/{topup_id}")
    data = resp.json()
    if data.get("error"):
        print(f"id {topup_id}: {data.get('message')}")
    else:
        print(f"id {topup_id}: {data['topup'].get('status')}")

    resp = session.get(f"{API_URL}/v2/topup/checkStatus/REF/missing-42")
    data = resp.json()
    if data.get("error"):
        print(f"ref missing-42: {data.get('message')}")
    else:
        print(f"ref missing-42: {data['topup'].get('status')}")

    # All mobile top-ups, five per page
    page = 1
    seen = 0
    while True:
        resp = session.get(f"{API_URL}/v2/topup/list", params={"page": page, "pageSize": 5})
        data = resp.json()
        topups = data.get("topups")
        seen += len(topups)
        print(f"top-ups page {data.get('currentPage')}/{data.get('totalPages')}: {len(topups)}")
        if page >= data.get("totalPages"):
            break
        page += 1
    print(f"top-ups seen: {seen} of {data.get('totalResults')}")


if __name__ == "__main__":
    main()
