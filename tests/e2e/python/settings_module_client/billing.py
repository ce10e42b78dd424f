from client import FlexyError, flexy


def card_menu(card_type):
    try:
        cards = flexy.internet_cards(card_type)
    except FlexyError as err:
        print(card_type, "menu unavailable:", err)
        return []
    print(card_type, "cards offered:", len(cards))
    for card in cards:
        label = "available" if card["available"] else "sold out"
        print(f"  {card['value']} DA {label}")
    return [card["value"] for card in cards if card["available"]]


def quote(card_type, budget):
    values = card_menu(card_type)
    fitting = [value for value in values if value <= budget]
    if fitting:
        print(card_type, "best card within", budget, "DA:", max(fitting))
    else:
        print(card_type, "nothing within", budget, "DA")
