// OAuth 2.0 authorization-code flow against the company SSO (Keycloak) plus token refresh,
// used by the admin backoffice. Uses got with hooks for the automatic refresh.
const got = require("got");
const crypto = require("node:crypto");

const ISSUER = process.env.SSO_ISSUER || "https://sso.acme.io/realms/backoffice";
const CLIENT_ID = process.env.SSO_CLIENT_ID;
const CLIENT_SECRET = process.env.SSO_CLIENT_SECRET;
const REDIRECT_URI = process.env.SSO_REDIRECT_URI || "https://admin.acme.io/auth/callback";

const tokenEndpoint = `${ISSUER}/protocol/openid-connect/token`;
const authorizeEndpoint = `${ISSUER}/protocol/openid-connect/auth`;

function basicAuth() {
  return "Basic " + Buffer.from(`${encodeURIComponent(CLIENT_ID)}:${encodeURIComponent(CLIENT_SECRET)}`).toString("base64");
}

function pkcePair() {
  const verifier = crypto.randomBytes(32).toString("base64url");
  const challenge = crypto.createHash("sha256").update(verifier).digest("base64url");
  return { verifier, challenge };
}

function authorizationUrl(state, challenge) {
  const url = new URL(authorizeEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", CLIENT_ID);
  url.searchParams.set("redirect_uri", REDIRECT_URI);
  url.searchParams.set("scope", "openid profile email");
  url.searchParams.set("state", state);
  url.searchParams.set("code_challenge", challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}

async function exchangeCode(code, verifier) {
  const tokens = await got
    .post(tokenEndpoint, {
      headers: { authorization: basicAuth() },
      form: { grant_type: "authorization_code", code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    })
    .json();
  return withExpiry(tokens);
}

async function refresh(session) {
  try {
    const tokens = await got
      .post(tokenEndpoint, {
        headers: { authorization: basicAuth() },
        form: { grant_type: "refresh_token", refresh_token: session.refresh_token },
      })
      .json();
    return withExpiry({ ...tokens, refresh_token: tokens.refresh_token || session.refresh_token });
  } catch (err) {
    const body = err.response && JSON.parse(err.response.body || "{}");
    if (body.error === "invalid_grant") {
      const expired = new Error(body.error_description || "session expired");
      expired.code = "SESSION_EXPIRED";
      throw expired;
    }
    throw err;
  }
}

function withExpiry(tokens) {
  return { ...tokens, expires_at: Date.now() + (tokens.expires_in - 30) * 1000 };
}

function apiClient(session, onTokens) {
  return got.extend({
    prefixUrl: "https://backoffice-api.acme.io/v3",
    responseType: "json",
    hooks: {
      beforeRequest: [
        async (options) => {
          if (Date.now() > session.expires_at) {
            session = await refresh(session);
            onTokens(session);
          }
          options.headers.authorization = `Bearer ${session.access_token}`;
        },
      ],
    },
  });
}

async function currentUser(session) {
  const userinfo = await got(`${ISSUER}/protocol/openid-connect/userinfo`, {
    headers: { Authorization: "Bearer " + session.access_token },
  }).json();
  return { id: userinfo.sub, email: userinfo.email, name: userinfo.name };
}

module.exports = { pkcePair, authorizationUrl, exchangeCode, refresh, apiClient, currentUser };
