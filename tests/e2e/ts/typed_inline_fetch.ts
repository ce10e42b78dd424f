// Inline fetch in an async main with typed payloads: `(await res.json()) as T`, `.then((r: Response) => r.json())`,
// optional chaining on the nested top-up record, a non-null assertion on the sent top-up id
const API_KEY: string = process.env.FLEXY_API_KEY || "e2e-test-key";

interface ValidateResponse {
  valid?: boolean;
  username?: string;
  error?: string;
  message?: string;
}

interface Plan {
  code: string;
  amount?: number;
}

interface PlansResponse {
  dymanicPlans: Plan[];
  fixedPlans: Plan[];
}

interface SendResponse {
  topupId?: string;
  topupRef?: string;
  newBalance?: number;
  error?: string;
  message?: string;
}

interface TopupRecord {
  status: string;
  MSSIDN: string;
  amount: number;
}

interface StatusResponse {
  topup?: TopupRecord;
  error?: string;
  message?: string;
}

type Operator = "PREPAID_DJEZZY" | "PREPAID_OOREDOO" | "PREPAID_MOBILIS";

const authHeaders = (): Record<string, string> => ({ authorization: API_KEY });

async function main(): Promise<void> {
  const res = await fetch("https://flexy-api.oneclickdz.com/v2/validate", {
    headers: { authorization: API_KEY },
  });
  const data = (await res.json()) as ValidateResponse;
  if (data.error) {
    console.log("validation failed:", data.message);
    return;
  }
  console.log("key valid:", data.valid, "shop:", data.username);

  const balance = await fetch("https://flexy-api.oneclickdz.com/v2/account/balance", {
    headers: { authorization: API_KEY },
  }).then((r: Response) => r.json() as Promise<{ balance: number }>);
  console.log("balance:", balance.balance.toFixed(2));

  const plansRes: Response = await fetch("https://flexy-api.oneclickdz.com/v2/plans/listAll", {
    headers: { authorization: API_KEY },
  });
  const plans: PlansResponse = await plansRes.json();
  const dynamicPlans: Plan[] = plans.dymanicPlans; // typo is in the v2 API
  console.log("dynamic plans:", dynamicPlans.length, "fixed plans:", plans.fixedPlans.length);
  for (const plan of plans.fixedPlans) {
    console.log(" fixed plan", plan.code);
  }

  const send = async (planCode: Operator, phone: string, amount: number, ref: string): Promise<SendResponse> => {
    const sendRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/sendTopup", {
      method: "POST",
      headers: { "Content-Type": "application/json", authorization: API_KEY },
      body: JSON.stringify({ plan_code: planCode, MSSIDN: phone, amount, ref }),
    });
    return (await sendRes.json()) as SendResponse;
  };

  const result = await send("PREPAID_DJEZZY", "0778037340", 500, "order-123");
  if (result.error) {
    console.log("send failed:", result.message);
  } else {
    console.log("topup id:", result.topupId, "ref:", result.topupRef);
    console.log("new balance:", result.newBalance!.toFixed(2));
  }

  const big = await send("PREPAID_DJEZZY", "0778037340", 99999, "order-124");
  if (big.error === "NO-BALANCE") {
    console.log("top-up refused: balance too low (" + big.message + ")");
  } else if (big.error) {
    console.log("other error:", big.message);
  }

  const phone = await send("PREPAID_DJEZZY", "12345", 100, "order-125");
  if (phone.error === "ERR_PHONE") {
    console.log("bad phone number:", phone.message);
  }

  const refRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/order-123", {
    headers: authHeaders(),
  });
  const byRef = (await refRes.json()) as StatusResponse;
  if (byRef.error) {
    console.log("status lookup failed:", byRef.message);
  } else {
    console.log("status by ref:", byRef.topup?.status, "phone:", byRef.topup?.MSSIDN);
  }

  const topupId: string = result.topupId!;
  const idRes = await fetch(`https://flexy-api.oneclickdz.com/v2/topup/checkStatus/ID/${topupId}`, {
    headers: { authorization: API_KEY },
  });
  const byId = (await idRes.json()) as StatusResponse;
  if (!byId.error) {
    console.log("status by id:", byId.topup!.status, "amount:", byId.topup!.amount);
  }

  const missingRes = await fetch("https://flexy-api.oneclickdz.com/v2/topup/checkStatus/REF/missing-77", {
    headers: { authorization: API_KEY },
  });
  const missing = (await missingRes.json()) as StatusResponse;
  if (missing.error === "NOT_FOUND") {
    console.log("no such top-up:", missing.message);
  }
}

main().catch((err: Error) => {
  console.error("unexpected failure:", err.message);
  process.exit(1);
});
