#!/usr/bin/env bash
# The whole-CLI benchmark: `v3-migrate check` against `rg` searching the same needles in the
# same files (the floor: reading every byte), on a quarter, a half and all of the corpus
# that benches/corpus.sh builds (it is built first when missing). Prints, per size: wall
# time, MB/s, the ratio to rg and peak RSS; then `--fix` on a tree with nothing left to fix
# against `check` on it. Times come from hyperfine when installed (Debian's `hyperfine`),
# else from the median of RUNS runs; peak RSS from GNU time (`/usr/bin/time -v`). Fails when
# an injected file is not reported, or when a finding falls outside the injected snippets
# (benches/outside.py lists them).
#
# Usage: bash benches/bench.sh            RUNS=10 bash benches/bench.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
corpus=benches/corpus
# rg is the baseline, GNU time measures memory, hyperfine times (optional): from Debian.
missing=()
command -v rg >/dev/null || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null || missing+=(hyperfine)
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || true
fi
command -v rg >/dev/null || { echo "bench.sh: needs ripgrep (apt-get install ripgrep)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench.sh: needs GNU time (apt-get install time)" >&2; exit 2; }
[ -f "$corpus/injected.txt" ] && [ -f "$corpus/snippets.tsv" ] || bash benches/corpus.sh
cargo build --release --quiet
bin=$PWD/target/release/v3-migrate
tool=(check --isolated --exit-zero --output-format concise)

# The needles of src/prefilter.rs as rg literals (its fastest search): the hosts, the
# v2-only strings, the suppression marker, and `/v2/` (or `\/v2\/`) before one of the
# table's first segments.
rg_args=(-l -i -F --no-messages
  --type-add 'flexy:*.{js,mjs,cjs,jsx,ts,mts,cts,tsx,php,phtml,inc,py,pyw,html,htm,vue}' -t flexy
  -e api.oneclickdz.com -e dymanicPlans -e NO-BALANCE -e DUPLICATED-REF -e v3-migrate)
for seg in validate plans topup internet gift-cards account; do
  rg_args+=(-e "/v2/$seg" -e "\\/v2\\/$seg")
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Seconds (mean) of a command, warm cache.
seconds() {
  if command -v hyperfine >/dev/null; then
    hyperfine --warmup 1 --runs "$RUNS" --style none --export-json "$tmp/h.json" \
      "$(printf '%q ' "$@")" >/dev/null 2>&1
    python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$tmp/h.json"
  else
    "$@" >/dev/null 2>&1 || true
    for _ in $(seq "$RUNS"); do
      /usr/bin/time -f %e -o "$tmp/t" "$@" >/dev/null 2>&1 || true
      cat "$tmp/t"
    done | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  fi
}
# A / B with N decimals.
div() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN {printf "%." n "f", a / b}'; }
# Peak resident set, in MB.
peak_mb() {
  /usr/bin/time -v "$@" >/dev/null 2>"$tmp/v" || true
  awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$tmp/v"
}
# Bytes of the files both tools read (the languages v3-migrate checks).
source_bytes() {
  find "$1" -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.cjs' -o -name '*.jsx' \
    -o -name '*.ts' -o -name '*.mts' -o -name '*.cts' -o -name '*.tsx' \
    -o -name '*.html' -o -name '*.htm' -o -name '*.vue' \
    -o -name '*.php' -o -name '*.phtml' -o -name '*.inc' -o -name '*.py' -o -name '*.pyw' \) \
    -printf '%s\n' | awk '{s += $1} END {print s}'
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "tools: $("$bin" --version), $(rg --version | sed -n 1p)$(command -v hyperfine >/dev/null && echo ", $(hyperfine --version)")"
echo "corpus: $(find "$corpus/full" -type f | wc -l) files, $(find "$corpus/full" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f MB", s/1e6}'); $(wc -l < "$corpus/injected.txt") files with injected v2 code"
echo
# The time is that of reading every file plus that of analysing the candidates (the files
# with injected code, here): both sizes are shown.
printf '| corpus | source MB | analysed MB | rg s | v3-migrate s | MB/s | ratio to rg | peak RSS MB | rg peak RSS MB |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for size in quarter half full; do
  dir=$corpus/$size
  mb=$(source_bytes "$dir" | awk '{printf "%.0f", $1/1e6}')
  analysed=$(while read -r f; do if [ -f "$dir/$f" ]; then stat -c %s "$dir/$f"; fi; done < "$corpus/injected.txt" |
    awk '{s += $1} END {printf "%.1f", s/1e6}')
  rg_s=$(seconds rg "${rg_args[@]}" "$dir")
  tool_s=$(seconds "$bin" "${tool[@]}" "$dir")
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$size" "$mb" "$analysed" "$rg_s" "$tool_s" \
    "$(div "$mb" "$tool_s" 0)" "$(div "$tool_s" "$rg_s" 2)" \
    "$(peak_mb "$bin" "${tool[@]}" "$dir")" "$(peak_mb rg "${rg_args[@]}" "$dir")"
done

# What the run found: every file with injected code must be among the files reported.
"$bin" "${tool[@]}" "$corpus/full" | sed -n 's|^\([^:]*\):[0-9]*:[0-9]*: .*|\1|p' | sort -u > "$tmp/reported"
missed=$(sed "s|^|$corpus/full/|" "$corpus/injected.txt" | sort | comm -23 - "$tmp/reported" | wc -l)
echo
echo "findings on the full corpus: $("$bin" "${tool[@]}" "$corpus/full" | tail -1)"
echo "injected files not reported: $missed"
# And nothing else: the corpus never calls the Flexy API, so a finding outside the injected
# snippets (benches/outside.py, from the snippets' lines that inject.py lists) is a false
# positive. Each is listed, with its source line; the last line gives the count.
"$bin" check --isolated --exit-zero --output-format json "$corpus/full" 2>/dev/null > "$tmp/findings.json"
python3 benches/outside.py "$corpus/snippets.tsv" "$tmp/findings.json" --root "$corpus/full" > "$tmp/outside"
cat "$tmp/outside"
outside=$(sed -n 's/^findings outside the injected snippets: //p' "$tmp/outside")

# `--fix` with nothing left to fix: a hard-linked copy (fixes are written by rename, so the
# corpus is untouched), fixed once, then timed against `check` on the same tree.
rm -rf "$corpus/fixed"
cp -al "$corpus/full" "$corpus/fixed"
"$bin" "${tool[@]}" --fix "$corpus/fixed" >/dev/null
check_s=$(seconds "$bin" "${tool[@]}" "$corpus/fixed")
fix_s=$(seconds "$bin" "${tool[@]}" --fix "$corpus/fixed")
printf '\n`--fix` with nothing to fix: %s s, `check`: %s s (ratio %s)\n' "$fix_s" "$check_s" \
  "$(div "$fix_s" "$check_s" 2)"
rm -rf "$corpus/fixed"
[ "$missed" = 0 ] && [ "$outside" = 0 ]
