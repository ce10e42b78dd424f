#!/usr/bin/env bash
# Peak memory of `v3-migrate check` on one minified bundle, per size: generates bundles of
# SIZES megabytes (benches/bundle.py: one line, a v2 Flexy call inside), checks each alone
# with the release build, and prints the peak RSS (GNU time), the ratio peak / file size
# and the ratio with 100 MB taken off (the goal: at most 10x the file plus 100 MB), the
# median of RUNS runs. The estimate src/budget.rs uses comes from this table.
#
# Usage: bash benches/memory.sh        SIZES="1 2 5" RUNS=3 bash benches/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1 10 50"}
RUNS=${RUNS:-3}
[ -x /usr/bin/time ] || { echo "memory.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
cargo build --release --quiet
bin=$PWD/target/release/v3-migrate
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-8s %-10s %-12s %-14s %s\n' "size MB" "seconds" "peak RSS MB" "peak / size" "(peak-100MB) / size"
for mb in $SIZES; do
  python3 benches/bundle.py "$mb" > "$tmp/bundle.js"
  bytes=$(stat -c %s "$tmp/bundle.js")
  for _ in $(seq "$RUNS"); do
    # A budget large enough that the file is checked, not skipped.
    V3_MIGRATE_MEMORY_MB=1000000 /usr/bin/time -f '%M %e' -o "$tmp/t" \
      "$bin" check "$tmp/bundle.js" --isolated --exit-zero --max-file-size 1000 \
      --output-format concise >/dev/null 2>&1 || true
    cat "$tmp/t"
  done | sort -n | awk -v b="$bytes" -v mb="$mb" '{k[NR]=$1; s[NR]=$2} END {
      m = int((NR + 1) / 2); kb = k[m];
      printf "%-8s %-10s %-12.0f %-14.1f %.1f\n", mb, s[m], kb / 1024, kb * 1024 / b, (kb * 1024 - 100e6) / b }'
done
