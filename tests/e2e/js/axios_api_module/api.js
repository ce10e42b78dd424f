// The shop's Flexy API instance, shared by every service.
import axios from "./axios.js";

const KEY = process.env.FLEXY_API_KEY || "e2e-test-key";

export default axios.create({
  baseURL: "https://flexy-api.oneclickdz.com/v2",
  headers: { authorization: KEY },
});
