#!/usr/bin/env python3
"""Mock of the OneClickDz Flexy API, v2 and v3, for the end-to-end tests.

Python 3 standard library only. Two HTTP servers listen on 127.0.0.1 with ports chosen
by the OS: one speaks v2 (payload at the root, `{"error", "message"}` errors), the other
v3 (`{"success", "data", "meta", "requestId"}` envelopes, structured errors). Once both
listen, one line `{"v2": PORT, "v3": PORT}` is printed on stdout. The mock serves until
its stdin reaches end of file, then exits 0.

The v2 side records every request it receives (`METHOD PATH`, before answering). Each line
`log` on stdin makes the mock print one JSON line `{"v2": ["GET /v2/...", ...]}`, the
requests recorded since the previous `log`, and forget them: the strict mode of the test
harness checks with it that a fully migrated program sends nothing to v2.

The contract (routes, records, error cases and their order) is in README.md next to this
file; the records are defined below. Everything is deterministic and stateless: the
same request always gets the same answer, and the balance is always 1326.13.
"""

import json
import math
import re
import socketserver
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, unquote, urlsplit

API_KEY = "e2e-test-key"
BALANCE = 1326.13
USERNAME = "e2e-shop"
TIMESTAMP = "2026-11-01T00:00:00.000Z"
REQUEST_ID = "req_e2e"
PHONE_PATTERN = "^0[5-7][0-9]{8}$"
INTERNET_NUMBER_PATTERN = "^0[0-9]{8}$"

# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------

_TX_TYPES = ["FLEXY", "INTERNET", "GIFT_CARD", "FLEXY", "DEPOSIT"]
_TX_AMOUNTS = [100, 250, 500, 1000, 2000, 150.5, 300, 1200.75, 50]

# 45 transactions, newest first.
TRANSACTIONS = [
    {
        "id": f"tx-{i + 1:03d}",
        "type": _TX_TYPES[i % len(_TX_TYPES)],
        "amount": _TX_AMOUNTS[i % len(_TX_AMOUNTS)],
        "time": f"2026-10-{31 - (i * 30) // 45:02d}T10:00:00.000Z",
    }
    for i in range(45)
]

DYNAMIC_PLANS = [
    {"code": "PREPAID_DJEZZY", "name": "Djezzy Prepaid", "min": 50, "max": 5000},
    {"code": "PREPAID_MOBILIS", "name": "Mobilis Prepaid", "min": 50, "max": 5000},
    {"code": "PREPAID_OOREDOO", "name": "Ooredoo Prepaid", "min": 50, "max": 5000},
]

FIXED_PLANS = [
    {"code": "DJEZZY_HADRA_100", "name": "Djezzy Hadra 100", "amount": 100},
    {"code": "MOBILIS_SAMA_500", "name": "Mobilis Sama 500", "amount": 500},
    {"code": "OOREDOO_HAYLA_1000", "name": "Ooredoo Hayla 1000", "amount": 1000},
    {"code": "DJEZZY_LEGEND_2000", "name": "Djezzy Legend 2000", "amount": 2000},
]

INTERNET_CARDS = {
    "ADSL": [
        {"value": 500, "available": True},
        {"value": 1000, "available": True},
        {"value": 2000, "available": False},
    ],
    "4G": [
        {"value": 500, "available": True},
        {"value": 1500, "available": True},
        {"value": 3000, "available": False},
    ],
}

GIFT_CARDS = [
    {"id": "gc-001", "name": "Google Play 500 DA", "price": 500},
    {"id": "gc-002", "name": "PlayStation Store 1000 DA", "price": 1000},
    {"id": "gc-003", "name": "Free Fire 520 Diamonds", "price": 750},
]
OUT_OF_STOCK = {"gc-003"}


def _checksum(text):
    """A small, stable (unlike hash()) number derived from a string."""
    return sum((i + 1) * ord(c) for i, c in enumerate(text))


def _status(key):
    return "REFUNDED" if "refund" in key else "FULFILLED"


def mobile_record(ref, topup_id=None):
    """A mobile top-up; its fields derive from the ref, so by-ref and by-id agree."""
    s = _checksum(ref)
    topup_id = topup_id or f"tp-{ref}"
    return {
        "id": topup_id,
        "ref": ref,
        "status": _status(topup_id + " " + ref),
        "MSSIDN": f"0{'567'[s % 3]}{(s * 7919) % 10**8:08d}",
        "amount": [100, 200, 500, 1000, 1500][s % 5],
    }


