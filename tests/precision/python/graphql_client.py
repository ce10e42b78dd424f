"""A small GraphQL client for the headless CMS (product pages and banners), with automatic
retries and persisted queries. Errors come back in the `errors` list next to `data`."""

import hashlib
import json
import logging
import os
import time

import requests

log = logging.getLogger(__name__)

CMS_ENDPOINT = os.environ.get("CMS_GRAPHQL_URL", "https://cms.acme.io/api/graphql")


class GraphQLError(Exception):
    def __init__(self, errors, data=None):
        super().__init__("; ".join(e.get("message", "unknown error") for e in errors))
        self.errors = errors
        self.data = data


class GraphQLClient:
    def __init__(self, endpoint=CMS_ENDPOINT, token=None, retries=3):
        self.endpoint = endpoint
        self.retries = retries
        self.session = requests.Session()
        token = token or os.environ.get("CMS_TOKEN")
        if token:
            self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.headers["Content-Type"] = "application/json"

    def execute(self, query, variables=None, operation_name=None):
        payload = {"query": query, "variables": variables or {}}
        if operation_name:
            payload["operationName"] = operation_name
        digest = hashlib.sha256(query.encode()).hexdigest()
        payload["extensions"] = {"persistedQuery": {"version": 1, "sha256Hash": digest}}
        for attempt in range(self.retries + 1):
            try:
                response = self.session.post(self.endpoint, data=json.dumps(payload), timeout=15)
            except requests.ConnectionError:
                if attempt == self.retries:
                    raise
                time.sleep(2**attempt)
                continue
            if response.status_code >= 500 and attempt < self.retries:
                time.sleep(2**attempt)
                continue
            result = response.json()
            if result.get("errors"):
                raise GraphQLError(result["errors"], result.get("data"))
            return result["data"]
        raise RuntimeError("unreachable")


PRODUCT_PAGE = """
query ProductPage($slug: String!, $locale: String!) {
  product(slug: $slug, locale: $locale) {
    title
    description
    price { amount currency }
    gallery { url alt }
    related(first: 4) { edges { node { slug title } } }
  }
}
"""

BANNERS = """
query Banners($placement: String!, $page: Int!) {
  banners(placement: $placement, page: $page) {
    items { id image link }
    pageInfo { currentPage totalPages }
  }
}
"""


def product_page(client, slug, locale="fr"):
    data = client.execute(PRODUCT_PAGE, {"slug": slug, "locale": locale}, "ProductPage")
    product = data["product"]
    if product is None:
        return None
    product["related"] = [edge["node"] for edge in product["related"]["edges"]]
    return product


def all_banners(client, placement):
    banners, page = [], 1
    while True:
        data = client.execute(BANNERS, {"placement": placement, "page": page}, "Banners")
        banners.extend(data["banners"]["items"])
        info = data["banners"]["pageInfo"]
        if info["currentPage"] >= info["totalPages"]:
            return banners
        page += 1
