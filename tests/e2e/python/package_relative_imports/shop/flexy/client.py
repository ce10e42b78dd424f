import json
import os
import urllib.error
import urllib.parse
import urllib.request

BASE = "https://flexy-api.oneclickdz.com/v2"
API_KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")


class FlexyError(Exception):
    def __init__(self, message, code=None, status=None):
        super().__init__(message)
        self.code = code
        self.status = status


class FlexyClient:
    def __init__(self, key=API_KEY, timeout=10):
        self.key = key
        self.timeout = timeout

    def _request(self, method, path, payload=None):
        data = None
        headers = {"authorization": self.key}
        if payload is not None:
            data = json.dumps(payload).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(BASE + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as err:
            body = json.loads(err.read() or b"{}")
            raise FlexyError(body.get("message", f"HTTP {err.code}"), code=body.get("error"), status=err.code)

    def balance(self):
        return self._request("GET", "/account/balance")

    def transactions(self, page):
        return self._request("GET", "/account/transactions?" + urllib.parse.urlencode({"page": page}))

    def send_topup(self, plan_code, phone, amount, ref):
        payload = {"plan_code": plan_code, "MSSIDN": phone, "amount": amount, "ref": ref}
        return self._request("POST", "/topup/sendTopup", payload)

    def topup_status(self, ref):
        return self._request("GET", f"/topup/checkStatus/REF/{ref}")
