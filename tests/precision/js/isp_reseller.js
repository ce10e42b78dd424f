// Fibre and 4G box subscriptions resold through the regional ISP's reseller API.
// Base URL and the reseller key come from the environment; the ISP wants the raw key in a
// lowercase `authorization` header (no scheme), which is why this file builds it by hand.
const fetch = require("node-fetch");

const ISP_API = process.env.ISP_API_URL || "https://reseller.fibernet-isp.com";
const RESELLER_KEY = process.env.ISP_RESELLER_KEY;

function ispHeaders(extra = {}) {
  return { authorization: RESELLER_KEY, accept: "application/json", ...extra };
}

async function ispGet(path, query = {}) {
  const qs = new URLSearchParams(query).toString();
  const url = `${ISP_API}${path}${qs ? "?" + qs : ""}`;
  const res = await fetch(url, { headers: ispHeaders() });
  if (res.status === 401) {
    throw new Error("ISP rejected the reseller key");
  }
  return res.json();
}

async function offers(technology) {
  const body = await ispGet("/v2/internet/offers", { technology });
  return body.products.map((p) => ({
    code: p.code,
    label: p.label,
    speed: `${p.downMbps}/${p.upMbps} Mbps`,
    priceDzd: p.price,
  }));
}

async function eligibility(line) {
  const body = await ispGet(`/v2/internet/eligibility/${encodeURIComponent(line)}`);
  if (body.error) {
    return { eligible: false, reason: body.message };
  }
  return { eligible: body.eligible, technologies: body.technologies };
}

async function subscribe(line, offerCode, customer) {
  const res = await fetch(ISP_API + "/v2/internet/subscriptions", {
    method: "POST",
    headers: ispHeaders({ "content-type": "application/json" }),
    body: JSON.stringify({ line, offer: offerCode, customer }),
  });
  const body = await res.json();
  if (body.error === "Forbidden") {
    throw new Error("this reseller account cannot sell " + offerCode);
  }
  if (body.error === "Access token missing") {
    throw new Error("ISP_RESELLER_KEY is not set");
  }
  return body.subscription;
}

async function subscriptions(page = 1) {
  const body = await ispGet("/v2/internet/subscriptions", { page, per_page: 100 });
  return {
    items: body.data.items,
    currentPage: body.meta.pagination.currentPage,
    totalPages: body.meta.pagination.totalPages,
  };
}

async function allActiveSubscriptions() {
  const out = [];
  let page = 1;
  let totalPages = 1;
  do {
    const chunk = await subscriptions(page);
    out.push(...chunk.items.filter((s) => s.status === "active"));
    totalPages = chunk.totalPages;
    page += 1;
  } while (page <= totalPages);
  return out;
}

async function suspend(subscriptionId, reason) {
  const res = await fetch(`${ISP_API}/v2/internet/subscriptions/${subscriptionId}/suspend`, {
    method: "POST",
    headers: ispHeaders({ "content-type": "application/json" }),
    body: JSON.stringify({ reason }),
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new Error(`suspend failed (${res.status}): ${body.message || "unknown"}`);
  }
}

module.exports = { offers, eligibility, subscribe, subscriptions, allActiveSubscriptions, suspend };
