// Next.js server component (app/topup/page.tsx) of the shop's top-up desk on OneClickDz
// Flexy API v3 (already migrated): wallet balance, the mobile plans, a server action that
// sends a top-up and polls its status by ref. Correct v3 throughout: api.oneclickdz.com,
// `/v3/...`, `X-Access-Token`, `{ success, data, meta, requestId }`, `result.error.code`.
// Trap: the same file reads the funding acquirer's own `/v2/account/balance` (another host,
// Bearer auth, its `error: "NO-BALANCE"`), so Flexy and another v2 API sit side by side.
import { redirect } from "next/navigation";

const FLEXY_API = "https://api.oneclickdz.com";

interface ApiResponse<T> {
  success: boolean;
  data: T;
  error: { code: string; message: string; details?: unknown };
  meta: { timestamp: string };
  requestId: string;
}

interface Plan {
  code: string;
  name: string;
  operator: string;
  min_amount?: number;
  max_amount?: number;
  amount?: number;
}

interface PlansData {
  dynamicPlans: Plan[];
  fixedPlans: Plan[];
}

interface TopupData {
  topupId: string;
  ref: string;
  status: "PENDING" | "HANDLING" | "FULFILLED" | "REFUNDED" | "UNKNOWN_ERROR";
}

async function flexy<T>(path: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const res = await fetch(FLEXY_API + path, {
    ...init,
    headers: { "Content-Type": "application/json", "X-Access-Token": process.env.FLEXY_API_KEY! },
    cache: "no-store",
  });
  return (await res.json()) as ApiResponse<T>;
}

// Plans change rarely: cached for an hour by Next.js instead of fetched on every request.
async function cachedPlans(): Promise<ApiResponse<PlansData>> {
  const res = await fetch("https://api.oneclickdz.com/v3/mobile/plans", {
    headers: { "X-Access-Token": process.env.FLEXY_API_KEY! },
    next: { revalidate: 3600 },
  });
  return res.json() as Promise<ApiResponse<PlansData>>;
}

// The card acquirer that funds the Flexy wallet has its own REST API (v2) and error strings.
async function fundingBalance(): Promise<number | null> {
  const res = await fetch("https://api.example-pay.com/v2/account/balance", {
    headers: { Authorization: `Bearer ${process.env.EXAMPLE_PAY_SECRET}` },
    next: { revalidate: 300 },
  });
  const body = (await res.json()) as { balance?: number; error?: string; message?: string };
  if (body.error === "NO-BALANCE") return 0;
  return body.error ? null : body.balance!;
}

async function waitForStatus(ref: string, attempts = 10): Promise<TopupData["status"]> {
  for (let i = 0; i < attempts; i++) {
    const result = await flexy<TopupData>(`/v3/mobile/check-ref/${ref}`);
    if (result.success && result.data.status !== "PENDING" && result.data.status !== "HANDLING") {
      return result.data.status;
    }
    await new Promise((r) => setTimeout(r, 2000));
  }
  return "PENDING";
}

async function sendTopup(formData: FormData): Promise<never> {
  "use server";
  const ref = `DESK-${Date.now()}`;
  const result = await flexy<TopupData>("/v3/mobile/send", {
    method: "POST",
    body: JSON.stringify({
      plan_code: formData.get("plan"),
      MSSIDN: formData.get("phone"),
      amount: Number(formData.get("amount")),
      ref,
    }),
  });
  if (!result.success) {
    if (result.error.code === "INSUFFICIENT_BALANCE") redirect("/topup?error=wallet-empty");
    if (result.error.code === "ERR_PHONE") redirect("/topup?error=bad-number");
    console.error(`Flexy ${result.error.code}: ${result.error.message} (request ${result.requestId})`);
    redirect("/topup?error=failed");
  }
  const status = await waitForStatus(result.data.ref);
  redirect(`/topup?ref=${encodeURIComponent(ref)}&status=${status}`);
}

const ERRORS: Record<string, string> = {
  "wallet-empty": "The Flexy wallet is empty. Fund it before sending top-ups.",
  "bad-number": "This phone number is not valid for the selected operator.",
  failed: "The top-up failed, try again.",
};

export default async function TopupDesk({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const [balanceResult, plansResult, funding] = await Promise.all([
    flexy<{ balance: number }>("/v3/account/balance"),
    cachedPlans(),
    fundingBalance(),
  ]);
  if (!balanceResult.success || !plansResult.success) {
    return <p className="error">Flexy is unavailable (request {balanceResult.requestId}).</p>;
  }
  const plans = [...plansResult.data.dynamicPlans, ...plansResult.data.fixedPlans];

  return (
    <main>
      <h1>Top-up desk</h1>
      <p>
        Wallet: <strong>{balanceResult.data.balance.toLocaleString("fr-DZ")} DZD</strong>
        <small> as of {balanceResult.meta.timestamp}</small>
      </p>
      {funding !== null && <p>Available at ExamplePay for funding: {funding} DZD</p>}
      {params.error && <p role="alert">{ERRORS[params.error] ?? params.error}</p>}
      {params.ref && (
        <p role="status">
          Top-up {params.ref}: {params.status}
        </p>
      )}
      <form action={sendTopup}>
        <select name="plan" required>
          {plans.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name} {p.amount ? `(${p.amount} DZD)` : `(${p.min_amount}-${p.max_amount} DZD)`}
            </option>
          ))}
        </select>
        <input name="phone" type="tel" pattern="0[567][0-9]{8}" required />
        <input name="amount" type="number" min={50} required />
        <button type="submit">Send</button>
      </form>
    </main>
  );
}
