// Online payments with Chargily Pay (EDAHABIA / CIB). Creates checkouts, reads the merchant
// balance and verifies the webhook that Chargily sends when a checkout is paid.
const crypto = require("crypto");
const express = require("express");

const CHARGILY_MODE = process.env.CHARGILY_MODE === "live" ? "live" : "test";
const CHARGILY_BASE =
  CHARGILY_MODE === "live" ? "https://pay.chargily.net/api/v2" : "https://pay.chargily.net/test/api/v2";
const SECRET_KEY = process.env.CHARGILY_SECRET_KEY;

async function chargily(path, { method = "GET", body } = {}) {
  const response = await fetch(CHARGILY_BASE + path, {
    method,
    headers: {
      Authorization: `Bearer ${SECRET_KEY}`,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json();
  if (!response.ok) {
    const err = new Error(data.message || `Chargily ${response.status}`);
    err.errors = data.errors;
    err.status = response.status;
    throw err;
  }
  return data;
}

async function createCheckout(order) {
  const checkout = await chargily("/checkouts", {
    method: "POST",
    body: {
      amount: order.totalDzd,
      currency: "dzd",
      payment_method: order.method || "edahabia",
      success_url: `https://shop.example.dz/orders/${order.id}/thanks`,
      failure_url: `https://shop.example.dz/orders/${order.id}/retry`,
      webhook_endpoint: "https://shop.example.dz/webhooks/chargily",
      locale: "fr",
      metadata: { order_id: order.id },
    },
  });
  return { id: checkout.id, url: checkout.checkout_url, status: checkout.status };
}

async function merchantBalance() {
  const balance = await chargily("/balance");
  const dzd = balance.wallets.find((w) => w.currency === "dzd");
  return { ready: dzd.ready_for_payout, onHold: dzd.on_hold, livemode: balance.livemode };
}

async function recentCheckouts(page = 1) {
  const list = await chargily(`/checkouts?per_page=25&page=${page}`);
  return {
    checkouts: list.data.map((c) => ({ id: c.id, amount: c.amount, status: c.status })),
    currentPage: list.current_page,
    lastPage: list.last_page,
    total: list.total,
  };
}

// The older SATIM gateway of the marketplace, kept for refunds of old orders.
async function satimAccountBalance(terminalId) {
  const res = await fetch("https://epg.satim.dz/api/v2/account/balance?terminal=" + terminalId, {
    headers: { Authorization: "Basic " + Buffer.from(process.env.SATIM_USER + ":" + process.env.SATIM_PASSWORD).toString("base64") },
  });
  const body = await res.json();
  if (body.error === "NO-BALANCE") {
    return 0;
  }
  if (body.errorCode && body.errorCode !== "0") {
    throw new Error(body.errorMessage);
  }
  return body.balance;
}

function verifySignature(rawBody, signature) {
  const computed = crypto.createHmac("sha256", SECRET_KEY).update(rawBody).digest("hex");
  if (!signature || signature.length !== computed.length) return false;
  return crypto.timingSafeEqual(Buffer.from(computed), Buffer.from(signature));
}

const router = express.Router();

router.post("/webhooks/chargily", express.raw({ type: "application/json" }), async (req, res) => {
  if (!verifySignature(req.body, req.get("signature"))) {
    return res.status(403).json({ error: "Forbidden", message: "bad signature" });
  }
  const event = JSON.parse(req.body.toString("utf8"));
  if (event.type === "checkout.paid") {
    await req.app.locals.orders.markPaid(event.data.metadata.order_id, event.data.id);
  } else if (event.type === "checkout.failed") {
    await req.app.locals.orders.markFailed(event.data.metadata.order_id);
  }
  res.sendStatus(200);
});

module.exports = { createCheckout, merchantBalance, recentCheckouts, satimAccountBalance, verifySignature, router };
