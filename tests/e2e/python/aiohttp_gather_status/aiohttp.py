"""A thin stand-in for aiohttp (no packages here): ClientSession(headers=...) as an async
context manager, `session.get(url, params=...)` / `session.post(url, json=...)` used as
`async with ... as resp`, `resp.status` and `await resp.json()`. Built on urllib, each
request run in a thread with asyncio.to_thread."""

import asyncio
import json
import urllib.error
import urllib.parse
import urllib.request


class ClientResponse:
    def __init__(self, status, body):
        self.status = status
        self._body = body

    async def json(self):
        return json.loads(self._body)

    async def text(self):
        return self._body.decode()


class _RequestContext:
    def __init__(self, session, method, url, params, body):
        self._args = (session, method, url, params, body)

    async def __aenter__(self):
        return await asyncio.to_thread(_send, *self._args)

    async def __aexit__(self, *exc):
        return False


def _send(session, method, url, params, body):
    if params:
        url += "?" + urllib.parse.urlencode(params)
    headers = dict(session.headers)
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=10) as resp:
            return ClientResponse(resp.status, resp.read())
    except urllib.error.HTTPError as err:
        return ClientResponse(err.code, err.read())


class ClientSession:
    def __init__(self, headers=None):
        self.headers = dict(headers or {})

    async def __aenter__(self):
        return self

    async def __aexit__(self, *exc):
        return False

    def get(self, url, params=None):
        return _RequestContext(self, "GET", url, params, None)

    def post(self, url, json=None):  # noqa: A002 - aiohttp's name
        return _RequestContext(self, "POST", url, None, json)
