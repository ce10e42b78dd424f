// Application settings: where the Flexy API is and which key the shop uses.
export const FLEXY = {
  baseUrl: "https://flexy-api.oneclickdz.com/v2",
  key: process.env.FLEXY_API_KEY ?? "e2e-test-key",
};
