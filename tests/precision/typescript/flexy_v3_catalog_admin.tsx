// Internal admin screens (Tauri desktop app, key kept in the OS keychain) on OneClickDz Flexy
// API v3, already migrated: ADSL/4G products, the gift-card catalog, the top-up list with
// `data.pagination`, and a line-number check. Correct v3: `axios.get<ApiResponse<T>>()` on
// api.oneclickdz.com/v3, `X-Access-Token`, `result.data.items`, `!result.success`.
import axios from "axios";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

interface ApiResponse<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: unknown };
  meta: { timestamp: string };
  requestId: string;
}

interface Paged<T> {
  items: T[];
  pagination: { page: number; pageSize: number; totalPages: number; totalResults: number };
}

interface InternetProduct {
  value: number;
  cost: number;
  available: boolean;
}

interface GiftCardCategory {
  name: string;
  products: { id: string; title: string; region: string }[];
}

interface TopupRow {
  topupId: string;
  ref: string;
  MSSIDN: string;
  amount: number;
  status: string;
  createdAt: string;
}

const flexy = axios.create({ baseURL: "https://api.oneclickdz.com/v3", timeout: 20_000, validateStatus: () => true });

const KeyContext = createContext<string | null>(null);

export function FlexyKeyProvider({ apiKey, children }: { apiKey: string; children: ReactNode }) {
  return <KeyContext.Provider value={apiKey}>{children}</KeyContext.Provider>;
}

type Loadable<T> = { loading: true } | { loading: false; result: ApiResponse<T> };

function useFlexy<T>(path: string): Loadable<T> {
  const apiKey = useContext(KeyContext)!;
  const [state, setState] = useState<Loadable<T>>({ loading: true });
  useEffect(() => {
    let live = true;
    setState({ loading: true });
    flexy
      .get<ApiResponse<T>>(path, { headers: { "X-Access-Token": apiKey } })
      .then((response) => live && setState({ loading: false, result: response.data }));
    return () => {
      live = false;
    };
  }, [path, apiKey]);
  return state;
}

function Failure({ result }: { result: ApiResponse<unknown> }) {
  const auth = result.error?.code === "ERR_AUTH";
  return <p className="error">{auth ? "The Flexy key was rejected." : result.error?.message} ({result.requestId})</p>;
}

export function InternetProducts({ type = "ADSL" }: { type?: "ADSL" | "4G" }) {
  const state = useFlexy<{ products: InternetProduct[] }>(`/internet/products?type=${type}`);
  if (state.loading) return <p>Loading…</p>;
  const { result } = state;
  if (!result.success) return <Failure result={result} />;
  return (
    <ul>
      {result.data.products.map((p) => (
        <li key={p.value} className={p.available ? "" : "muted"}>
          {p.value} DZD card, costs {p.cost} DZD
        </li>
      ))}
    </ul>
  );
}

export function GiftCardCatalog() {
  const state = useFlexy<{ categories: GiftCardCategory[] }>("/gift-cards/catalog");
  if (state.loading) return <p>Loading…</p>;
  if (!state.result.success) return <Failure result={state.result} />;
  return (
    <div>
      {state.result.data.categories.map((c) => (
        <details key={c.name}>
          <summary>{c.name} ({c.products.length})</summary>
          {c.products.map((p) => (
            <div key={p.id}>{p.title} · {p.region}</div>
          ))}
        </details>
      ))}
    </div>
  );
}

export function TopupList() {
  const [page, setPage] = useState(1);
  const state = useFlexy<Paged<TopupRow>>(`/mobile/list?page=${page}&pageSize=25`);
  if (state.loading) return <p>Loading…</p>;
  const result = state.result;
  if (!result.success) return <Failure result={result} />;
  return (
    <section>
      <table>
        <tbody>
          {result.data.items.map((t) => (
            <tr key={t.topupId}>
              <td>{t.ref}</td>
              <td>{t.MSSIDN}</td>
              <td>{t.amount}</td>
              <td>{t.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button disabled={page <= 1} onClick={() => setPage(page - 1)}>Prev</button>
      <span> {result.data.pagination.page} / {result.data.pagination.totalPages} </span>
      <button disabled={page >= result.data.pagination.totalPages} onClick={() => setPage(page + 1)}>Next</button>
    </section>
  );
}

export async function checkLine(apiKey: string, type: "ADSL" | "4G", number: string): Promise<boolean> {
  const response = await axios.get<ApiResponse<{ valid: boolean }>>("https://api.oneclickdz.com/v3/internet/check-number", {
    params: { type, number },
    headers: { "X-Access-Token": apiKey },
    validateStatus: () => true,
  });
  const result = response.data;
  if (!result.success) {
    if (result.error!.code === "ERR_VALIDATION") return false;
    throw new Error(`${result.error!.code}: ${result.error!.message}`);
  }
  return result.data.valid;
}
