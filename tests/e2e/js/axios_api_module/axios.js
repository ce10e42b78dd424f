// A small stand-in for axios (no packages here): create({ baseURL, headers }) gives an
// instance whose get/post resolve to { status, data } and reject on HTTP >= 400 with
// err.response = { status, data }.
function create({ baseURL = "", headers = {} } = {}) {
  async function request(method, url, data, config = {}) {
    const query = config.params ? "?" + new URLSearchParams(config.params) : "";
    const init = { method, headers: { ...headers, ...config.headers } };
    if (data !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(data);
    }
    const res = await fetch(baseURL + url + query, init);
    const response = { status: res.status, data: await res.json() };
    if (res.status >= 400) {
      const err = new Error(`Request failed with status code ${res.status}`);
      err.response = response;
      throw err;
    }
    return response;
  }
  return {
    get: (url, config) => request("GET", url, undefined, config),
    post: (url, data, config) => request("POST", url, data, config),
  };
}

export default { create };