def internet_record(ref, topup_id=None):
    """An internet top-up: `type`, `number` and `value` instead of MSSIDN and amount."""
    s = _checksum(ref)
    topup_id = topup_id or f"tp-{ref}"
    kind = ["ADSL", "4G"][s % 2]
    return {
        "id": topup_id,
        "ref": ref,
        "status": _status(topup_id + " " + ref),
        "type": kind,
        "number": f"0{2 + s % 3}{(s * 7919) % 10**7:07d}",
        "value": [card["value"] for card in INTERNET_CARDS[kind]][s % 2],
    }


def _ref_of_id(topup_id):
    return topup_id[3:] if topup_id.startswith("tp-") and len(topup_id) > 3 else topup_id


MOBILE_TOPUPS = [
    mobile_record(f"{'refund' if i % 5 == 0 else 'order'}-{i:03d}") for i in range(1, 13)
]
INTERNET_TOPUPS = [
    internet_record(f"{'refund' if i % 4 == 0 else 'net'}-{i:03d}") for i in range(1, 9)
]
GIFT_CARD_ORDERS = [
    {
        "orderId": f"ord-gift-{i:03d}",
        "productId": GIFT_CARDS[i % 2]["id"],
        "quantity": 1 + i % 3,
        "amount": GIFT_CARDS[i % 2]["price"] * (1 + i % 3),
        "status": "PENDING" if i == 7 else "DELIVERED",
    }
    for i in range(1, 8)
]


def check_order(order_id):
    return {"orderId": order_id, "status": "DELIVERED", "cards": [{"code": "CODE-" + order_id}]}


# --------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------

# kind -> (HTTP status, v2 error string, v3 error code)
ERRORS = {
    "auth_missing": (401, "Access token missing", "ERR_AUTH"),
    "auth_forbidden": (403, "Forbidden", "ERR_AUTH"),
    "not_found": (404, "NOT_FOUND", "NOT_FOUND"),
    "validation": (400, "ERR_VALIDATION", "ERR_VALIDATION"),
    "phone": (400, "ERR_PHONE", "ERR_PHONE"),
    "balance": (403, "NO-BALANCE", "INSUFFICIENT_BALANCE"),
    "duplicated": (409, "DUPLICATED-REF", "DUPLICATED_REF"),
    "stock": (400, "ERR_STOCK", "ERR_STOCK"),
}


class ApiError(Exception):
    def __init__(self, kind, message, details=None):
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.details = details or {}


def missing(field):
    return ApiError("validation", f"Missing field: {field}", {"field": field})


def route_not_found():
    return ApiError("not_found", "Route not found")


# --------------------------------------------------------------------------------------
# Field validation
# --------------------------------------------------------------------------------------


