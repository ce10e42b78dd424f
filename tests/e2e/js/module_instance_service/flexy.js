// One Flexy client for the whole service, created when the module is first required.
const BASE_URL = "https://flexy-api.oneclickdz.com/v2";

class FlexyClient {
  constructor(key) {
    this.key = key;
  }

  async call(path, payload) {
    const options = { headers: { authorization: this.key } };
    if (payload) {
      options.method = "POST";
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(payload);
    }
    const res = await fetch(BASE_URL + path, options);
    const body = await res.json();
    if (!res.ok) {
      throw Object.assign(new Error(body.message), { status: res.status });
    }
    return body;
  }

  balance() {
    return this.call("/account/balance");
  }

  plans() {
    return this.call("/plans/listAll");
  }

  internetCards(type) {
    return this.call(`/internet/checkCards/${type}`);
  }

  checkNumber(type, number) {
    return this.call(`/internet/checkNumber/${type}/${number}`);
  }

  sendInternet(type, number, value, ref) {
    return this.call("/internet/sendTopup", { type, number, value, ref });
  }
}

module.exports = new FlexyClient(process.env.FLEXY_API_KEY || "e2e-test-key");
