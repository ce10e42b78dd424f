// Promise chains with fetch().then(r => r.json()).then(data => ...); each step returns its chain
const API_KEY = process.env.FLEXY_API_KEY || "e2e-test-key";
const HOST = "https://flexy-api.oneclickdz.com";

function showBalance() {
  return fetch(HOST + "/v2/account/balance", { headers: { authorization: API_KEY } })
    .then((r) => r.json())
    .then((data) => {
      console.log("balance: " + data.balance + " DA");
    });
}

function showAdslCards() {
  return fetch(HOST + "/v2/internet/checkCards/ADSL", { headers: { authorization: API_KEY } })
    .then((r) => r.json())
    .then((cards) => {
      console.log("ADSL cards: " + cards.length);
      cards.forEach((card) => console.log("  " + card.value + " DA"));
      console.log("first offer: " + cards[0].value + " DA, available: " + cards[0].available);
    });
}

function checkNumber(type, number) {
  return fetch(HOST + "/v2/internet/checkNumber/" + type + "/" + number, {
    headers: { authorization: API_KEY },
  })
    .then((r) => r.json())
    .then((data) => {
      if (data.error) {
        console.log("number check failed: " + data.message);
      } else {
        console.log(type + " " + data.number + " valid: " + data.valid);
      }
    });
}

function sendDuplicate() {
  return fetch(HOST + "/v2/topup/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ plan_code: "PREPAID_MOBILIS", MSSIDN: "0661234567", amount: 200, ref: "dup-1001" }),
  })
    .then((r) => r.json())
    .then((result) => {
      if (result.error === "DUPLICATED-REF") {
        console.log("order already sent: " + result.message);
      } else if (result.error) {
        console.log("send failed: " + result.message);
      } else {
        console.log("sent " + result.topupId);
      }
    });
}

function listInternetPage(page) {
  return fetch(`${HOST}/v2/internet/list?page=${page}&pageSize=3`, { headers: { authorization: API_KEY } })
    .then((r) => r.json())
    .then((data) => {
      console.log(`internet page ${data.currentPage}/${data.totalPages}: ${data.topups.length} of ${data.totalResults}`);
      data.topups.forEach((t) => console.log("  " + t.ref + " " + t.status));
      if (data.currentPage < data.totalPages) {
        return listInternetPage(page + 1);
      }
    });
}

function callWithoutKey() {
  return fetch(HOST + "/v2/account/balance")
    .then((r) => r.json())
    .then((data) => {
      if (data.error === "Access token missing") {
        console.log("rejected without key: " + data.message);
      }
    });
}

showBalance()
  .then(showAdslCards)
  .then(() => checkNumber("ADSL", "036123456"))
  .then(sendDuplicate)
  .then(() => listInternetPage(1))
  .then(callWithoutKey)
  .catch((err) => {
    console.error("failure: " + err.message);
    process.exit(1);
  });
