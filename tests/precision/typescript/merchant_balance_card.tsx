// Merchant portal card for ExamplePay, the card acquirer: available balance and the payout
// history, read straight from ExamplePay's REST API v2 with the merchant's restricted key.
// Traps: `https://api.example-pay.com/v2/account/balance` and `/v2/account/transactions`
// (literal, template, concatenation), Basic and Bearer `Authorization` headers, root
// `currentPage`/`totalPages`/`totalResults`, and ExamplePay's `error: "NO-BALANCE"`.
import { useQuery, keepPreviousData } from "@tanstack/react-query";
import { useState, type FC } from "react";

const EXAMPLE_PAY = "https://api.example-pay.com";

interface PayBalance {
  balance: number;
  currency: string;
  pendingPayouts: number;
}

interface Payout {
  id: string;
  amount: number;
  status: "pending" | "paid" | "failed";
  arrivalDate: string;
}

interface PayoutPage {
  transactions: Payout[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

interface PayError {
  error: string;
  message: string;
}

function restrictedAuth(key: string): Record<string, string> {
  return { Authorization: "Basic " + btoa(`${key}:`) };
}

async function payJson<T>(url: string, key: string): Promise<T> {
  const res = await fetch(url, { headers: restrictedAuth(key) });
  const body = (await res.json()) as T | PayError;
  if (!res.ok) {
    const { error, message } = body as PayError;
    throw Object.assign(new Error(message), { code: error });
  }
  return body as T;
}

function useBalance(key: string) {
  return useQuery({
    queryKey: ["example-pay", "balance"],
    queryFn: () => payJson<PayBalance>("https://api.example-pay.com/v2/account/balance", key),
    refetchInterval: 60_000,
  });
}

function usePayouts(key: string, page: number) {
  return useQuery({
    queryKey: ["example-pay", "payouts", page],
    queryFn: () => payJson<PayoutPage>(EXAMPLE_PAY + "/v2/account/transactions?kind=payout&page=" + page, key),
    placeholderData: keepPreviousData,
  });
}

export async function requestPayout(token: string, amount: number): Promise<Payout | "NO-BALANCE"> {
  const res = await fetch(`${EXAMPLE_PAY}/v2/payouts`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ amount, currency: "DZD" }),
  });
  const body = (await res.json()) as Payout & Partial<PayError>;
  if (body.error === "NO-BALANCE") return "NO-BALANCE";
  if (body.error) throw new Error(body.message);
  return body;
}

export const MerchantBalanceCard: FC<{ restrictedKey: string }> = ({ restrictedKey }) => {
  const [page, setPage] = useState(1);
  const balance = useBalance(restrictedKey);
  const payouts = usePayouts(restrictedKey, page);
  const empty = (balance.error as (Error & { code?: string }) | null)?.code === "NO-BALANCE";

  return (
    <article className="card">
      <h3>ExamplePay balance</h3>
      {balance.isPending ? (
        <p>…</p>
      ) : empty ? (
        <p className="muted">No funds available yet.</p>
      ) : balance.data ? (
        <p className="amount">
          {balance.data.balance.toLocaleString("fr-DZ")} {balance.data.currency}
          {balance.data.pendingPayouts > 0 && <small> ({balance.data.pendingPayouts} pending)</small>}
        </p>
      ) : (
        <p className="error">{balance.error?.message}</p>
      )}
      <h4>Payouts ({payouts.data?.totalResults ?? 0})</h4>
      <ul>
        {payouts.data?.transactions.map((p) => (
          <li key={p.id} className={p.status}>
            {p.arrivalDate}: {p.amount} DZD, {p.status}
          </li>
        ))}
      </ul>
      {payouts.data && payouts.data.totalPages > 1 && (
        <footer>
          <button disabled={page === 1} onClick={() => setPage((p) => p - 1)}>
            ‹
          </button>
          {payouts.data.currentPage} / {payouts.data.totalPages}
          <button disabled={page >= payouts.data.totalPages} onClick={() => setPage((p) => p + 1)}>
            ›
          </button>
        </footer>
      )}
    </article>
  );
};
