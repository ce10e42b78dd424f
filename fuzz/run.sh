#!/usr/bin/env bash
# Short fuzz campaign: seeds the corpora, builds the targets once, runs each target for
# SECONDS (default 60), one after the other. Exits non-zero if any target crashed, timed out
# or ran out of memory, printing the path of the input that did it.
#
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 3600       # an hour per target
#
# Environment: FUZZ_SANITIZER (default none; `address` for ASan), FUZZ_TARGETS (default all
# five), FUZZ_SEED (libFuzzer's random seed; default a new one each run), FUZZ_ARGS (extra
# libFuzzer flags, e.g. "-max_len=16384").
#
# With FUZZ_SEED set, a run on fresh corpora is repeatable: the same inputs in the same
# order, cut short by the time limit (a slower machine runs a prefix of a faster one's).
set -euo pipefail

secs="${1:-60}"
case "$secs" in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac

fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"
cd "$root"

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "run.sh: installing cargo-fuzz" >&2
  cargo install cargo-fuzz --locked
fi

# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov-module, ...) to rustc;
# this lets a stable toolchain accept them.
export RUSTC_BOOTSTRAP=1

targets=(${FUZZ_TARGETS:-check_fix_js check_fix_php check_fix_python check_fix_ts check_fix_vue})
build_flags=(--sanitizer "${FUZZ_SANITIZER:-none}")
# shellcheck disable=SC2206
extra=(${FUZZ_ARGS:-})
if [ -n "${FUZZ_SEED:-}" ]; then
  extra+=("-seed=$FUZZ_SEED")
fi

"$fuzz_dir/seed.sh"

start=$SECONDS
cargo fuzz build "${build_flags[@]}"
echo "run.sh: built in $((SECONDS - start)) s"

logs="$fuzz_dir/target/logs"
mkdir -p "$logs"
failed=()
for t in "${targets[@]}"; do
  log="$logs/$t.log"
  echo "run.sh: $t for ${secs} s (log: fuzz/target/logs/$t.log)"
  status=0
  cargo fuzz run "${build_flags[@]}" "$t" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -dict="$fuzz_dir/flexy.dict" -print_final_stats=1 "${extra[@]}" \
    >"$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|stat::new_units_added):' "$log" |
    sed "s/^/  $t /" || true
  if [ "$status" -ne 0 ]; then
    echo "run.sh: $t FAILED (exit $status)" >&2
    # The panic message (the harness prints the input, the fixed text and the fixes), or
    # libFuzzer's report of a timeout or an out-of-memory; else the end of the log.
    if grep -qE 'panicked at|ERROR: libFuzzer|ALARM: working' "$log"; then
      { sed -n '/panicked at\|ERROR: libFuzzer\|ALARM: working/,$p' "$log" | head -n 80 >&2; } || true
    else
      tail -n 40 "$log" >&2
    fi
    crash="$(grep -oE 'Test unit written to .*' "$log" | sed 's/^Test unit written to //' | tail -n 1)"
    if [ -n "$crash" ]; then
      echo "run.sh: $t crashing input: ${crash#"$root"/}" >&2
    fi
    failed+=("$t${crash:+ ${crash#"$root"/}}")
  fi
done

if [ "${#failed[@]}" -ne 0 ]; then
  echo "run.sh: failures:" >&2
  printf '  %s\n' "${failed[@]}" >&2
  echo "run.sh: minimise with: cargo fuzz tmin ${build_flags[*]} TARGET INPUT (RUSTC_BOOTSTRAP=1)" >&2
  exit 1
fi
echo "run.sh: no crash in ${targets[*]} (${secs} s each)"
