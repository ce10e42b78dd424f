"""Async daily report on Flexy API v3 (already migrated): top-ups of the day, wallet balance,
ADSL prices; posts the summary to the sales team's Slack channel."""

import asyncio
import datetime as dt
import os

import httpx

FLEXY_V3 = "https://api.oneclickdz.com/v3"
SLACK_API = "https://slack.com/api"


async def flexy_get(client, path, **params):
    response = await client.get(f"{FLEXY_V3}{path}", params=params)
    result = response.json()
    if not result["success"]:
        raise RuntimeError("[%s] %s" % (result["error"]["code"], result["error"]["message"]))
    return result["data"]


async def todays_topups(client):
    today = dt.date.today().isoformat()
    first = await flexy_get(client, "/mobile/list", page=1, pageSize=100, date=today)
    items = list(first["items"])
    pages = first["pagination"]["totalPages"]
    rest = await asyncio.gather(
        *(flexy_get(client, "/mobile/list", page=p, pageSize=100, date=today) for p in range(2, pages + 1))
    )
    for data in rest:
        items.extend(data["items"])
    return items


async def adsl_prices(client):
    response = await client.get(FLEXY_V3 + "/internet/products", params={"type": "ADSL"})
    result = response.json()
    if result["success"]:
        return {p["value"]: p["cost"] for p in result["data"]["products"]}
    if result["error"]["code"] == "ERR_AUTH":
        raise PermissionError("Flexy key rejected")
    return {}


async def wallet(client):
    response = await client.get(FLEXY_V3 + "/account/balance")
    result = response.json()
    if not result["success"] and result["error"]["code"] == "INSUFFICIENT_BALANCE":
        return 0
    return result["data"]["balance"]


async def post_to_slack(text):
    async with httpx.AsyncClient(
        base_url=SLACK_API, headers={"Authorization": "Bearer " + os.environ["SLACK_BOT_TOKEN"]}
    ) as slack:
        response = await slack.post("/chat.postMessage", json={"channel": "#sales", "text": text})
        body = response.json()
        if not body["ok"]:
            print("slack refused the report:", body["error"])


async def main():
    async with httpx.AsyncClient(headers={"X-Access-Token": os.environ["FLEXY_API_KEY"]}, timeout=30) as client:
        topups, balance, prices = await asyncio.gather(todays_topups(client), wallet(client), adsl_prices(client))
    delivered = [t for t in topups if t["status"] == "FULFILLED"]
    refunded = [t for t in topups if t["status"] == "REFUNDED"]
    volume = sum(float(t["amount"]) for t in delivered)
    lines = [
        f"*Flexy report {dt.date.today():%d/%m/%Y}*",
        f"Wallet: {balance} DZD",
        f"Top-ups: {len(delivered)} delivered ({volume:.0f} DZD), {len(refunded)} refunded",
        "ADSL: " + ", ".join(f"{v} -> {c}" for v, c in sorted(prices.items())),
    ]
    await post_to_slack("\n".join(lines))


if __name__ == "__main__":
    asyncio.run(main())
