import json
import urllib.error
import urllib.request

from settings import FLEXY_API_KEY, FLEXY_BASE_URL, FLEXY_TIMEOUT


class FlexyError(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


class Flexy:
    def __init__(self, base_url, api_key, timeout=FLEXY_TIMEOUT):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def _get(self, path):
        request = urllib.request.Request(self.base_url + path, headers={"authorization": self.api_key})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                return json.loads(resp.read())
        except urllib.error.HTTPError as err:
            raise FlexyError(err.code, json.loads(err.read())["message"])

    def internet_cards(self, card_type):
        return self._get(f"/internet/checkCards/{card_type}")

    def check_ref(self, ref):
        return self._get(f"/internet/checkStatus/REF/{ref}")


flexy = Flexy(FLEXY_BASE_URL, FLEXY_API_KEY)