def _number(value):
    """A finite number from a JSON number or a numeric string, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"[+-]?\d+", text):
            return int(text)
        if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?", text):
            number = float(text)
            return number if math.isfinite(number) else None
    return None


def req_str(body, field):
    value = body.get(field)
    if isinstance(value, bool) or value is None:
        raise missing(field)
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        raise missing(field)
    return value.strip()


def req_amount(body, field):
    number = _number(body.get(field))
    if number is None or number <= 0:
        raise missing(field)
    return number


def req_quantity(body, field):
    number = _number(body.get(field))
    if number is None or number <= 0 or number != int(number):
        raise missing(field)
    return int(number)


def check_balance(amount):
    if amount > BALANCE:
        raise ApiError(
            "balance",
            "Insufficient balance",
            {"currentBalance": BALANCE, "required": amount},
        )


def check_ref(ref):
    if ref.startswith("dup-"):
        raise ApiError("duplicated", "Duplicated reference", {"ref": ref})


def new_balance(amount):
    return round(BALANCE - amount, 2)


def card_type(value):
    kind = (value or "").strip().upper()
    if kind not in INTERNET_CARDS:
        details = {"field": "type", "allowed": list(INTERNET_CARDS)}
        raise ApiError("validation", "Unknown type", details)
    return kind


def query_param(query, name):
    value = query.get(name, "").strip()
    if not value:
        raise missing(name)
    return value


def paginate(query, items, list_field, version):
    page, page_size = 1, 20
    if query.get("page", "") != "":
        number = _number(query["page"])
        if number is None or number < 1 or number != int(number):
            raise missing("page")
        page = int(number)
    if query.get("pageSize", "") != "":
        number = _number(query["pageSize"])
        if number is None or not 1 <= number <= 100 or number != int(number):
            raise missing("pageSize")
        page_size = int(number)
    total = len(items)
    total_pages = math.ceil(total / page_size)
    chunk = items[(page - 1) * page_size : page * page_size]
    if version == "v2":
        return {
            list_field: chunk,
            "totalResults": total,
            "currentPage": page,
            "totalPages": total_pages,
        }
    return {
        "items": chunk,
        "pagination": {
            "page": page,
            "pageSize": page_size,
            "totalPages": total_pages,
            "totalResults": total,
        },
    }


# --------------------------------------------------------------------------------------
# Endpoints. Each takes (version, query, body, *path params) and returns the payload.
# --------------------------------------------------------------------------------------


def validate(version, query, body):
    return {"valid": True, "username": USERNAME}


def balance(version, query, body):
    return {"balance": BALANCE}


def transactions(version, query, body):
    return paginate(query, TRANSACTIONS, "transactions", version)


def plans(version, query, body):
    key = "dymanicPlans" if version == "v2" else "dynamicPlans"
    return {key: DYNAMIC_PLANS, "fixedPlans": FIXED_PLANS}


def mobile_send(version, query, body):
    req_str(body, "plan_code")
    phone = req_str(body, "MSSIDN")
    amount = req_amount(body, "amount")
    ref = req_str(body, "ref")
    if not re.fullmatch(PHONE_PATTERN, phone):
        raise ApiError("phone", "Invalid phone number", {"pattern": PHONE_PATTERN})
    check_balance(amount)
    check_ref(ref)
    return {"topupId": f"tp-{ref}", "topupRef": ref, "newBalance": new_balance(amount)}


def _topup_status(version, key, record):
    if key.startswith("missing"):
        raise ApiError("not_found", "Top-up not found")
    return {"topup": record} if version == "v2" else record


def mobile_by_ref(version, query, body, ref):
    return _topup_status(version, ref, mobile_record(ref))


def mobile_by_id(version, query, body, topup_id):
    return _topup_status(version, topup_id, mobile_record(_ref_of_id(topup_id), topup_id))


def mobile_list(version, query, body):
    return paginate(query, MOBILE_TOPUPS, "topups", version)


def _cards(version, kind):
    cards = INTERNET_CARDS[card_type(kind)]
    return cards if version == "v2" else {"products": cards}


def internet_cards_v2(version, query, body, kind):
    return _cards(version, kind)


def internet_cards_v3(version, query, body):
    return _cards(version, query_param(query, "type"))


def _check_number(kind, number):
    card_type(kind)
    valid = re.fullmatch(INTERNET_NUMBER_PATTERN, number) is not None
    return {"valid": valid, "type": kind, "number": number}


def internet_number_v2(version, query, body, kind, number):
    return _check_number(kind, number)


def internet_number_v3(version, query, body):
    return _check_number(query_param(query, "type"), query_param(query, "number"))


def internet_send(version, query, body):
    kind = req_str(body, "type")
    req_str(body, "number")
    value = req_amount(body, "value")
    ref = req_str(body, "ref")
    card_type(kind)
    check_balance(value)
    check_ref(ref)
    return {"topupId": f"tp-{ref}", "topupRef": ref, "newBalance": new_balance(value)}


def internet_by_ref(version, query, body, ref):
    return _topup_status(version, ref, internet_record(ref))


def internet_by_id(version, query, body, topup_id):
    return _topup_status(version, topup_id, internet_record(_ref_of_id(topup_id), topup_id))


def internet_list(version, query, body):
    return paginate(query, INTERNET_TOPUPS, "topups", version)


def catalogue(version, query, body):
    return {"products": GIFT_CARDS}


def find_product(product_id):
    for product in GIFT_CARDS:
        if product["id"] == product_id:
            return product
    raise ApiError("not_found", "Product not found", {"productId": product_id})


def check_product(version, query, body, product_id):
    return find_product(product_id)


def place_order(version, query, body):
    product_id = req_str(body, "productId")
    quantity = req_quantity(body, "quantity")
    ref = req_str(body, "ref")
    product = find_product(product_id)
    amount = product["price"] * quantity
    check_balance(amount)
    check_ref(ref)
    if product_id in OUT_OF_STOCK:
        raise ApiError("stock", "Out of stock", {"productId": product_id})
    return {"orderId": f"ord-{ref}", "status": "PENDING", "newBalance": new_balance(amount)}


def order_status(version, query, body, order_id):
    if order_id.startswith("missing"):
        raise ApiError("not_found", "Order not found", {"orderId": order_id})
    return check_order(order_id)


def orders(version, query, body):
    return paginate(query, GIFT_CARD_ORDERS, "orders", version)


SEG = r"([^/]+)"
ROUTES = {
    "v2": [
        ("GET", r"/v2/validate", validate),
        ("GET", r"/v2/account/balance", balance),
        ("GET", r"/v2/account/transactions", transactions),
        ("GET", r"/v2/plans/listAll", plans),
        ("POST", r"/v2/topup/sendTopup", mobile_send),
        ("GET", r"/v2/topup/checkStatus/REF/" + SEG, mobile_by_ref),
        ("GET", r"/v2/topup/checkStatus/ID/" + SEG, mobile_by_id),
        ("GET", r"/v2/topup/list", mobile_list),
        ("GET", r"/v2/internet/checkCards/" + SEG, internet_cards_v2),
        ("GET", r"/v2/internet/checkNumber/" + SEG + "/" + SEG, internet_number_v2),
        ("POST", r"/v2/internet/sendTopup", internet_send),
        ("GET", r"/v2/internet/checkStatus/REF/" + SEG, internet_by_ref),
        ("GET", r"/v2/internet/checkStatus/ID/" + SEG, internet_by_id),
        ("GET", r"/v2/internet/list", internet_list),
        ("GET", r"/v2/gift-cards/catalogue", catalogue),
        ("GET", r"/v2/gift-cards/checkProduct/" + SEG, check_product),
        ("POST", r"/v2/gift-cards/placeOrder", place_order),
        ("GET", r"/v2/gift-cards/checkOrder/" + SEG, order_status),
        ("GET", r"/v2/gift-cards/list", orders),
    ],
    "v3": [
        ("GET", r"/v3/validate", validate),
        ("GET", r"/v3/account/balance", balance),
        ("GET", r"/v3/account/transactions", transactions),
        ("GET", r"/v3/mobile/plans", plans),
        ("POST", r"/v3/mobile/send", mobile_send),
        ("GET", r"/v3/mobile/check-ref/" + SEG, mobile_by_ref),
        ("GET", r"/v3/mobile/check-id/" + SEG, mobile_by_id),
        ("GET", r"/v3/mobile/list", mobile_list),
        ("GET", r"/v3/internet/products", internet_cards_v3),
        ("GET", r"/v3/internet/check-number", internet_number_v3),
        ("POST", r"/v3/internet/send", internet_send),
        ("GET", r"/v3/internet/check-ref/" + SEG, internet_by_ref),
        ("GET", r"/v3/internet/check-id/" + SEG, internet_by_id),
        ("GET", r"/v3/internet/list", internet_list),
        ("GET", r"/v3/gift-cards/catalog", catalogue),
        ("GET", r"/v3/gift-cards/checkProduct/" + SEG, check_product),
        ("POST", r"/v3/gift-cards/placeOrder", place_order),
        ("GET", r"/v3/gift-cards/checkOrder/" + SEG, order_status),
        ("GET", r"/v3/gift-cards/list", orders),
    ],
}
COMPILED = {
    version: [(method, re.compile(pattern), handler) for method, pattern, handler in routes]
    for version, routes in ROUTES.items()
}


# --------------------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------------------


def js_numbers(value):
    """Integral floats as integers, the way a JavaScript server serialises them."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {key: js_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [js_numbers(item) for item in value]
    return value


