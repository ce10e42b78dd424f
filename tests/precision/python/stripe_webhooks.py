"""Stripe webhooks for the Flask storefront: signature check, then the PaymentIntent is
read back from Stripe (HTTP Basic auth with the secret key) before the order is marked paid."""

import hashlib
import hmac
import os
import time

import requests
from flask import Blueprint, abort, current_app, jsonify, request

bp = Blueprint("stripe_webhooks", __name__)

STRIPE_API = "https://api.stripe.com/v1"
TOLERANCE = 300


def stripe_get(path, **params):
    response = requests.get(
        STRIPE_API + path,
        params=params,
        auth=(os.environ["STRIPE_SECRET_KEY"], ""),
        headers={"Stripe-Version": "2024-06-20"},
        timeout=20,
    )
    body = response.json()
    if "error" in body:
        raise RuntimeError("Stripe: %s" % body["error"]["message"])
    return body


def verify_signature(payload: bytes, header: str, secret: str) -> bool:
    timestamp = None
    signatures = []
    for part in header.split(","):
        key, _, value = part.strip().partition("=")
        if key == "t":
            timestamp = int(value)
        elif key == "v1":
            signatures.append(value)
    if timestamp is None or abs(time.time() - timestamp) > TOLERANCE:
        return False
    signed = f"{timestamp}.".encode() + payload
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return any(hmac.compare_digest(expected, s) for s in signatures)


@bp.post("/webhooks/stripe")
def stripe_webhook():
    payload = request.get_data()
    if not verify_signature(payload, request.headers.get("Stripe-Signature", ""), os.environ["STRIPE_WEBHOOK_SECRET"]):
        abort(400, description="invalid signature")

    event = request.get_json()
    kind = event["type"]
    obj = event["data"]["object"]
    orders = current_app.extensions["orders"]

    if kind == "payment_intent.succeeded":
        intent = stripe_get(f"/payment_intents/{obj['id']}", **{"expand[]": "latest_charge"})
        order_id = intent["metadata"].get("order_id")
        if order_id:
            orders.mark_paid(order_id, charge_id=intent["latest_charge"]["id"], amount=intent["amount_received"] / 100)
    elif kind == "payment_intent.payment_failed":
        error = obj.get("last_payment_error") or {}
        current_app.logger.warning("payment failed: %s", error.get("message", "unknown"))
    elif kind == "charge.refunded":
        orders.mark_refunded(obj["metadata"].get("order_id"), obj["amount_refunded"] / 100)
    else:
        current_app.logger.debug("ignored Stripe event %s", kind)

    return jsonify(received=True)


@bp.get("/admin/stripe/balance")
def stripe_balance():
    if request.headers.get("Authorization") != "Bearer " + os.environ["ADMIN_TOKEN"]:
        return jsonify(error="Forbidden", message="admin token required"), 403
    balance = stripe_get("/balance")
    available = {b["currency"]: b["amount"] / 100 for b in balance["available"]}
    pending = {b["currency"]: b["amount"] / 100 for b in balance["pending"]}
    return jsonify(available=available, pending=pending)
