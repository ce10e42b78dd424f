// Subscription billing through Chargebee (API v2): plans, customers and invoices for the
// SaaS dashboard. CommonJS, axios, HTTP Basic auth with the site API key.
"use strict";

const axios = require("axios");
const querystring = require("querystring");

const SITE = process.env.CHARGEBEE_SITE || "acme-test";
const API_KEY = process.env.CHARGEBEE_API_KEY;

const chargebee = axios.create({
  baseURL: `https://${SITE}.chargebee.com/api/v2`,
  timeout: 15000,
  headers: {
    Authorization: "Basic " + Buffer.from(`${API_KEY}:`).toString("base64"),
    "Content-Type": "application/x-www-form-urlencoded",
  },
});

chargebee.interceptors.response.use(
  (response) => response,
  (error) => {
    const body = error.response && error.response.data;
    if (body && body.api_error_code) {
      const wrapped = new Error(body.message);
      wrapped.code = body.api_error_code;
      wrapped.param = body.param;
      wrapped.status = error.response.status;
      return Promise.reject(wrapped);
    }
    return Promise.reject(error);
  }
);

async function listPlans({ limit = 50, offset } = {}) {
  const params = { limit, "status[is]": "active" };
  if (offset) params.offset = offset;
  const { data } = await chargebee.get("/plans", { params });
  return {
    plans: data.list.map((entry) => ({
      id: entry.plan.id,
      name: entry.plan.name,
      price: entry.plan.price / 100,
      period: `${entry.plan.period} ${entry.plan.period_unit}`,
    })),
    nextOffset: data.next_offset,
  };
}

async function allPlans() {
  const plans = [];
  let offset;
  do {
    const page = await listPlans({ offset });
    plans.push(...page.plans);
    offset = page.nextOffset;
  } while (offset);
  return plans;
}

async function retrievePlan(planId) {
  const response = await chargebee.get(`/plans/${encodeURIComponent(planId)}`);
  return response.data.plan;
}

async function createSubscription(customer, planId) {
  const body = querystring.stringify({
    plan_id: planId,
    "customer[email]": customer.email,
    "customer[first_name]": customer.firstName,
    "customer[last_name]": customer.lastName,
    "billing_address[country]": customer.country || "DZ",
  });
  try {
    const { data } = await chargebee.post("/subscriptions", body);
    return { subscriptionId: data.subscription.id, status: data.subscription.status };
  } catch (err) {
    if (err.code === "resource_not_found") {
      throw new Error(`unknown plan ${planId}`);
    }
    if (err.status === 401 || err.message === "Forbidden") {
      throw new Error("Chargebee key rejected, check CHARGEBEE_API_KEY");
    }
    throw err;
  }
}

async function invoicesFor(customerId) {
  const { data } = await chargebee.get("/invoices", {
    params: { "customer_id[is]": customerId, "sort_by[desc]": "date", limit: 20 },
  });
  return data.list.map(({ invoice }) => ({
    id: invoice.id,
    total: invoice.total / 100,
    paid: invoice.status === "paid",
    date: new Date(invoice.date * 1000).toISOString().slice(0, 10),
  }));
}

// Legacy billing service (before Chargebee) still answers for old accounts.
const LEGACY_BILLING = "https://billing.internal.acme.io";

async function legacyPlans(page = 1) {
  const res = await axios.get(LEGACY_BILLING + "/v2/plans/?page=" + page, {
    headers: { authorization: "Token " + process.env.LEGACY_BILLING_TOKEN },
  });
  const { data, meta } = res.data;
  return {
    plans: data,
    currentPage: meta.pagination.current_page,
    totalPages: meta.pagination.total_pages,
  };
}

module.exports = { listPlans, allPlans, retrievePlan, createSubscription, invoicesFor, legacyPlans };
