# httpx-style async client: `async with httpx.AsyncClient(base_url=".../v2", headers=...)`,
# relative paths, `r.json()`, `r.raise_for_status()` inside try/except
# httpx.HTTPStatusError, and asyncio.gather over several status checks.
import asyncio
import os

import httpx

API_KEY = os.environ.get("FLEXY_API_KEY", "e2e-test-key")


async def check_ref(client, ref):
    r = await client.get(f"/topup/checkStatus/REF/{ref}")
    body = r.json()
    if "error" in body:
        return f"{ref}: {body['message']}"
    return f"{ref}: {body['topup']['status']} ({body['topup']['amount']} DA)"


async def main():
    async with httpx.AsyncClient(
        base_url="https://flexy-api.oneclickdz.com/v2",
        headers={"authorization": API_KEY},
    ) as client:
        r = await client.get("/validate")
        print("account:", r.json()["username"])

        r = await client.get("/account/balance")
        print(f"balance: {r.json()['balance']:.2f}")

        r = await client.get("/account/transactions", params={"page": 3, "pageSize": 20})
        page = r.json()
        print("transactions page", page["currentPage"], "holds", len(page["transactions"]), "of", page["totalResults"])

        lines = await asyncio.gather(*(check_ref(client, ref) for ref in ["order-001", "refund-010", "missing-42"]))
        for line in lines:
            print(line)

        payload = {"plan_code": "PREPAID_DJEZZY", "MSSIDN": "0555000111", "amount": 250, "ref": "hx-1701"}
        r = await client.post("/topup/sendTopup", json=payload)
        r.raise_for_status()
        print("sent", r.json()["topupId"], "new balance", r.json()["newBalance"])

        for bad in ({**payload, "ref": "dup-1702"}, {**payload, "amount": "lots"}):
            try:
                r = await client.post("/topup/sendTopup", json=bad)
                r.raise_for_status()
                print("accepted?", bad["ref"])
            except httpx.HTTPStatusError as err:
                body = err.response.json()
                print("rejected", err.response.status_code, body["error"] == "DUPLICATED-REF", body["message"])

    async with httpx.AsyncClient(base_url="https://flexy-api.oneclickdz.com/v2", headers={"authorization": "nope"}) as anon:
        r = await anon.get("/account/balance")
        if r.status_code == 403 and r.json().get("error") == "Forbidden":
            print("wrong key:", r.json().get("message"))


asyncio.run(main())
