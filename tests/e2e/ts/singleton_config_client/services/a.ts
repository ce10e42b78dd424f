// Catalogue service: the plans a cashier can pick from.
import { flexy } from "../flexy";

export async function printCatalogue(): Promise<void> {
  const plans = await flexy.plans();
  for (const p of plans.dymanicPlans) {
    console.log(`dynamic ${p.code}: ${p.min}-${p.max} DA`);
  }
  const fixed = plans.fixedPlans.map((p) => `${p.name} (${p.amount})`);
  console.log(`fixed: ${fixed.join("; ")}`);
}
