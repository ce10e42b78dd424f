"""A thin stand-in for requests (no packages here): get/post with headers=, params=,
json=, returning a Response with .status_code, .ok and .json(). Built on urllib; HTTP
errors are returned as responses, never raised."""

import json as _json
import urllib.error
import urllib.parse
import urllib.request


class Response:
    def __init__(self, status_code, content):
        self.status_code = status_code
        self.content = content

    @property
    def ok(self):
        return self.status_code < 400

    def json(self):
        return _json.loads(self.content)


def request(method, url, params=None, json=None, headers=None, timeout=10):
    if params:
        url += ("&" if "?" in url else "?") + urllib.parse.urlencode(params)
    headers = dict(headers or {})
    data = None
    if json is not None:
        data = _json.dumps(json).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return Response(resp.status, resp.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read())


def get(url, params=None, headers=None, timeout=10):
    return request("GET", url, params=params, headers=headers, timeout=timeout)


def post(url, json=None, headers=None, timeout=10):
    return request("POST", url, json=json, headers=headers, timeout=timeout)
