"""OAuth 2.0 client-credentials and refresh-token flows for the accounting integration
(the accounting SaaS issues short-lived access tokens). httpx AsyncClient with an auth flow
that refreshes the token when it expires or when the API answers 401."""

import asyncio
import time
from dataclasses import dataclass, field

import httpx

TOKEN_URL = "https://identity.accounting-cloud.com/connect/token"
API_URL = "https://api.accounting-cloud.com/api.xro/2.0"


@dataclass
class TokenSet:
    access_token: str
    refresh_token: str | None
    expires_at: float
    scope: list = field(default_factory=list)

    @classmethod
    def from_response(cls, body):
        return cls(
            access_token=body["access_token"],
            refresh_token=body.get("refresh_token"),
            expires_at=time.time() + int(body.get("expires_in", 1800)) - 30,
            scope=body.get("scope", "").split(),
        )

    @property
    def expired(self):
        return time.time() >= self.expires_at


class OAuthError(Exception):
    pass


class RefreshingAuth(httpx.Auth):
    requires_response_body = True

    def __init__(self, client_id, client_secret, tokens: TokenSet, on_refresh=None):
        self.client_id = client_id
        self.client_secret = client_secret
        self.tokens = tokens
        self.on_refresh = on_refresh
        self._lock = asyncio.Lock()

    def build_refresh_request(self):
        return httpx.Request(
            "POST",
            TOKEN_URL,
            data={"grant_type": "refresh_token", "refresh_token": self.tokens.refresh_token},
            auth=(self.client_id, self.client_secret),
        )

    def update_tokens(self, response):
        body = response.json()
        if response.status_code != 200:
            raise OAuthError(body.get("error_description") or body.get("error") or "token refresh failed")
        self.tokens = TokenSet.from_response(body)
        if self.on_refresh:
            self.on_refresh(self.tokens)

    async def async_auth_flow(self, request):
        if self.tokens.expired:
            async with self._lock:
                if self.tokens.expired:
                    refresh_response = yield self.build_refresh_request()
                    self.update_tokens(refresh_response)
        request.headers["Authorization"] = f"Bearer {self.tokens.access_token}"
        response = yield request
        if response.status_code == 401:
            refresh_response = yield self.build_refresh_request()
            self.update_tokens(refresh_response)
            request.headers["Authorization"] = f"Bearer {self.tokens.access_token}"
            yield request


async def client_credentials(client_id, client_secret, scope="accounting.transactions"):
    async with httpx.AsyncClient() as client:
        response = await client.post(
            TOKEN_URL,
            data={"grant_type": "client_credentials", "scope": scope},
            auth=(client_id, client_secret),
        )
    body = response.json()
    if "error" in body:
        raise OAuthError(body["error"])
    return TokenSet.from_response(body)


async def invoices(auth: RefreshingAuth, tenant_id: str, page: int = 1):
    async with httpx.AsyncClient(base_url=API_URL, auth=auth, timeout=30) as client:
        response = await client.get(
            "/Invoices",
            params={"page": page, "where": 'Status=="AUTHORISED"'},
            headers={"xero-tenant-id": tenant_id, "Accept": "application/json"},
        )
        response.raise_for_status()
        body = response.json()
    return [
        {"number": inv["InvoiceNumber"], "contact": inv["Contact"]["Name"], "due": inv["AmountDue"]}
        for inv in body["Invoices"]
    ]


async def main():
    import os

    tokens = await client_credentials(os.environ["ACC_CLIENT_ID"], os.environ["ACC_CLIENT_SECRET"])
    auth = RefreshingAuth(os.environ["ACC_CLIENT_ID"], os.environ["ACC_CLIENT_SECRET"], tokens)
    for invoice in await invoices(auth, os.environ["ACC_TENANT_ID"]):
        print(invoice["number"], invoice["contact"], invoice["due"])


if __name__ == "__main__":
    asyncio.run(main())
