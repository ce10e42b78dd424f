#!/usr/bin/env bash
# The dense benchmark: `v3-migrate check` on a tree that is all Flexy client code (the e2e
# programs, fixtures and examples, copied into folders by benches/dense.py, about 11 MB),
# against the tool's own parse-only pass over the same files (`check --parse-only`, hidden:
# the walk, the reads and a tree-sitter parse of every file) and against ast-grep scanning
# the same files with one rule per v2 construct and language, and with rules that never
# match (its walk and parse). Also `check --diff` (every fix computed, nothing written) for
# the cost of fixing. On a quarter, a half and all of the tree; one run of everything, each
# command timed as the median of RUNS runs. Prints MB/s and the ratios side by side.
#
# ast-grep is taken from PATH (`ast-grep`), else installed with npm into
# ~/.cache/v3-migrate-bench (`@ast-grep/cli`); without npm its columns are left out.
#
# Usage: bash benches/dense.sh            RUNS=9 COPIES=16 bash benches/dense.sh
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
COPIES=${COPIES:-12}
python3 benches/dense.py "$COPIES"
cargo build --release --quiet
bin=$PWD/target/release/v3-migrate
sg=$(command -v ast-grep || true)
if [ -z "$sg" ]; then
  cache="$HOME/.cache/v3-migrate-bench"
  if [ ! -x "$cache/node_modules/.bin/ast-grep" ] && command -v npm >/dev/null; then
    npm install --no-save --no-audit --no-fund --silent --prefix "$cache" @ast-grep/cli >/dev/null 2>&1 || true
  fi
  [ -x "$cache/node_modules/.bin/ast-grep" ] && sg="$cache/node_modules/.bin/ast-grep"
fi
BIN="$bin" SG="$sg" RUNS="$RUNS" COPIES="$COPIES" python3 - <<'PY'
import os, statistics, subprocess, time

bin_, sg, runs, copies = os.environ["BIN"], os.environ["SG"], int(os.environ["RUNS"]), int(os.environ["COPIES"])
dense = "benches/dense"
def median(cmd):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)

def size(paths):
    return sum(os.path.getsize(os.path.join(d, f)) for p in paths for d, _, fs in os.walk(p) for f in fs)

if sg:
    v = subprocess.run([sg, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"ast-grep: {v}")
else:
    print("ast-grep: not found (its columns are left out)")
print(f"{runs} runs each, median; {copies} copies of the sources\n")
head = ["files", "MB", "parse-only", "check", "check --diff"]
if sg:
    head += ["ast-grep rules", "ast-grep never"]
head += ["check/parse", "diff/parse"]
if sg:
    head += ["check/ast-grep rules", "check/ast-grep never"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
for part, n in (("1/4", copies // 4), ("1/2", copies // 2), ("all", copies)):
    paths = [f"{dense}/c{c:02}" for c in range(n)]
    mb = size(paths) / 1e6
    t = {
        "parse": median([bin_, "check", "--isolated", "--parse-only", *paths]),
        "check": median([bin_, "check", "--isolated", "--exit-zero", "--output-format", "concise", *paths]),
        "diff": median([bin_, "check", "--isolated", "--exit-zero", "--diff", *paths]),
    }
    if sg:
        t["rules"] = median([sg, "scan", "--rule", f"{dense}/rules.yml", *paths])
        t["never"] = median([sg, "scan", "--rule", f"{dense}/never.yml", *paths])
    cell = lambda s: f"{s:.2f} s ({mb / s:.1f} MB/s)"
    row = [part, f"{mb:.1f}", cell(t["parse"]), cell(t["check"]), cell(t["diff"])]
    if sg:
        row += [cell(t["rules"]), cell(t["never"])]
    row += [f"{t['check'] / t['parse']:.2f}x", f"{t['diff'] / t['parse']:.2f}x"]
    if sg:
        row += [f"{t['check'] / t['rules']:.2f}x", f"{t['check'] / t['never']:.2f}x"]
    print("| " + " | ".join(row) + " |")
PY
