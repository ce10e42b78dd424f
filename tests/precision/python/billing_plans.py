"""SaaS subscription billing (Chargebee API v2) for the reseller portal: plan catalogue,
subscriptions and invoices. requests with HTTP Basic auth (the site key as the user)."""

import os
from dataclasses import dataclass
from decimal import Decimal

import requests

SITE = os.environ.get("CHARGEBEE_SITE", "acme-test")
CHARGEBEE_API = "https://{site}.chargebee.com/api/v2".format(site=SITE)
LEGACY_BILLING = "https://billing.internal.acme.io"


@dataclass(frozen=True)
class Plan:
    id: str
    name: str
    price: Decimal
    period: str


class BillingError(Exception):
    def __init__(self, message, code=None, status=None):
        super().__init__(message)
        self.code = code
        self.status = status


def _chargebee(method, path, **kwargs):
    response = requests.request(
        method,
        CHARGEBEE_API + path,
        auth=(os.environ["CHARGEBEE_API_KEY"], ""),
        timeout=20,
        **kwargs,
    )
    body = response.json()
    if response.status_code >= 400:
        raise BillingError(body.get("message"), body.get("api_error_code"), response.status_code)
    return body


def plans(limit=100):
    offset = None
    while True:
        params = {"limit": limit, "status[is]": "active"}
        if offset:
            params["offset"] = offset
        body = _chargebee("GET", "/plans", params=params)
        for entry in body["list"]:
            plan = entry["plan"]
            yield Plan(plan["id"], plan["name"], Decimal(plan["price"]) / 100, "%s %s" % (plan["period"], plan["period_unit"]))
        offset = body.get("next_offset")
        if not offset:
            return


def plan(plan_id):
    body = _chargebee("GET", f"/plans/{plan_id}")
    return body["plan"]


def subscribe(customer, plan_id):
    try:
        body = _chargebee(
            "POST",
            "/subscriptions",
            data={
                "plan_id": plan_id,
                "customer[email]": customer["email"],
                "customer[first_name]": customer["first_name"],
                "billing_address[country]": customer.get("country", "DZ"),
            },
        )
    except BillingError as err:
        if err.code == "resource_not_found":
            raise BillingError(f"unknown plan {plan_id}", err.code, err.status) from err
        if err.status == 401 or str(err) == "Forbidden":
            raise BillingError("Chargebee key rejected", err.code, err.status) from err
        raise
    return body["subscription"]["id"], body["subscription"]["status"]


def invoices(customer_id):
    body = _chargebee("GET", "/invoices", params={"customer_id[is]": customer_id, "sort_by[desc]": "date"})
    return [(e["invoice"]["id"], Decimal(e["invoice"]["total"]) / 100, e["invoice"]["status"]) for e in body["list"]]


def legacy_plans(page=1):
    """Plans of the billing service we used before Chargebee (still serves old accounts)."""
    response = requests.get(
        LEGACY_BILLING + "/v2/plans/",
        params={"page": page},
        headers={"authorization": "Token " + os.environ["LEGACY_BILLING_TOKEN"]},
        timeout=20,
    )
    body = response.json()
    return {
        "plans": body["data"],
        "current_page": body["meta"]["pagination"]["current_page"],
        "total_pages": body["meta"]["pagination"]["total_pages"],
    }
