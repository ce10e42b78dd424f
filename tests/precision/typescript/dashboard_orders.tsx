// Back-office orders table (React, function components with hooks). Reads the shop's OWN
// API, served from the same origin: relative `/v3/orders` (wrapped as `{ data, meta }`) and
// the older `/v2/customers/:id`. Traps: relative `/v3/` and `/v2/` paths with no host,
// `useEffect` + `fetch` with an AbortController, a Bearer session token in `Authorization`,
// `meta.pagination.totalPages`/`totalResults`, and an `error`/`message` banner.
import { useCallback, useEffect, useState, type ReactElement } from "react";

interface OrderRow {
  id: string;
  ref: string;
  customerId: string;
  total: number;
  status: "paid" | "pending" | "refunded";
  createdAt: string;
}

interface OrdersPayload {
  data: { items: OrderRow[] };
  meta: { pagination: { page: number; totalPages: number; totalResults: number } };
}

interface Customer {
  id: string;
  name: string;
  email: string;
}

type LoadState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; payload: OrdersPayload };

function authHeaders(): HeadersInit {
  const token = sessionStorage.getItem("session_token");
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function useOrders(page: number, status: string): LoadState {
  const [state, setState] = useState<LoadState>({ status: "loading" });
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    fetch(`/v3/orders?page=${page}&status=${encodeURIComponent(status)}`, {
      headers: authHeaders(),
      signal: controller.signal,
    })
      .then(async (res: Response) => {
        if (!res.ok) {
          const body = (await res.json()) as { error: string; message: string };
          throw new Error(`${body.error}: ${body.message}`);
        }
        return res.json() as Promise<OrdersPayload>;
      })
      .then((payload) => setState({ status: "ready", payload }))
      .catch((err: Error) => {
        if (err.name !== "AbortError") setState({ status: "error", message: err.message });
      });
    return () => controller.abort();
  }, [page, status]);
  return state;
}

function CustomerName({ id }: { id: string }): ReactElement {
  const [customer, setCustomer] = useState<Customer | null>(null);
  useEffect(() => {
    let alive = true;
    fetch("/v2/customers/" + id, { headers: authHeaders() })
      .then((r) => r.json() as Promise<Customer>)
      .then((c) => alive && setCustomer(c));
    return () => {
      alive = false;
    };
  }, [id]);
  return <span title={customer?.email}>{customer?.name ?? id}</span>;
}

export function Pager({ page, totalPages, onChange }: { page: number; totalPages: number; onChange: (p: number) => void }) {
  return (
    <nav className="pager">
      <button disabled={page <= 1} onClick={() => onChange(page - 1)}>
        ‹ Prev
      </button>
      <span>
        Page {page} / {totalPages}
      </span>
      <button disabled={page >= totalPages} onClick={() => onChange(page + 1)}>
        Next ›
      </button>
    </nav>
  );
}

export default function OrdersDashboard(): ReactElement {
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<OrderRow["status"] | "">("");
  const state = useOrders(page, status);
  const onStatus = useCallback((value: string) => {
    setStatus(value as OrderRow["status"] | "");
    setPage(1);
  }, []);

  if (state.status === "loading") return <p>Loading orders…</p>;
  if (state.status === "error") return <p className="error">Could not load orders: {state.message}</p>;

  const { data, meta } = state.payload;
  return (
    <section>
      <header>
        <h1>Orders ({meta.pagination.totalResults})</h1>
        <select value={status} onChange={(e) => onStatus(e.target.value)}>
          <option value="">All</option>
          <option value="paid">Paid</option>
          <option value="pending">Pending</option>
          <option value="refunded">Refunded</option>
        </select>
      </header>
      <table>
        <tbody>
          {data.items.map((o) => (
            <tr key={o.id}>
              <td>{o.ref}</td>
              <td>
                <CustomerName id={o.customerId} />
              </td>
              <td>{o.total.toLocaleString("fr-DZ")} DZD</td>
              <td>{o.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Pager page={meta.pagination.page} totalPages={meta.pagination.totalPages} onChange={setPage} />
    </section>
  );
}
