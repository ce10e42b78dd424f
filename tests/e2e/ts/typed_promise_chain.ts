// Promise chains with typed steps: fetch().then((r: Response) => r.json()).then((data: T) => ...), functions
// returning Promise<void>, a recursive page walk and an optional-chained error check without a key
const API_KEY: string = process.env.FLEXY_API_KEY || "e2e-test-key";
const HOST = "https://flexy-api.oneclickdz.com";

interface Balance {
  balance: number;
}

interface Card {
  value: number;
  available: boolean;
}

interface NumberCheck {
  valid?: boolean;
  number?: string;
  error?: string;
  message?: string;
}

interface SendResult {
  topupId?: string;
  error?: string;
  message?: string;
}

interface InternetTopup {
  ref: string;
  status: string;
}

interface InternetPage {
  topups: InternetTopup[];
  currentPage: number;
  totalPages: number;
  totalResults: number;
}

type Step = () => Promise<void>;

function showBalance(): Promise<void> {
  return fetch(HOST + "/v2/account/balance", { headers: { authorization: API_KEY } })
    .then((r: Response) => r.json())
    .then((data: Balance) => {
      console.log("balance: " + data.balance + " DA");
    });
}

function showAdslCards(): Promise<void> {
  return fetch(HOST + "/v2/internet/checkCards/ADSL", { headers: { authorization: API_KEY } })
    .then((r: Response) => r.json())
    .then((cards: Card[]) => {
      console.log("ADSL cards: " + cards.length);
      cards.forEach((card: Card) => console.log(`  ${card.value} DA`));
      console.log(`first offer: ${cards[0].value} DA, available: ${cards[0].available}`);
    });
}

function checkNumber(type: "ADSL" | "4G", number: string): Promise<void> {
  return fetch(HOST + "/v2/internet/checkNumber/" + type + "/" + number, {
    headers: { authorization: API_KEY },
  })
    .then((r: Response) => r.json())
    .then((data: NumberCheck) => {
      if (data.error) {
        console.log("number check failed: " + data.message);
      } else {
        console.log(`${type} ${data.number} valid: ${data.valid}`);
      }
    });
}

const sendDuplicate: Step = () =>
  fetch(HOST + "/v2/topup/sendTopup", {
    method: "POST",
    headers: { "Content-Type": "application/json", authorization: API_KEY },
    body: JSON.stringify({ plan_code: "PREPAID_MOBILIS", MSSIDN: "0661234567", amount: 200, ref: "dup-1001" }),
  })
    .then((r: Response) => r.json())
    .then((result: SendResult) => {
      if (result.error === "DUPLICATED-REF") {
        console.log("order already sent: " + result.message);
      } else if (result.error) {
        console.log("send failed: " + result.message);
      } else {
        console.log("sent " + result.topupId);
      }
    });

function listInternetPage(page: number): Promise<void> {
  return fetch(`${HOST}/v2/internet/list?page=${page}&pageSize=3`, { headers: { authorization: API_KEY } })
    .then((r: Response) => r.json())
    .then((data: InternetPage): Promise<void> | undefined => {
      console.log(`internet page ${data.currentPage}/${data.totalPages}: ${data.topups.length} of ${data.totalResults}`);
      data.topups.forEach((t: InternetTopup) => console.log(`  ${t.ref} ${t.status}`));
      if (data.currentPage < data.totalPages) {
        return listInternetPage(page + 1);
      }
      return undefined;
    });
}

function callWithoutKey(): Promise<void> {
  return fetch(HOST + "/v2/account/balance")
    .then((r: Response) => r.json())
    .then((data: { error?: string; message?: string }) => {
      if (data.error === "Access token missing") {
        console.log("rejected without key: " + data.message);
      }
    });
}

const steps: Step[] = [
  showBalance,
  showAdslCards,
  () => checkNumber("ADSL", "036123456"),
  sendDuplicate,
  () => listInternetPage(1),
  callWithoutKey,
];

steps
  .reduce<Promise<void>>((chain: Promise<void>, step: Step) => chain.then(step), Promise.resolve())
  .catch((err: Error) => {
    console.error("failure: " + err.message);
    process.exit(1);
  });
