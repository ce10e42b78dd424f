// Customer and ops notifications: e-mail through SendGrid (`https://api.sendgrid.com/v3/...`),
// Slack messages (`https://slack.com/api/...`) and SMS through Twilio. Traps: another API's
// `/v3/` paths (`/v3/mail/send`, `/v3/marketing/contacts`), Bearer and Basic auth on
// `Authorization`, `errors[].message` and Slack's `{ ok, error }` bodies.
const SENDGRID_API = "https://api.sendgrid.com";
const SLACK_API = "https://slack.com/api";

export interface Recipient {
  email: string;
  name?: string;
  phone?: string;
}

interface SendGridError {
  errors: { message: string; field?: string | null }[];
}

interface SlackResponse {
  ok: boolean;
  error?: string;
  ts?: string;
  warning?: string;
}

type TemplateId = `d-${string}`;

const sendgridHeaders = (): HeadersInit => ({
  Authorization: `Bearer ${process.env.SENDGRID_API_KEY!}`,
  "Content-Type": "application/json",
});

export async function sendTemplate(to: Recipient, templateId: TemplateId, data: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${SENDGRID_API}/v3/mail/send`, {
    method: "POST",
    headers: sendgridHeaders(),
    body: JSON.stringify({
      from: { email: "no-reply@shop.example.dz", name: "Shop" },
      personalizations: [{ to: [{ email: to.email, name: to.name }], dynamic_template_data: data }],
      template_id: templateId,
    }),
  });
  if (res.status !== 202) {
    const body = (await res.json()) as SendGridError;
    throw new Error(`SendGrid ${res.status}: ${body.errors.map((e) => e.message).join("; ")}`);
  }
  return res.headers.get("x-message-id") ?? "";
}

export async function addToMarketingList(listId: string, contacts: Recipient[]): Promise<string> {
  const res = await fetch(SENDGRID_API + "/v3/marketing/contacts", {
    method: "PUT",
    headers: sendgridHeaders(),
    body: JSON.stringify({
      list_ids: [listId],
      contacts: contacts.map((c) => ({ email: c.email, first_name: c.name?.split(" ")[0] })),
    }),
  });
  const body = (await res.json()) as { job_id?: string } & Partial<SendGridError>;
  if (!res.ok || !body.job_id) {
    throw new Error(body.errors?.[0]?.message ?? `SendGrid ${res.status}`);
  }
  return body.job_id;
}

export async function postToSlack(channel: string, text: string): Promise<string | undefined> {
  const res = await fetch(`${SLACK_API}/chat.postMessage`, {
    method: "POST",
    headers: {
      authorization: "Bearer " + process.env.SLACK_BOT_TOKEN,
      "Content-Type": "application/json; charset=utf-8",
    },
    body: JSON.stringify({ channel, text }),
  });
  const body: SlackResponse = await res.json();
  if (!body.ok) {
    if (body.error === "ratelimited") {
      const wait = Number(res.headers.get("retry-after") ?? "30");
      await new Promise((r) => setTimeout(r, wait * 1000));
      return postToSlack(channel, text);
    }
    throw new Error(`Slack refused the message: ${body.error}`);
  }
  return body.ts;
}

export async function sendSms(to: string, text: string): Promise<string> {
  const sid = process.env.TWILIO_ACCOUNT_SID!;
  const basic = Buffer.from(`${sid}:${process.env.TWILIO_AUTH_TOKEN}`).toString("base64");
  const res = await fetch(`https://api.twilio.com/2010-04-01/Accounts/${sid}/Messages.json`, {
    method: "POST",
    headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ To: to, From: process.env.TWILIO_FROM!, Body: text }),
  });
  const body = (await res.json()) as { sid?: string; message?: string; code?: number };
  if (!res.ok) throw new Error(`Twilio ${body.code}: ${body.message}`);
  return body.sid!;
}

export async function notifyOrderShipped(customer: Recipient, orderId: string, tracking: string): Promise<void> {
  const jobs: Promise<unknown>[] = [
    sendTemplate(customer, "d-7f3a0c2b91e44c5d", { orderId, tracking }),
  ];
  if (customer.phone) {
    jobs.push(sendSms(customer.phone, `Commande ${orderId} expédiée, suivi: ${tracking}`));
  }
  const results = await Promise.allSettled(jobs);
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed.length) {
    await postToSlack("#ops", `order ${orderId}: ${failed.length} notification(s) failed: ${failed[0].reason}`);
  }
}
