// Flexy helpers as plain exported functions, each doing its own fetch.
const API = "https://flexy-api.oneclickdz.com/v2";
const KEY = process.env.FLEXY_API_KEY ?? "e2e-test-key";

export type CardType = "ADSL" | "4G";

export interface Card {
  value: number;
  available: boolean;
}

export interface TopupStatus {
  topup: { id: string; ref: string; status: string; MSSIDN: string; amount: number };
}

export async function getBalance(key: string): Promise<number> {
  const res = await fetch(`${API}/account/balance`, { headers: { authorization: key } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.message);
  return body.balance;
}

export async function checkTopup(ref: string): Promise<TopupStatus> {
  const res = await fetch(`${API}/topup/checkStatus/REF/${ref}`, { headers: { authorization: KEY } });
  const body = await res.json();
  if (!res.ok) throw new Error(`${ref}: ${body.message}`);
  return body as TopupStatus;
}

export async function internetCards(type: CardType): Promise<Card[]> {
  const res = await fetch(`${API}/internet/checkCards/${type}`, { headers: { authorization: KEY } });
  if (!res.ok) throw new Error(`cards ${type}: HTTP ${res.status}`);
  return (await res.json()) as Card[];
}
