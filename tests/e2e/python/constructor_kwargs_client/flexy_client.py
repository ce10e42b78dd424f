"""The shop's Flexy client class: configured by whoever builds it (base URL and key)."""
import requests


class FlexyClient:
    def __init__(self, base_url, api_key, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _call(self, method, path, payload=None):
        resp = requests.request(
            method,
            self.base_url + path,
            headers={"authorization": self.api_key},
            json=payload,
            timeout=self.timeout,
        )
        return resp.json()

    def balance(self):
        return self._call("GET", "/account/balance")

    def send_topup(self, order):
        return self._call("POST", "/topup/sendTopup", order)

    def topup_status(self, ref):
        return self._call("GET", "/topup/checkStatus/REF/" + ref)
