// Next.js server component (app/isp/page.tsx) listing the fibre/4G subscriptions resold
// through the regional ISP's reseller API, with a server action to suspend one. The ISP
// wants the raw reseller key in a lowercase `authorization` header (no scheme). Traps:
// `/v2/internet/offers` and `/v2/internet/subscriptions` of ANOTHER host (an env default),
// `body.error === "Forbidden"` / "Access token missing", `meta.pagination.currentPage` and
// `totalPages`, async server components and `"use server"` actions.
import { revalidatePath } from "next/cache";
import Link from "next/link";

const ISP_API = process.env.ISP_API_URL || "https://reseller.fibernet-isp.com";
const RESELLER_KEY = process.env.ISP_RESELLER_KEY ?? "";

interface Offer {
  code: string;
  label: string;
  downMbps: number;
  upMbps: number;
  price: number;
}

interface Subscription {
  id: string;
  line: string;
  offer: string;
  status: "active" | "suspended" | "pending";
  since: string;
}

interface IspList<T> {
  data: { items: T[] };
  meta: { pagination: { currentPage: number; totalPages: number } };
}

interface IspError {
  error: string;
  message: string;
}

async function isp<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${ISP_API}${path}`, {
    ...init,
    headers: { authorization: RESELLER_KEY, accept: "application/json", "content-type": "application/json" },
    cache: "no-store",
  });
  const body = (await res.json()) as T & Partial<IspError>;
  if (body.error === "Access token missing") throw new Error("ISP_RESELLER_KEY is not set");
  if (body.error === "Forbidden") throw new Error("this reseller account cannot use " + path);
  if (!res.ok) throw new Error(`ISP ${res.status}: ${body.message ?? "unknown"}`);
  return body;
}

async function suspend(formData: FormData): Promise<void> {
  "use server";
  const id = String(formData.get("id"));
  await isp(`/v2/internet/subscriptions/${encodeURIComponent(id)}/suspend`, {
    method: "POST",
    body: JSON.stringify({ reason: formData.get("reason") ?? "unpaid" }),
  });
  revalidatePath("/isp");
}

function OfferTable({ offers }: { offers: Offer[] }) {
  return (
    <table>
      <tbody>
        {offers.map((o) => (
          <tr key={o.code}>
            <td>{o.label}</td>
            <td>
              {o.downMbps}/{o.upMbps} Mbps
            </td>
            <td>{o.price} DZD</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function IspSubscriptionsPage({ searchParams }: { searchParams: Promise<{ page?: string; tech?: string }> }) {
  const { page = "1", tech = "FTTH" } = await searchParams;
  const [offers, list] = await Promise.all([
    isp<{ products: Offer[] }>("/v2/internet/offers?technology=" + tech),
    isp<IspList<Subscription>>(`/v2/internet/subscriptions?page=${Number(page)}&per_page=25`),
  ]);
  const { currentPage, totalPages } = list.meta.pagination;

  return (
    <main>
      <h1>ISP subscriptions</h1>
      <h2>{tech} offers</h2>
      <OfferTable offers={offers.products} />
      <h2>Subscriptions</h2>
      <ul>
        {list.data.items.map((s) => (
          <li key={s.id}>
            {s.line} on {s.offer} since {s.since} ({s.status})
            {s.status === "active" && (
              <form action={suspend}>
                <input type="hidden" name="id" value={s.id} />
                <button type="submit">Suspend</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <nav>
        {currentPage > 1 && <Link href={`/isp?tech=${tech}&page=${currentPage - 1}`}>Previous</Link>}
        <span>
          {currentPage} / {totalPages}
        </span>
        {currentPage < totalPages && <Link href={`/isp?tech=${tech}&page=${currentPage + 1}`}>Next</Link>}
      </nav>
    </main>
  );
}
