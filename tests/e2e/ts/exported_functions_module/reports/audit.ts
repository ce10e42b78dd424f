// Audit: a refund is only reported when the balance can cover a resend.
import * as flexy from "../api/flexy";

export async function audit(key: string, refs: string[]): Promise<void> {
  const balance = await flexy.getBalance(key);
  for (const ref of refs) {
    const status = await flexy.checkTopup(ref);
    const resend = status.topup.status === "REFUNDED" && status.topup.amount <= balance;
    console.log(`audit ${status.topup.ref}: ${status.topup.status}${resend ? ", resend" : ""}`);
  }
}
