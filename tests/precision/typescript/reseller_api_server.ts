// The shop's own public API for resellers' apps, in Express with typed handlers. Version 2
// of our API lives under `/v2` (`/v2/account/balance`, `/v2/account/transactions`,
// `/v2/orders`) with page fields at the root; version 3 (`/v3/orders`) wraps the answer in
// `{ data, meta }`. Traps: the `authorization` header read from requests, the error strings
// "Access token missing", "Forbidden", "NO-BALANCE", "DUPLICATED-REF" that we send ourselves.
import express, { type NextFunction, type Request, type Response } from "express";

const PAGE_SIZE = 20;

interface Reseller {
  id: string;
  name: string;
  blocked: boolean;
}

interface Order {
  id: string;
  productId: string;
  quantity: number;
  ref: string;
  total: number;
}

interface Page<T> {
  items: T[];
  totalResults: number;
  totalPages: number;
  currentPage: number;
}

interface Stores {
  resellers: { byKey(key: string): Promise<Reseller | undefined> };
  wallets: { balance(resellerId: string): Promise<number>; movements(resellerId: string): Promise<unknown[]> };
  catalog: { price(productId: string): Promise<number | undefined> };
  orders: {
    existsRef(resellerId: string, ref: string): Promise<boolean>;
    create(resellerId: string, input: Omit<Order, "id" | "total">, total: number): Promise<Order>;
    list(resellerId: string): Promise<Order[]>;
  };
}

type AuthedRequest = Request & { reseller?: Reseller };

export function paginate<T>(rows: T[], page: number): Page<T> {
  const totalResults = rows.length;
  const totalPages = Math.max(1, Math.ceil(totalResults / PAGE_SIZE));
  const currentPage = Math.min(Math.max(1, page), totalPages);
  const start = (currentPage - 1) * PAGE_SIZE;
  return { items: rows.slice(start, start + PAGE_SIZE), totalResults, totalPages, currentPage };
}

export function createApp(stores: Stores): express.Express {
  const app = express();
  app.use(express.json());

  const requireApiKey = async (req: AuthedRequest, res: Response, next: NextFunction) => {
    const header = req.get("authorization");
    if (!header) {
      return res.status(401).json({ error: "Access token missing", message: "Send your key in the authorization header" });
    }
    const key = header.startsWith("Bearer ") ? header.slice(7) : header;
    const reseller = await stores.resellers.byKey(key);
    if (!reseller || reseller.blocked) {
      return res.status(403).json({ error: "Forbidden", message: "Unknown or revoked key" });
    }
    req.reseller = reseller;
    next();
  };

  app.get("/v2/account/balance", requireApiKey, async (req: AuthedRequest, res: Response) => {
    const balance = await stores.wallets.balance(req.reseller!.id);
    res.json({ balance, currency: "DZD" });
  });

  app.get("/v2/account/transactions", requireApiKey, async (req: AuthedRequest, res: Response) => {
    const rows = await stores.wallets.movements(req.reseller!.id);
    const { items, totalResults, totalPages, currentPage } = paginate(rows, Number(req.query.page) || 1);
    res.json({ transactions: items, totalResults, totalPages, currentPage });
  });

  app.post("/v2/orders", requireApiKey, async (req: AuthedRequest, res: Response) => {
    const { productId, quantity = 1, ref } = req.body as Partial<Order>;
    if (!productId || !ref) {
      return res.status(400).json({ error: "ERR_VALIDATION", message: "productId and ref are required" });
    }
    const reseller = req.reseller!;
    const price = await stores.catalog.price(productId);
    if (price === undefined) {
      return res.status(404).json({ error: "NOT_FOUND", message: `no product ${productId}` });
    }
    if ((await stores.wallets.balance(reseller.id)) < price * quantity) {
      return res.status(402).json({ error: "NO-BALANCE", message: "Top up your wallet first" });
    }
    if (await stores.orders.existsRef(reseller.id, ref)) {
      return res.status(409).json({ error: "DUPLICATED-REF", message: `ref ${ref} was already used` });
    }
    const order = await stores.orders.create(reseller.id, { productId, quantity, ref }, price * quantity);
    res.status(201).json({ order });
  });

  app.get("/v2/orders", requireApiKey, async (req: AuthedRequest, res: Response) => {
    const page = paginate(await stores.orders.list(req.reseller!.id), Number(req.query.page) || 1);
    res.json({ orders: page.items, totalResults: page.totalResults, totalPages: page.totalPages, currentPage: page.currentPage });
  });

  // v3 of our own API wraps everything in { data, meta }.
  app.get("/v3/orders", requireApiKey, async (req: AuthedRequest, res: Response) => {
    const page = paginate(await stores.orders.list(req.reseller!.id), Number(req.query.page) || 1);
    res.json({
      data: { items: page.items },
      meta: { pagination: { page: page.currentPage, totalPages: page.totalPages, totalResults: page.totalResults } },
    });
  });

  app.use((err: Error, _req: Request, res: Response, _next: NextFunction) => {
    console.error(err);
    res.status(500).json({ error: "INTERNAL", message: "Something went wrong" });
  });

  return app;
}
