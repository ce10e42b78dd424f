// Card stock report: which internet cards can be sold today.
import { internetCards, CardType } from "../api/flexy";

export async function cardsReport(types: CardType[]): Promise<number> {
  let sellable = 0;
  for (const type of types) {
    const cards = await internetCards(type);
    const open = cards.filter((card) => card.available);
    sellable += open.length;
    console.log(`${type}: ${open.map((c) => c.value).join(", ")} (${cards.length - open.length} out)`);
  }
  return sellable;
}
