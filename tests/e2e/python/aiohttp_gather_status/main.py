# aiohttp-style: one ClientSession with the key in its headers, `async with session.get(...)
# as resp`, `await resp.json()`, and asyncio.gather over internet top-up sends and status
# checks; results read with data["topup"][...] and error strings compared with v2 codes.
import asyncio
import os

import aiohttp

FLEXY = "https://flexy-api.oneclickdz.com"
HEADERS = {"authorization": os.environ.get("FLEXY_API_KEY", "e2e-test-key")}


async def send(session, number, value, ref):
    payload = {"type": "4G", "number": number, "value": value, "ref": ref}
    async with session.post(f"{FLEXY}/v2/internet/sendTopup", json=payload) as resp:
        data = await resp.json()
    if resp.status != 200:
        if data["error"] == "NO-BALANCE":
            return f"{ref}: balance too low"
        return f"{ref}: {resp.status} {data['message']}"
    return f"{ref}: {data['topupId']} -> {data['newBalance']}"


async def status(session, topup_id):
    async with session.get(f"{FLEXY}/v2/internet/checkStatus/ID/{topup_id}") as resp:
        data = await resp.json()
    if resp.status == 404:
        return f"{topup_id}: not found"
    return f"{topup_id}: {data['topup']['status']} {data['topup']['type']} {data['topup']['value']}"


async def main():
    async with aiohttp.ClientSession(headers=HEADERS) as session:
        async with session.get(f"{FLEXY}/v2/internet/checkCards/4G") as resp:
            cards = await resp.json()
        print("4G cards on sale:", ", ".join(str(c["value"]) for c in cards if c["available"]))

        sends = await asyncio.gather(
            send(session, "025551234", 1500, "ah-1801"),
            send(session, "025551234", 3000, "ah-1802"),
            send(session, "025551234", 500, "dup-1803"),
            send(session, "", 500, "ah-1804"),
        )
        for line in sends:
            print(line)

        for line in await asyncio.gather(*(status(session, i) for i in ["tp-ah-1801", "tp-refund-004", "missing-9"])):
            print(line)

        async with session.get(f"{FLEXY}/v2/internet/list", params={"pageSize": 3}) as resp:
            page = await resp.json()
        print("internet history:", page["totalResults"], "recharges,", page["totalPages"], "pages")

    async with aiohttp.ClientSession(headers={"authorization": "wrong"}) as intruder:
        async with intruder.get(f"{FLEXY}/v2/account/balance") as resp:
            data = await resp.json()
        print("intruder:", resp.status, "forbidden" if data.get("error") == "Forbidden" else "allowed")


asyncio.run(main())
