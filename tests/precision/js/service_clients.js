// Clients of the internal microservices. Every URL and key comes from the service registry
// (environment), so nothing here names a host. Services still on their v2 API take their
// key raw in the authorization header; the newer ones take a bearer token.
const registry = {
  wallet: { url: process.env.WALLET_SERVICE_URL, key: process.env.WALLET_SERVICE_KEY },
  orders: { url: process.env.ORDERS_SERVICE_URL, key: process.env.ORDERS_SERVICE_KEY },
  notify: { url: process.env.NOTIFY_SERVICE_URL, token: process.env.NOTIFY_SERVICE_TOKEN },
};

function serviceClient(name) {
  const service = registry[name];
  if (!service || !service.url) {
    throw new Error(`service ${name} is not configured`);
  }
  return async function call(path, { method = "GET", body, query } = {}) {
    const url = new URL(path, service.url);
    if (query) for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers = { "content-type": "application/json" };
    if (service.token) headers.authorization = `Bearer ${service.token}`;
    else headers.authorization = service.key;
    const res = await fetch(url, { method, headers, body: body && JSON.stringify(body) });
    const payload = await res.json();
    if (!res.ok) {
      const err = new Error(payload.message || `${name} ${res.status}`);
      err.status = res.status;
      err.code = payload.error;
      throw err;
    }
    return payload;
  };
}

const wallet = serviceClient("wallet");
const orders = serviceClient("orders");
const notify = serviceClient("notify");

async function customerBalance(customerId) {
  const body = await wallet(`/v2/account/balance?customer=${customerId}`);
  return body.balance;
}

async function customerHistory(customerId, page = 1) {
  const body = await wallet("/v2/account/transactions", { query: { customer: customerId, page } });
  return { rows: body.transactions, page: body.currentPage, pages: body.totalPages, total: body.totalResults };
}

async function placeOrder(customerId, items, ref) {
  try {
    return await orders("/v2/orders", { method: "POST", body: { customerId, items, ref } });
  } catch (err) {
    if (err.code === "Forbidden") {
      throw new Error("customer is blocked");
    }
    if (err.code === "DUPLICATE_ORDER") {
      return orders(`/v2/orders/by-ref/${encodeURIComponent(ref)}`);
    }
    throw err;
  }
}

async function validateKey() {
  try {
    await wallet("/v2/validate");
    return true;
  } catch (err) {
    return !(err.status === 401 || err.code === "Access token missing");
  }
}

async function sendReceipt(customer, order) {
  await notify("/v1/messages", {
    method: "POST",
    body: {
      to: customer.email,
      template: "receipt",
      data: { orderId: order.id, total: order.total, items: order.items.length },
    },
  });
}

module.exports = { serviceClient, customerBalance, customerHistory, placeOrder, validateKey, sendReceipt };
