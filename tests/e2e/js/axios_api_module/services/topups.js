// Sends mobile top-ups and reads their status back.
import api from "../api.js";

export async function send(plan_code, MSSIDN, amount, ref) {
  try {
    const res = await api.post("/topup/sendTopup", { plan_code, MSSIDN, amount, ref });
    console.log(`${ref}: ${res.data.topupId}, new balance ${res.data.newBalance}`);
    return res.data.topupId;
  } catch (err) {
    console.log(`${ref}: ${err.response.status} ${err.response.data.message}`);
    return null;
  }
}

export async function status(id) {
  try {
    const { data } = await api.get(`/topup/checkStatus/ID/${id}`);
    return `${data.topup.status} (${data.topup.MSSIDN})`;
  } catch (err) {
    return "unknown: " + err.response.data.message;
  }
}

export async function recent() {
  const { data } = await api.get("/topup/list", { params: { pageSize: 5 } });
  return data.topups.map((t) => t.ref);
}
