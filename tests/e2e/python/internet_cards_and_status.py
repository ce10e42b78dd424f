# Internet cards as a bare list (for card in cards, len, cards[0], comprehension) and top-up statuses via status["topup"]
import requests

HOST = "https://flexy-api.oneclickdz.com"
AUTH = {"authorization": "e2e-test-key"}


def show_cards(card_type):
    r = requests.get(HOST + "/v2/internet/checkCards/" + card_type, headers=AUTH)
    cards = r.json()
    if "error" in cards:
        print(card_type, "cards unavailable:", cards["message"])
        return
    print(card_type, "cards:", len(cards))
    print(card_type, "cheapest:", cards[0]["value"])
    for card in cards:
        print("  value", card["value"], "in stock" if card["available"] else "sold out")
    in_stock = [card["value"] for card in cards if card["available"]]
    print(card_type, "in stock:", ", ".join(str(v) for v in in_stock))


def main():
    show_cards("ADSL")
    show_cards("4G")
    show_cards("FIBRE-X")

    r = requests.get("https://flexy-api.oneclickdz.com/v2/internet/checkNumber/4G/021345678", headers=AUTH)
    check = r.json()
    if not check["valid"]:
        print("number", check["number"], "cannot receive", check["type"])
        return
    print("number", check["number"], "accepts", check["type"])

    r = requests.post(
        "https://flexy-api.oneclickdz.com/v2/internet/sendTopup",
        headers=AUTH,
        json={"type": "4G", "number": "021345678", "value": 500, "ref": "net-4001"},
    )
    sent = r.json()
    if sent.get("error"):
        print("send failed:", sent["message"])
        return
    print("sent:", sent["topupId"])
    print("balance left: %.2f" % sent["newBalance"])

    r = requests.get("https://flexy-api.oneclickdz.com/v2/internet/checkStatus/REF/net-4001", headers=AUTH)
    status = r.json()
    print("by ref:", status["topup"]["status"], status["topup"]["number"])

    r = requests.get(HOST + "/v2/internet/checkStatus/ID/" + sent["topupId"], headers=AUTH)
    status = r.json()
    print("by id:", status["topup"]["status"])
    if status["topup"]["status"] == "FULFILLED":
        print("customer can be notified")

    r = requests.get("https://flexy-api.oneclickdz.com/v2/internet/checkStatus/REF/missing-net", headers=AUTH)
    status = r.json()
    if "error" in status:
        print("missing-net:", status["message"])


if __name__ == "__main__":
    main()
