// Ops console form for the fallback airtime partner (another telco aggregator). The backend
// hands out a short-lived partner token (`/api/partner-token`); the component then talks to
// the partner's REST API v2 directly: `/v2/operators`, `/v2/topup`, `/v2/topup/list` on
// `https://api.airtime-partner.com`. Traps: those `/v2/` paths in templates and
// concatenations, Bearer auth in a lowercase `authorization` header, the partner's
// `error: "NO-BALANCE"` / `message`, root `currentPage`/`totalPages`/`totalResults`.
import { useEffect, useState, type FormEvent } from "react";

const PARTNER_API = "https://api.airtime-partner.com";

interface Operator {
  id: number;
  name: string;
  minAmount: number;
  maxAmount: number;
}

interface PartnerTopup {
  id: string;
  recipient: string;
  amount: number;
  status: "PENDING" | "SUCCESSFUL" | "REFUNDED";
}

interface TopupList {
  topups: PartnerTopup[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

type PartnerReply<T> = (T & { error?: undefined }) | { error: string; message: string };

async function partnerToken(): Promise<string> {
  const res = await fetch("/api/partner-token", { credentials: "include" });
  const { token } = (await res.json()) as { token: string };
  return token;
}

async function partner<T>(path: string, init: RequestInit = {}): Promise<PartnerReply<T>> {
  const token = await partnerToken();
  const res = await fetch(PARTNER_API + path, {
    ...init,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  });
  return (await res.json()) as PartnerReply<T>;
}

export function PartnerTopupForm({ country = "DZ" }: { country?: string }) {
  const [operators, setOperators] = useState<Operator[]>([]);
  const [operatorId, setOperatorId] = useState<number | null>(null);
  const [phone, setPhone] = useState("");
  const [amount, setAmount] = useState(100);
  const [notice, setNotice] = useState<string | null>(null);
  const [history, setHistory] = useState<TopupList | null>(null);
  const [page, setPage] = useState(1);

  useEffect(() => {
    partner<{ products: Operator[] }>(`/v2/operators?country=${country}`).then((reply) => {
      if (reply.error === undefined) setOperators(reply.products);
    });
  }, [country]);

  useEffect(() => {
    partner<TopupList>("/v2/topup/list?size=20&page=" + page).then((reply) => {
      if (reply.error === undefined) setHistory(reply);
    });
  }, [page, notice]);

  const operator = operators.find((o) => o.id === operatorId);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!operator) return;
    const reply = await partner<{ topup: PartnerTopup }>("/v2/topup", {
      method: "POST",
      body: JSON.stringify({ recipient: phone, operatorId: operator.id, amount, customIdentifier: crypto.randomUUID() }),
    });
    if (reply.error === "NO-BALANCE") {
      setNotice("The partner wallet is empty: ask finance to fund it.");
    } else if (reply.error) {
      setNotice(`Partner refused: ${reply.message}`);
    } else {
      setNotice(`Top-up ${reply.topup.id} is ${reply.topup.status.toLowerCase()}`);
    }
  }

  return (
    <div>
      <form onSubmit={submit}>
        <select value={operatorId ?? ""} onChange={(e) => setOperatorId(Number(e.target.value))}>
          <option value="">Operator…</option>
          {operators.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <input value={phone} onChange={(e) => setPhone(e.target.value)} placeholder="0555 12 34 56" />
        <input
          type="number"
          min={operator?.minAmount}
          max={operator?.maxAmount}
          value={amount}
          onChange={(e) => setAmount(e.target.valueAsNumber)}
        />
        <button type="submit" disabled={!operator || !phone}>
          Send through partner
        </button>
      </form>
      {notice && <p role="status">{notice}</p>}
      {history && (
        <section>
          <h3>
            Partner history: {history.totalResults} top-ups (page {history.currentPage} of {history.totalPages})
          </h3>
          <ul>
            {history.topups.map((t) => (
              <li key={t.id}>
                {t.recipient}: {t.amount} DZD, {t.status}
              </li>
            ))}
          </ul>
          <button disabled={page <= 1} onClick={() => setPage(page - 1)}>Prev</button>
          <button disabled={page >= history.totalPages} onClick={() => setPage(page + 1)}>Next</button>
        </section>
      )}
    </div>
  );
}
