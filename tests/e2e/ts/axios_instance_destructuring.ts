// Typed axios-like instance (a stand-in for axios.create, written here): `api.get<T>()`,
// `const { data } = ...`, `const { data: { balance } } = ...`, and error bodies read from
// `err.response.data` in catch blocks.
interface AxiosResponse<T> {
  status: number;
  data: T;
}

class HttpError extends Error {
  constructor(public response: AxiosResponse<{ error: string; message: string }>) {
    super(`Request failed with status code ${response.status}`);
  }
}

interface CreateOptions {
  baseURL: string;
  headers: Record<string, string>;
}

function create(options: CreateOptions) {
  async function request<T>(method: string, url: string, body?: unknown): Promise<AxiosResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const init: RequestInit = { method, headers };
    if (body !== undefined) {
      headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(options.baseURL + url, init);
    const data = await res.json();
    if (res.status >= 400) throw new HttpError({ status: res.status, data });
    return { status: res.status, data: data as T };
  }
  return {
    get: <T>(url: string) => request<T>("GET", url),
    post: <T>(url: string, body: unknown) => request<T>("POST", url, body),
  };
}

const axios = { create };

const api = axios.create({
  baseURL: "https://flexy-api.oneclickdz.com",
  headers: { authorization: process.env.FLEXY_API_KEY || "e2e-test-key" },
});

interface Topup {
  id: string;
  ref: string;
  status: string;
  MSSIDN: string;
  amount: number;
}

async function main(): Promise<void> {
  const {
    data: { balance },
  } = await api.get<{ balance: number }>("/v2/account/balance");
  console.log("balance:", balance.toFixed(2));

  const { data } = await api.get<{ topups: Topup[]; totalResults: number }>("/v2/topup/list?pageSize=4");
  console.log("top-ups:", data.totalResults, "latest:", data.topups.map((t) => t.ref).join(" "));

  const {
    data: { topup },
  } = await api.get<{ topup: Topup }>("/v2/topup/checkStatus/REF/order-003");
  console.log("order-003:", topup.status, topup.amount);

  const sends: [string, string, number, string][] = [
    ["0770123456", "PREPAID_OOREDOO", 150, "ts-9001"],
    ["12345", "PREPAID_OOREDOO", 150, "ts-9002"],
    ["0770123456", "PREPAID_OOREDOO", 99999, "ts-9003"],
    ["0770123456", "", 150, "ts-9004"],
  ];
  for (const [MSSIDN, plan_code, amount, ref] of sends) {
    try {
      const { data: sent } = await api.post<{ topupId: string; newBalance: number }>("/v2/topup/sendTopup", {
        plan_code,
        MSSIDN,
        amount,
        ref,
      });
      console.log(ref, "ok", sent.topupId, sent.newBalance);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      const { error, message } = err.response.data;
      if (error === "ERR_PHONE") console.log(ref, "bad phone number");
      else if (error === "NO-BALANCE") console.log(ref, "balance too low");
      else console.log(ref, "rejected:", message);
    }
  }

  const intruder = axios.create({ baseURL: "https://flexy-api.oneclickdz.com", headers: { authorization: "x" } });
  try {
    await intruder.get("/v2/validate");
  } catch (err) {
    if (err instanceof HttpError && err.response.data.error === "Forbidden") {
      console.log("intruder:", err.response.status, err.response.data.message);
    }
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
