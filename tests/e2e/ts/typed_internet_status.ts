// Internet cards as a typed bare array (InternetCard[]: forEach, length, filter, [0], for...of) through a
// generic arrow `api<T>()` with .then((r: Response) => r.json()), and top-up statuses via status.topup?.status
const API_KEY = process.env.FLEXY_API_KEY || "e2e-test-key";
const BASE_URL = "https://flexy-api.oneclickdz.com";

type CardType = "ADSL" | "4G";

interface InternetCard {
  value: number;
  available: boolean;
}

interface NumberCheck {
  valid: boolean;
  type: CardType;
  number: string;
}

interface InternetTopup {
  id: string;
  ref: string;
  status: string;
  type: CardType;
  number: string;
  value: number;
}

interface MobileTopup {
  id: string;
  ref: string;
  status: string;
  MSSIDN: string;
  amount: number;
}

interface StatusResponse<R> {
  topup?: R;
  error?: string;
  message?: string;
}

interface SentTopup {
  topupId: string;
  topupRef: string;
  newBalance: number;
  error?: string;
  message?: string;
}

const api = <T>(path: string, init?: RequestInit): Promise<T> =>
  fetch(`${BASE_URL}${path}`, { ...init, headers: { authorization: API_KEY, ...init?.headers } }).then(
    (r: Response) => r.json() as Promise<T>,
  );

async function main(): Promise<void> {
  const res = await fetch(`${BASE_URL}/v2/internet/checkCards/ADSL`, {
    headers: { authorization: API_KEY },
  });
  const cards = (await res.json()) as InternetCard[];
  console.log(`ADSL offers: ${cards.length}`);
  cards.forEach((card: InternetCard) => {
    console.log(`${card.value} DA - Available: ${card.available}`);
  });
  const inStock: InternetCard[] = cards.filter((card) => card.available);
  console.log(`in stock: ${inStock.length}`);
  console.log(`cheapest listed: ${cards[0]!.value} DA`);

  const fourGCards = await fetch(`${BASE_URL}/v2/internet/checkCards/4G`, { headers: { authorization: API_KEY } })
    .then((r: Response) => r.json() as Promise<InternetCard[]>);
  let total = 0;
  for (const card of fourGCards) {
    total += card.value;
  }
  console.log(`4G offers: ${fourGCards.length}, sum of values ${total}`);

  const bad = await fetch(`${BASE_URL}/v2/internet/checkCards/FIBRE`, { headers: { authorization: API_KEY } });
  const badCards: InternetCard[] | { error: string; message: string } = await bad.json();
  if (!Array.isArray(badCards) && badCards.error === "ERR_VALIDATION") {
    console.log(`FIBRE not offered: ${badCards.message}`);
  }

  for (const number of ["036123456", "12"]) {
    const checked = await api<NumberCheck>(`/v2/internet/checkNumber/ADSL/${number}`);
    console.log(`number ${checked.number} for ${checked.type}: ${checked.valid ? "ok" : "rejected"}`);
  }

  const sent = await api<SentTopup>("/v2/internet/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ type: "ADSL" as CardType, number: "036123456", value: cards[0].value, ref: "adsl-5001" }),
  });
  if (sent.error) {
    console.log(`send failed: ${sent.message}`);
    return;
  }
  console.log(`sent ${sent.topupRef} as ${sent.topupId}, balance ${sent.newBalance}`);

  const status = await api<StatusResponse<InternetTopup>>(`/v2/internet/checkStatus/REF/${sent.topupRef}`);
  console.log(`status by ref: ${status.topup?.status}`);
  if (status.topup?.status === "FULFILLED") {
    console.log(`top-up completed: ${status.topup.value} DA on ${status.topup.type}`);
  }

  const byId = await fetch(`${BASE_URL}/v2/topup/checkStatus/ID/tp-order-77`, {
    headers: { authorization: API_KEY },
  });
  const mobile = (await byId.json()) as StatusResponse<MobileTopup>;
  if (mobile.error) {
    console.log(`mobile lookup failed: ${mobile.message}`);
  } else {
    console.log(`mobile tp-order-77: ${mobile.topup!.status} for ${mobile.topup!.MSSIDN}`);
  }

  const goneStatus = await api<StatusResponse<InternetTopup>>("/v2/internet/checkStatus/ID/missing-1");
  if (goneStatus.error === "NOT_FOUND") {
    console.log(`missing-1: ${goneStatus.message ?? "no message"}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
