"""A thin stand-in for httpx's async client (no packages here): AsyncClient(base_url=...,
headers=...), `await client.get(url, params=...)`, `await client.post(url, json=...)`,
responses with `.status_code`, `.is_success`, `.json()` and `.raise_for_status()`. Built on
urllib, each request run in a thread with asyncio.to_thread."""

import asyncio
import json
import urllib.error
import urllib.parse
import urllib.request


class HTTPStatusError(Exception):
    def __init__(self, message, response):
        super().__init__(message)
        self.response = response


class Response:
    def __init__(self, status_code, content):
        self.status_code = status_code
        self.content = content

    @property
    def is_success(self):
        return 200 <= self.status_code < 300

    def json(self):
        return json.loads(self.content)

    def raise_for_status(self):
        if not self.is_success:
            raise HTTPStatusError(f"HTTP {self.status_code}", self)
        return self


class AsyncClient:
    def __init__(self, base_url="", headers=None, timeout=10):
        self.base_url = base_url.rstrip("/")
        self.headers = dict(headers or {})
        self.timeout = timeout

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def _send(self, method, url, params, body, headers):
        full = url if url.startswith("http") else self.base_url + "/" + url.lstrip("/")
        if params:
            full += "?" + urllib.parse.urlencode(params)
        all_headers = {**self.headers, **(headers or {})}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        request = urllib.request.Request(full, data=data, headers=all_headers, method=method)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                return Response(resp.status, resp.read())
        except urllib.error.HTTPError as err:
            return Response(err.code, err.read())

    async def get(self, url, params=None, headers=None):
        return await asyncio.to_thread(self._send, "GET", url, params, None, headers)

    async def post(self, url, json=None, headers=None):  # noqa: A002 - httpx's name
        return await asyncio.to_thread(self._send, "POST", url, None, json, headers)
