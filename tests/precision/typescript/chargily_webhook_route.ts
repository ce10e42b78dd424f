// Next.js App Router handlers (app/api/payments/.../route.ts) for Chargily Pay: creates a
// checkout, receives the signed `checkout.paid` webhook and credits the customer's wallet in
// the internal wallet service, whose URL and key come from the environment (no host in the
// file: `/v2/account/credit`, `/v2/account/balance`, `/v2/account/transactions` with root
// `currentPage`/`totalPages`/`totalResults`, raw key in `authorization`). Traps:
// Chargily's `/api/v2/` base, Bearer auth, `{ error: "Forbidden", message }` responses.
import crypto from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";

const CHARGILY_BASE =
  process.env.CHARGILY_MODE === "live" ? "https://pay.chargily.net/api/v2" : "https://pay.chargily.net/test/api/v2";
const SECRET_KEY = process.env.CHARGILY_SECRET_KEY!;

interface ChargilyCheckout {
  id: string;
  amount: number;
  status: "pending" | "processing" | "paid" | "failed" | "canceled";
  checkout_url: string;
  metadata: { customer_id: string } | null;
}

interface ChargilyEvent {
  id: string;
  type: "checkout.paid" | "checkout.failed";
  data: ChargilyCheckout;
}

interface WalletReply {
  balance: number;
  error?: string;
  message?: string;
}

async function walletService<T extends WalletReply>(path: string, body?: object): Promise<T> {
  const res = await fetch(new URL(path, process.env.WALLET_SERVICE_URL), {
    method: body ? "POST" : "GET",
    headers: { authorization: process.env.WALLET_SERVICE_KEY ?? "", "content-type": "application/json" },
    body: body && JSON.stringify(body),
  });
  const reply = (await res.json()) as T;
  if (!res.ok) throw new Error(`wallet service ${res.status}: ${reply.message ?? reply.error}`);
  return reply;
}

function verifySignature(raw: string, signature: string | null): boolean {
  const computed = crypto.createHmac("sha256", SECRET_KEY).update(raw).digest("hex");
  if (!signature || signature.length !== computed.length) return false;
  return crypto.timingSafeEqual(Buffer.from(computed), Buffer.from(signature));
}

// POST /api/payments/checkout
export async function createCheckout(request: NextRequest): Promise<NextResponse> {
  const { customerId, amount } = (await request.json()) as { customerId: string; amount: number };
  if (!Number.isInteger(amount) || amount < 100) {
    return NextResponse.json({ error: "ERR_VALIDATION", message: "amount must be at least 100 DZD" }, { status: 400 });
  }
  const res = await fetch(`${CHARGILY_BASE}/checkouts`, {
    method: "POST",
    headers: { Authorization: `Bearer ${SECRET_KEY}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      amount,
      currency: "dzd",
      success_url: `${request.nextUrl.origin}/wallet?paid=1`,
      webhook_endpoint: `${request.nextUrl.origin}/api/payments/webhook`,
      metadata: { customer_id: customerId },
    }),
  });
  const checkout = (await res.json()) as ChargilyCheckout & { message?: string };
  if (!res.ok) {
    return NextResponse.json({ error: "CHARGILY", message: checkout.message }, { status: 502 });
  }
  return NextResponse.json({ url: checkout.checkout_url });
}

// POST /api/payments/webhook
export async function POST(request: NextRequest): Promise<NextResponse> {
  const raw = await request.text();
  if (!verifySignature(raw, request.headers.get("signature"))) {
    return NextResponse.json({ error: "Forbidden", message: "bad signature" }, { status: 403 });
  }
  const event = JSON.parse(raw) as ChargilyEvent;
  const customerId = event.data.metadata?.customer_id;
  if (event.type !== "checkout.paid" || !customerId) {
    return new NextResponse(null, { status: 204 });
  }
  const credited = await walletService<WalletReply & { entryId: string }>("/v2/account/credit", {
    customerId,
    amount: event.data.amount,
    source: `chargily:${event.data.id}`,
  });
  console.info(`credited ${customerId}: entry ${credited.entryId}, balance ${credited.balance}`);
  return NextResponse.json({ received: true });
}

// GET /api/payments/balance?customer=...
export async function GET(request: NextRequest): Promise<NextResponse> {
  const customer = request.nextUrl.searchParams.get("customer");
  if (!customer) {
    return NextResponse.json({ error: "ERR_VALIDATION", message: "customer is required" }, { status: 400 });
  }
  const wallet = await walletService<WalletReply>(`/v2/account/balance?customer=${encodeURIComponent(customer)}`);
  if (wallet.error === "Forbidden") {
    return NextResponse.json({ error: "Forbidden", message: "customer is blocked" }, { status: 403 });
  }
  const chargily = await fetch(CHARGILY_BASE + "/balance", { headers: { Authorization: "Bearer " + SECRET_KEY } });
  const merchant = (await chargily.json()) as { wallets: { currency: string; ready_for_payout: number }[] };
  return NextResponse.json({
    balance: wallet.balance,
    merchantReady: merchant.wallets.find((w) => w.currency === "dzd")?.ready_for_payout ?? 0,
  });
}

interface WalletHistory extends WalletReply {
  transactions: { id: string; amount: number; source: string }[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

// GET /api/payments/history?customer=...&page=...
export async function history(request: NextRequest): Promise<NextResponse> {
  const customer = request.nextUrl.searchParams.get("customer") ?? "";
  const page = Number(request.nextUrl.searchParams.get("page") ?? "1");
  const h = await walletService<WalletHistory>(`/v2/account/transactions?customer=${customer}&page=${page}`);
  return NextResponse.json({ rows: h.transactions, page: h.currentPage, pages: h.totalPages, total: h.totalResults });
}
