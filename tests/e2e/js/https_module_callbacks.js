// Node's own http(s) module, no library: the module is chosen by the URL's scheme, the
// response is read in the request's callback (chunks joined in `res.on("data")`, parsed in
// `res.on("end")`), and each request is wrapped in a promise by its caller.
const BASE = "https://flexy-api.oneclickdz.com";
const KEY = process.env.FLEXY_API_KEY || "e2e-test-key";
const lib = BASE.startsWith("https:") ? require("https") : require("http");

function showBalance(done) {
  lib.get(BASE + "/v2/account/balance", { headers: { authorization: KEY } }, (res) => {
    let raw = "";
    res.on("data", (chunk) => (raw += chunk));
    res.on("end", () => {
      const body = JSON.parse(raw);
      console.log("balance:", body.balance);
      done();
    });
  });
}

function showTransactions(done) {
  lib.get(BASE + "/v2/account/transactions?page=1&pageSize=2", { headers: { authorization: KEY } }, (res) => {
    let raw = "";
    res.on("data", (chunk) => {
      raw += chunk;
    });
    res.on("end", () => {
      const list = JSON.parse(raw);
      console.log("page", list.currentPage, "of", list.totalPages);
      for (const t of list.transactions) console.log("-", t.type, t.amount);
      done();
    });
  });
}

showBalance(() => showTransactions(() => console.log("done")));
