"""The shop's Flexy client: every failure raises FlexyError with the API's error code."""
import os

import requests

BASE_URL = "https://flexy-api.oneclickdz.com"


class FlexyError(Exception):
    def __init__(self, message, code, status):
        super().__init__(message)
        self.code = code
        self.status = status


def call(method, path, payload=None):
    resp = requests.request(
        method,
        BASE_URL + path,
        headers={"authorization": os.environ.get("FLEXY_API_KEY", "e2e-test-key")},
        json=payload,
        timeout=10,
    )
    body = resp.json()
    if "error" in body:
        raise FlexyError(body["message"], body["error"], resp.status_code)
    return body