def parse_multipart(raw, content_type):
    match = re.search(r'boundary="?([^";]+)"?', content_type)
    if not match:
        return {}
    fields = {}
    for part in raw.split(b"--" + match.group(1).encode("latin-1")):
        head, sep, value = part.partition(b"\r\n\r\n")
        name = re.search(rb'name="([^"]*)"', head)
        if sep and name:
            fields[name.group(1).decode("utf-8", "replace")] = value.removesuffix(
                b"\r\n"
            ).decode("utf-8", "replace")
    return fields


V2_REQUESTS = []
V2_REQUESTS_LOCK = threading.Lock()


def record_v2_request(method, path):
    with V2_REQUESTS_LOCK:
        V2_REQUESTS.append(f"{method} {path}")


def take_v2_requests():
    with V2_REQUESTS_LOCK:
        taken = list(V2_REQUESTS)
        V2_REQUESTS.clear()
    return taken


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    version = "v2"  # overridden by the two subclasses below

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    # All methods go through one dispatcher; unknown methods get "Route not found".
    def do_GET(self):
        self.dispatch("GET")

    def do_POST(self):
        self.dispatch("POST")

    def do_PUT(self):
        self.dispatch("PUT")

    def do_PATCH(self):
        self.dispatch("PATCH")

    def do_DELETE(self):
        self.dispatch("DELETE")

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raw = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline().strip():
                        pass
                    return raw
                raw += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def parse_body(self, raw):
        content_type = self.headers.get("Content-Type", "").lower()
        if not raw.strip():
            return {}
        if "multipart/form-data" in content_type:
            return parse_multipart(raw, self.headers.get("Content-Type", ""))
        text = raw.decode("utf-8", "replace")
        if "application/x-www-form-urlencoded" in content_type:
            return dict(parse_qsl(text, keep_blank_values=True))
        try:
            body = json.loads(text)
        except ValueError:
            if "=" in text and "json" not in content_type:
                return dict(parse_qsl(text, keep_blank_values=True))
            raise ApiError("validation", "Invalid JSON body") from None
        return body if isinstance(body, dict) else {}

    def authenticate(self):
        header = "authorization" if self.version == "v2" else "X-Access-Token"
        key = (self.headers.get(header) or "").strip()  # header lookup ignores case
        if not key:
            raise ApiError("auth_missing", "Access token missing")
        if key != API_KEY:
            raise ApiError("auth_forbidden", "Invalid access token")

    def route(self, method, path, query, raw):
        for route_method, pattern, handler in COMPILED[self.version]:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                params = [unquote(group) for group in match.groups()]
                body = self.parse_body(raw) if method == "POST" else {}
                return handler(self.version, query, body, *params)
        raise route_not_found()

    def dispatch(self, method):
        if self.version == "v2":
            record_v2_request(method, self.path)
        raw = self.read_body()
        url = urlsplit(self.path)
        path = re.sub(r"/{2,}", "/", url.path)
        if len(path) > 1:
            path = path.rstrip("/")
        query = dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            self.authenticate()
            status, payload = 200, self.route(method, path, query, raw)
            if self.version == "v3":
                payload = {
                    "success": True,
                    "data": payload,
                    "meta": {"timestamp": TIMESTAMP},
                    "requestId": REQUEST_ID,
                }
        except ApiError as error:
            status, v2_code, v3_code = ERRORS[error.kind]
            if self.version == "v2":
                payload = {"error": v2_code, "message": error.message}
            else:
                payload = {
                    "success": False,
                    "error": {"code": v3_code, "message": error.message, "details": error.details},
                    "requestId": REQUEST_ID,
                }
        data = json.dumps(js_numbers(payload)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class V2Handler(Handler):
    version = "v2"


class V3Handler(Handler):
    version = "v3"


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def server_bind(self):
        # HTTPServer.server_bind resolves the host name (getfqdn), which can be slow.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]


def main():
    servers = {
        "v2": Server(("127.0.0.1", 0), V2Handler),
        "v3": Server(("127.0.0.1", 0), V3Handler),
    }
    threads = [
        threading.Thread(target=server.serve_forever, args=(0.1,), daemon=True)
        for server in servers.values()
    ]
    for thread in threads:
        thread.start()
    print(json.dumps({name: server.server_address[1] for name, server in servers.items()}))
    sys.stdout.flush()

    # Serve until stdin is closed: the test harness holds the other end and writes a
    # line `log` when it wants the v2 requests recorded since the last one.
    stdin_closed = threading.Event()

    def watch_stdin():
        try:
            for line in sys.stdin:
                if line.strip() == "log":
                    print(json.dumps({"v2": take_v2_requests()}))
                    sys.stdout.flush()
        finally:
            stdin_closed.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    stdin_closed.wait()
    for server in servers.values():
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
