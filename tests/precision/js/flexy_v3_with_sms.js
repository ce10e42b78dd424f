// Top-up notifications: a Flexy client already on v3, beside an SMS gateway whose errors are
// plain strings ("Forbidden", "Access token missing"), an HTTP Basic auth helper for the
// partner API and a form state with its own `error`. Nothing here is Flexy v2 code.
"use strict";

const FLEXY_V3 = "https://api.oneclickdz.com/v3";

async function flexyBalance(apiKey) {
  const res = await fetch(`${FLEXY_V3}/account/balance`, {
    headers: { "X-Access-Token": apiKey },
  });
  const result = await res.json();
  if (!result.success) {
    throw new Error(`Flexy: ${result.error.code} ${result.error.message}`);
  }
  return result.data.balance;
}

// The SMS gateway's URL and key come from the environment.
async function sendSms(to, text) {
  const res = await fetch(process.env.SMS_GATEWAY_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Api-Key": process.env.SMS_KEY },
    body: JSON.stringify({ to, text }),
  });
  const body = await res.json();
  if (body.error === "Forbidden" || body.error === "Access token missing") {
    console.error("the SMS gateway refused our key");
    return false;
  }
  if (body.error) {
    console.error("SMS failed: " + body.error);
    return false;
  }
  return true;
}

// HTTP Basic auth for the partner API, applied to a request object it is given.
class BasicAuth {
  constructor(user, password) {
    this.user = user;
    this.password = password;
  }

  value() {
    return "Basic " + Buffer.from(`${this.user}:${this.password}`).toString("base64");
  }

  apply(request) {
    request.headers = request.headers || {};
    request.headers.authorization = this.value();
    return request;
  }
}

// A form's state, with its own error text.
class FormState {
  constructor() {
    this.error = null;
    this.message = "";
  }

  fail(reason) {
    this.error = reason;
    this.message = "Please check the form: " + this.error;
  }
}

async function notifyLowBalance(apiKey, phone) {
  const balance = await flexyBalance(apiKey);
  if (balance < 1000) {
    await sendSms(phone, `Flexy balance is low: ${balance} DZD`);
  }
  return balance;
}

module.exports = { flexyBalance, sendSms, BasicAuth, FormState, notifyLowBalance };
