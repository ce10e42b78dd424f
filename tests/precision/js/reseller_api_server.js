// The shop's own public API (served to resellers' apps). Version 2 of our API lives under
// /v2 and still mirrors the wallet endpoints; responses carry page metadata at the root.
const express = require("express");

const app = express();
app.use(express.json());

const PAGE_SIZE = 20;

function requireApiKey(req, res, next) {
  const header = req.get("authorization");
  if (!header) {
    return res.status(401).json({ error: "Access token missing", message: "Send your reseller key in the authorization header" });
  }
  const key = header.startsWith("Bearer ") ? header.slice(7) : header;
  const reseller = req.app.locals.resellers.byKey(key);
  if (!reseller) {
    return res.status(403).json({ error: "Forbidden", message: "Unknown or revoked key" });
  }
  req.reseller = reseller;
  next();
}

function paginate(rows, page) {
  const totalResults = rows.length;
  const totalPages = Math.max(1, Math.ceil(totalResults / PAGE_SIZE));
  const currentPage = Math.min(Math.max(1, page), totalPages);
  const start = (currentPage - 1) * PAGE_SIZE;
  return { items: rows.slice(start, start + PAGE_SIZE), totalResults, totalPages, currentPage };
}

app.get("/v2/account/balance", requireApiKey, async (req, res) => {
  const wallet = await req.app.locals.wallets.get(req.reseller.id);
  res.json({ balance: wallet.balance, currency: "DZD", updatedAt: wallet.updatedAt });
});

app.get("/v2/account/transactions", requireApiKey, async (req, res) => {
  const rows = await req.app.locals.wallets.movements(req.reseller.id);
  const { items, totalResults, totalPages, currentPage } = paginate(rows, Number(req.query.page) || 1);
  res.json({ transactions: items, totalResults, totalPages, currentPage });
});

app.post("/v2/orders", requireApiKey, async (req, res) => {
  const { productId, quantity = 1, ref } = req.body || {};
  if (!productId || !ref) {
    return res.status(400).json({ error: "ERR_VALIDATION", message: "productId and ref are required" });
  }
  const wallet = await req.app.locals.wallets.get(req.reseller.id);
  const product = await req.app.locals.catalog.get(productId);
  if (!product) {
    return res.status(404).json({ error: "NOT_FOUND", message: `no product ${productId}` });
  }
  if (wallet.balance < product.price * quantity) {
    return res.status(402).json({ error: "NO-BALANCE", message: "Top up your wallet first" });
  }
  if (await req.app.locals.orders.existsRef(req.reseller.id, ref)) {
    return res.status(409).json({ error: "DUPLICATED-REF", message: `ref ${ref} was already used` });
  }
  const order = await req.app.locals.orders.create(req.reseller.id, product, quantity, ref);
  res.status(201).json({ order });
});

app.get("/v2/orders", requireApiKey, async (req, res) => {
  const rows = await req.app.locals.orders.list(req.reseller.id);
  const page = paginate(rows, Number(req.query.page) || 1);
  res.json({ orders: page.items, totalResults: page.totalResults, totalPages: page.totalPages, currentPage: page.currentPage });
});

// v3 of our own API wraps everything in { data, meta }.
app.get("/v3/orders", requireApiKey, async (req, res) => {
  const rows = await req.app.locals.orders.list(req.reseller.id);
  const page = paginate(rows, Number(req.query.page) || 1);
  res.json({
    data: { items: page.items },
    meta: { pagination: { page: page.currentPage, totalPages: page.totalPages, totalResults: page.totalResults } },
  });
});

app.use((err, req, res, _next) => {
  console.error(err);
  res.status(500).json({ error: "INTERNAL", message: "Something went wrong" });
});

if (require.main === module) {
  const port = Number(process.env.PORT) || 8080;
  app.listen(port, () => console.log(`reseller API listening on :${port}`));
}

module.exports = { app, paginate, requireApiKey };
