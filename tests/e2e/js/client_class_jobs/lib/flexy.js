// The shop's Flexy API client: one method per endpoint over a private request(); an
// error body is thrown as an Error carrying the API's code and message.
const BASE = "https://flexy-api.oneclickdz.com/v2";

class FlexyAPI {
  constructor(key) {
    this.key = key;
  }

  async #request(method, path, body) {
    const headers = { authorization: this.key };
    const init = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(BASE + path, init);
    const data = await res.json();
    if (data.error) {
      const err = new Error(data.message);
      err.code = data.error;
      err.status = res.status;
      throw err;
    }
    return data;
  }

  getBalance() {
    return this.#request("GET", "/account/balance");
  }

  getTransactions(page) {
    return this.#request("GET", `/account/transactions?page=${page}&pageSize=20`);
  }

  sendTopup(planCode, phone, amount, ref) {
    return this.#request("POST", "/topup/sendTopup", { plan_code: planCode, MSSIDN: phone, amount, ref });
  }

  checkTopupByRef(ref) {
    return this.#request("GET", `/topup/checkStatus/REF/${ref}`);
  }
}

module.exports = { FlexyAPI };
