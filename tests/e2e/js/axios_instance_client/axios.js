// A tiny stand-in for axios (no packages here): create({ baseURL, headers }), get/post,
// responses as { status, data }, and errors for HTTP statuses >= 400 with err.response.
class AxiosError extends Error {
  constructor(message, response) {
    super(message);
    this.name = "AxiosError";
    this.response = response;
    this.isAxiosError = true;
  }
}

function create(defaults = {}) {
  async function request(method, url, data, config = {}) {
    const full = (defaults.baseURL || "") + url + (config.params ? "?" + new URLSearchParams(config.params) : "");
    const headers = { ...(defaults.headers || {}), ...(config.headers || {}) };
    const init = { method, headers };
    if (data !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(data);
    }
    const res = await fetch(full, init);
    const response = { status: res.status, data: await res.json() };
    const validateStatus = config.validateStatus || defaults.validateStatus || ((s) => s >= 200 && s < 300);
    if (!validateStatus(res.status)) {
      throw new AxiosError(`Request failed with status code ${res.status}`, response);
    }
    return response;
  }
  return {
    defaults,
    get: (url, config) => request("GET", url, undefined, config),
    post: (url, data, config) => request("POST", url, data, config),
  };
}

module.exports = { create, AxiosError };
