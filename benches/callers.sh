#!/usr/bin/env bash
# The project-wide analysis at scale: one Flexy client module imported by N caller files
# (JavaScript, CommonJS), each reading the bodies its functions return. Times `check` and
# its peak RSS for N = 250, 500 and 1000 callers (GNU time, median of RUNS runs), to show how
# linking the files and following the bodies into the callers grow with the callers.
#
# Usage: bash benches/callers.sh            RUNS=5 bash benches/callers.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
cargo build --release --quiet
bin=$PWD/target/release/v3-migrate
out=benches/callers
[ -x /usr/bin/time ] || { echo "callers.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
for n in 250 500 1000; do
  dir=$out/n$n
  rm -rf "$dir" && mkdir -p "$dir"
  cat > "$dir/flexy.js" <<'JS'
const BASE = "https://flexy-api.oneclickdz.com";
const KEY = process.env.FLEXY_API_KEY || "";

async function call(path, init = {}) {
  const res = await fetch(BASE + path, { ...init, headers: { authorization: KEY, "Content-Type": "application/json" } });
  return res.json();
}

function getBalance() {
  return call("/v2/account/balance");
}

function sendTopup(order) {
  return call("/v2/topup/sendTopup", { method: "POST", body: JSON.stringify(order) });
}

function topupStatus(ref) {
  return call(`/v2/topup/checkStatus/REF/${ref}`);
}

module.exports = { getBalance, sendTopup, topupStatus };
JS
  for i in $(seq -w 1 "$n"); do
    cat > "$dir/caller$i.js" <<JS
const { getBalance, sendTopup, topupStatus } = require("./flexy");

async function order$i(phone) {
  const balance = await getBalance();
  console.log("balance", balance.balance);
  const sent = await sendTopup({ plan_code: "PREPAID_DJEZZY", MSSIDN: phone, amount: 100, ref: "ref-$i" });
  if (sent.error === "NO-BALANCE") {
    console.log("refused", sent.message);
    return null;
  }
  const status = await topupStatus("ref-$i");
  return status.topup.status;
}

module.exports = { order$i };
JS
  done
  times=()
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "%e %M" -o /tmp/callers.time "$bin" check --isolated --exit-zero --output-format concise "$dir" > /tmp/callers.out 2>&1 || true
    times+=("$(cat /tmp/callers.time)")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  echo "$n callers: $(tail -n 1 /tmp/callers.out)"
  echo "$n callers: ${median% *} s, peak RSS $(( ${median#* } / 1024 )) MB (median of $RUNS)"
done
