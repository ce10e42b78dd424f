// got-style client: `got.extend({ prefixUrl, headers, throwHttpErrors: false })` and
// `client.get("account/balance").json()` with relative paths (no leading slash, as got
// requires with prefixUrl). The tiny got below is written over fetch.
function extend(defaults) {
  function request(method, path, options = {}) {
    const prefix = defaults.prefixUrl.endsWith("/") ? defaults.prefixUrl : defaults.prefixUrl + "/";
    let url = prefix + path;
    if (options.searchParams) url += "?" + new URLSearchParams(options.searchParams).toString();
    const headers = { ...(defaults.headers || {}), ...(options.headers || {}) };
    const init = { method, headers };
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      init.body = JSON.stringify(options.json);
    }
    const response = fetch(url, init).then(async (res) => {
      if (!res.ok && defaults.throwHttpErrors !== false) {
        const error = new Error(`Response code ${res.status}`);
        error.response = { statusCode: res.status, body: await res.text() };
        throw error;
      }
      return res;
    });
    // got's promise has .json() and .text()
    response.json = () => response.then((res) => res.json());
    response.text = () => response.then((res) => res.text());
    return response;
  }
  return {
    get: (path, options) => request("GET", path, options),
    post: (path, options) => request("POST", path, options),
  };
}
const got = { extend };

const flexy = got.extend({
  prefixUrl: "https://flexy-api.oneclickdz.com/v2",
  headers: { authorization: process.env.FLEXY_API_KEY || "e2e-test-key" },
  throwHttpErrors: false,
});

async function main() {
  const me = await flexy.get("validate").json();
  console.log("user:", me.username);

  const { balance } = await flexy.get("account/balance").json();
  console.log("balance:", balance);

  const plans = await flexy.get("plans/listAll").json();
  console.log("plans:", plans.dymanicPlans.length, "dynamic,", plans.fixedPlans.length, "fixed");
  const djezzy = plans.dymanicPlans.find((p) => p.code === "PREPAID_DJEZZY");
  console.log("djezzy range:", djezzy.min, "-", djezzy.max);

  const refs = ["got-6001", "dup-6002", "got-6003"];
  for (const ref of refs) {
    const amount = ref === "got-6003" ? 5000 : 200;
    const sent = await flexy
      .post("topup/sendTopup", { json: { plan_code: "PREPAID_DJEZZY", MSSIDN: "0661234567", amount, ref } })
      .json();
    if (sent.error === "DUPLICATED-REF") console.log(ref, "already used");
    else if (sent.error === "NO-BALANCE") console.log(ref, "needs more balance:", sent.message);
    else if (sent.error) console.log(ref, "failed:", sent.message);
    else console.log(ref, "->", sent.topupId, "balance", sent.newBalance);
  }

  const missing = await flexy.post("topup/sendTopup", { json: { plan_code: "PREPAID_DJEZZY", amount: 100, ref: "got-6004" } }).json();
  console.log("without a phone:", missing.message);

  const byId = await flexy.get("topup/checkStatus/ID/tp-order-007").json();
  console.log("tp-order-007:", byId.topup.status, byId.topup.MSSIDN);
  const lost = await flexy.get("topup/checkStatus/REF/missing-1").json();
  console.log("missing-1:", lost.error ? lost.message : lost.topup.status);

  const page = await flexy.get("topup/list", { searchParams: { page: 1, pageSize: 5 } }).json();
  console.log("top-ups:", page.totalResults, "pages:", page.totalPages, "first:", page.topups[0].ref);

  const intruder = got.extend({ prefixUrl: "https://flexy-api.oneclickdz.com/v2", headers: { authorization: "bad" }, throwHttpErrors: false });
  const denied = await intruder.get("account/balance").json();
  console.log("bad key:", denied.error === "Forbidden" ? "forbidden" : "?", denied.message);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
