// The shop's Flexy client: every failure becomes a FlexyError carrying the API's error code.
const BASE_URL = "https://flexy-api.oneclickdz.com";

class FlexyError extends Error {
  constructor(message, code, status) {
    super(message);
    this.name = "FlexyError";
    this.code = code;
    this.status = status;
  }
}

async function call(method, path, payload) {
  const res = await fetch(BASE_URL + path, {
    method,
    headers: { authorization: process.env.FLEXY_API_KEY || "e2e-test-key", "Content-Type": "application/json" },
    body: payload === undefined ? undefined : JSON.stringify(payload),
  });
  const body = await res.json();
  if (body.error) {
    throw new FlexyError(body.message, body.error, res.status);
  }
  return body;
}

module.exports = { FlexyError, call };
