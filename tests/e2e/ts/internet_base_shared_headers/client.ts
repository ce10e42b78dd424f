// Shared configuration of the shop's internet recharges: the group's base and the headers
// every call sends.
export const INTERNET_API = "https://flexy-api.oneclickdz.com/v2/internet";

export const flexyHeaders: Record<string, string> = {
  authorization: process.env.FLEXY_API_KEY || "e2e-test-key",
  Accept: "application/json",
};

export interface V2Error {
  error: string;
  message: string;
}

export async function readJson<T>(res: Response): Promise<T> {
  return (await res.json()) as T;
}
