// Newsletter sync: pushes new customers to the Mailchimp audience and tags them, and mirrors
// unsubscribes back to the CRM (an internal service that takes a `Token` scheme).
import crypto from "node:crypto";

const MC_KEY = process.env.MAILCHIMP_API_KEY;
const MC_DC = MC_KEY ? MC_KEY.split("-").pop() : "us21";
const MC_BASE = `https://${MC_DC}.api.mailchimp.com/3.0`;
const LIST_ID = process.env.MAILCHIMP_LIST_ID;
const CRM_URL = "https://crm.internal.acme.io/api/v3";

const mcAuth = "Basic " + Buffer.from(`anystring:${MC_KEY}`).toString("base64");

function subscriberHash(email) {
  return crypto.createHash("md5").update(email.toLowerCase()).digest("hex");
}

async function mailchimp(path, { method = "GET", body } = {}) {
  const res = await fetch(`${MC_BASE}${path}`, {
    method,
    headers: { Authorization: mcAuth, "Content-Type": "application/json" },
    body: body && JSON.stringify(body),
  });
  if (res.status === 204) return null;
  const json = await res.json();
  if (res.status >= 400) {
    const err = new Error(`${json.title}: ${json.detail}`);
    err.status = json.status;
    err.errors = json.errors;
    throw err;
  }
  return json;
}

export async function upsertMember(customer) {
  const hash = subscriberHash(customer.email);
  return mailchimp(`/lists/${LIST_ID}/members/${hash}`, {
    method: "PUT",
    body: {
      email_address: customer.email,
      status_if_new: "subscribed",
      merge_fields: { FNAME: customer.firstName, LNAME: customer.lastName, PHONE: customer.phone || "" },
    },
  });
}

export async function tagMember(email, tags) {
  await mailchimp(`/lists/${LIST_ID}/members/${subscriberHash(email)}/tags`, {
    method: "POST",
    body: { tags: tags.map((name) => ({ name, status: "active" })) },
  });
}

export async function* unsubscribedSince(sinceIso) {
  let offset = 0;
  const count = 500;
  for (;;) {
    const page = await mailchimp(
      `/lists/${LIST_ID}/members?status=unsubscribed&since_last_changed=${encodeURIComponent(sinceIso)}&count=${count}&offset=${offset}`
    );
    yield* page.members.map((m) => m.email_address);
    offset += count;
    if (offset >= page.total_items) break;
  }
}

async function crm(path, init = {}) {
  const res = await fetch(CRM_URL + path, {
    ...init,
    headers: { authorization: `Token ${process.env.CRM_TOKEN}`, "content-type": "application/json" },
  });
  const body = await res.json();
  if (body.error) {
    throw new Error(`CRM: ${body.error} (${body.message})`);
  }
  return body;
}

export async function mirrorUnsubscribes(sinceIso) {
  let n = 0;
  for await (const email of unsubscribedSince(sinceIso)) {
    const found = await crm(`/contacts?email=${encodeURIComponent(email)}`);
    for (const contact of found.data.items) {
      await crm(`/contacts/${contact.id}`, { method: "PATCH", body: JSON.stringify({ newsletter: false }) });
      n += 1;
    }
  }
  return n;
}

export async function syncNewCustomers(customers) {
  const results = await Promise.allSettled(customers.map((c) => upsertMember(c).then(() => tagMember(c.email, ["customer"]))));
  const failed = results.filter((r) => r.status === "rejected");
  for (const f of failed) console.error("mailchimp sync failed:", f.reason.message);
  return { synced: results.length - failed.length, failed: failed.length };
}
