"""Async stock sync between the warehouse service (internal, REST v2, `authorization: Token`)
and the storefront, with aiohttp. Pages are read concurrently once the page count is known."""

import asyncio
import os

import aiohttp

WAREHOUSE_URL = "https://warehouse.internal.acme.io"
STOREFRONT_URL = "https://storefront-api.acme.io/v3"


def warehouse_headers():
    token = os.environ["WAREHOUSE_TOKEN"]
    return {"authorization": "Token " + token, "accept": "application/json"}


async def fetch_json(session, url, **kwargs):
    for attempt in range(4):
        async with session.get(url, **kwargs) as response:
            if response.status in (502, 503, 504):
                await asyncio.sleep(0.5 * 2**attempt)
                continue
            body = await response.json()
            if response.status >= 400:
                raise RuntimeError(f"{url}: {body.get('error')} ({body.get('message')})")
            return body
    raise RuntimeError(f"{url}: service unavailable")


async def stock_page(session, warehouse, page):
    url = f"{WAREHOUSE_URL}/v2/warehouses/{warehouse}/stock"
    return await fetch_json(session, url, params={"page": page, "per_page": 200}, headers=warehouse_headers())


async def all_stock(session, warehouse):
    first = await stock_page(session, warehouse, 1)
    pagination = first["meta"]["pagination"]
    rows = list(first["data"]["items"])
    if pagination["totalPages"] > 1:
        pages = await asyncio.gather(
            *(stock_page(session, warehouse, p) for p in range(2, pagination["totalPages"] + 1))
        )
        for page in pages:
            rows.extend(page["data"]["items"])
    assert len(rows) == pagination["totalResults"], "warehouse changed during the sync"
    return {row["sku"]: int(row["available"]) for row in rows}


async def storefront_variants(session, token):
    variants = {}
    cursor = None
    while True:
        params = {"limit": 250}
        if cursor:
            params["cursor"] = cursor
        body = await fetch_json(
            session,
            STOREFRONT_URL + "/variants",
            params=params,
            headers={"Authorization": "Bearer %s" % token},
        )
        for variant in body["items"]:
            variants[variant["sku"]] = variant
        cursor = body.get("nextCursor")
        if not cursor:
            return variants


async def push_level(session, token, variant_id, quantity, semaphore):
    async with semaphore:
        async with session.put(
            "{}/variants/{}/inventory".format(STOREFRONT_URL, variant_id),
            json={"quantity": quantity},
            headers={"Authorization": "Bearer " + token},
        ) as response:
            if response.status == 403:
                body = await response.json()
                if body.get("error") == "Forbidden":
                    raise PermissionError("storefront token cannot write inventory")
            response.raise_for_status()


async def sync(warehouse="ALG-1"):
    token = os.environ["STOREFRONT_TOKEN"]
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        stock, variants = await asyncio.gather(all_stock(session, warehouse), storefront_variants(session, token))
        semaphore = asyncio.Semaphore(10)
        jobs = [
            push_level(session, token, variant["id"], stock[sku], semaphore)
            for sku, variant in variants.items()
            if sku in stock and variant["inventory"] != stock[sku]
        ]
        await asyncio.gather(*jobs)
        return len(jobs)


if __name__ == "__main__":
    print(asyncio.run(sync()), "levels updated")
