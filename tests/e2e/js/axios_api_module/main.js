// Daily sync: account figures, the day's top-ups, and their statuses.
import * as account from "./services/account.js";
import * as topups from "./services/topups.js";

console.log("balance:", await account.balance());
console.log("oldest transaction:", await account.lastPage());

const sent = [];
for (const args of [
  ["PREPAID_MOBILIS", "0661000111", 200, "ax-6001"],
  ["PREPAID_MOBILIS", "0661000111", 7000, "ax-6002"],
  ["PREPAID_DJEZZY", "0778037340", 100, "dup-6003"],
  ["PREPAID_DJEZZY", "0778037340", 0, "ax-6004"],
]) {
  const id = await topups.send(...args);
  if (id) sent.push(id);
}
for (const id of [...sent, "tp-refund-010", "missing-6009"]) {
  console.log(id, "->", await topups.status(id));
}
console.log("recent:", (await topups.recent()).join(", "));
