// Ops alerts: posts to Slack with the bot token and verifies Slack's signed requests for the
// /alerts slash command. Plain node https module, no dependencies.
const https = require("https");
const crypto = require("crypto");

const SLACK_HOST = "slack.com";
const BOT_TOKEN = process.env.SLACK_BOT_TOKEN;
const SIGNING_SECRET = process.env.SLACK_SIGNING_SECRET;

function slackApi(method, payload) {
  const body = JSON.stringify(payload);
  const options = {
    hostname: SLACK_HOST,
    path: "/api/" + method,
    method: "POST",
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Length": Buffer.byteLength(body),
      Authorization: "Bearer " + BOT_TOKEN,
    },
  };
  return new Promise((resolve, reject) => {
    const req = https.request(options, (res) => {
      let raw = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (raw += chunk));
      res.on("end", () => {
        try {
          const parsed = JSON.parse(raw);
          if (!parsed.ok) {
            const err = new Error(parsed.error);
            err.slackError = parsed.error;
            err.warning = parsed.warning;
            return reject(err);
          }
          resolve(parsed);
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("error", reject);
    req.setTimeout(10000, () => req.destroy(new Error("Slack timeout")));
    req.write(body);
    req.end();
  });
}

async function postAlert(channel, title, fields) {
  const blocks = [
    { type: "header", text: { type: "plain_text", text: title } },
    {
      type: "section",
      fields: Object.entries(fields).map(([k, v]) => ({ type: "mrkdwn", text: `*${k}*\n${v}` })),
    },
  ];
  try {
    const result = await slackApi("chat.postMessage", { channel, text: title, blocks });
    return result.ts;
  } catch (err) {
    if (err.slackError === "ratelimited") {
      await new Promise((r) => setTimeout(r, 30000));
      return postAlert(channel, title, fields);
    }
    if (err.slackError === "not_in_channel") {
      await slackApi("conversations.join", { channel });
      return postAlert(channel, title, fields);
    }
    throw err;
  }
}

function verifySlackRequest(headers, rawBody) {
  const timestamp = headers["x-slack-request-timestamp"];
  const signature = headers["x-slack-signature"];
  if (!timestamp || !signature) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 60 * 5) return false;
  const base = `v0:${timestamp}:${rawBody}`;
  const expected = "v0=" + crypto.createHmac("sha256", SIGNING_SECRET).update(base).digest("hex");
  const a = Buffer.from(expected);
  const b = Buffer.from(signature);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function slashCommandHandler(req, res) {
  if (!verifySlackRequest(req.headers, req.rawBody)) {
    res.statusCode = 401;
    return res.end(JSON.stringify({ error: "invalid signature" }));
  }
  const params = new URLSearchParams(req.rawBody);
  const [subcommand, ...rest] = (params.get("text") || "").trim().split(/\s+/);
  res.setHeader("Content-Type", "application/json");
  if (subcommand === "silence") {
    res.end(JSON.stringify({ response_type: "ephemeral", text: `Silenced ${rest.join(" ")} for 1h` }));
  } else {
    res.end(JSON.stringify({ response_type: "ephemeral", text: "Usage: /alerts silence <check>" }));
  }
}

module.exports = { slackApi, postAlert, verifySlackRequest, slashCommandHandler };
