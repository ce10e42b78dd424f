#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the repository's own sources of each language: the
# fixtures (inputs and their .fixed/.unsafe outputs), the examples and the end-to-end
# programs, plus the minimised crashes in fuzz/crashes/. Files already in a corpus (the
# fuzzer's own finds) are kept.
set -euo pipefail
fuzz_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$fuzz_dir")"

seed() {
  local target="$1" lang="$2" exts="$3"
  local out="$fuzz_dir/corpus/$target"
  mkdir -p "$out"
  local n=0 dir f ext
  for dir in "fixtures/$lang" "examples/$lang" "tests/e2e/$lang"; do
    [ -d "$root/$dir" ] || continue
    for f in "$root/$dir"/*; do
      [ -f "$f" ] || continue
      ext="${f##*.}"
      case " $exts " in *" $ext "*) ;; *) continue ;; esac
      # fixtures/js/auth_header.fixed.js -> fixtures-js-auth_header.fixed.js
      cp "$f" "$out/${dir//\//-}-$(basename "$f")"
      n=$((n + 1))
    done
  done
  # Minimised crashes kept as regression inputs (fuzz/crashes/<target>-<name>): replayed
  # first by every run, so a crash fixed in src/ stays fixed.
  for f in "$fuzz_dir/crashes/$target"-*; do
    [ -f "$f" ] || continue
    cp "$f" "$out/crash-$(basename "$f")"
    n=$((n + 1))
  done
  echo "seed: $target <- $n files"
}

seed check_fix_js js "js mjs cjs jsx"
seed check_fix_php php "php phtml inc"
seed check_fix_python python "py pyw"
seed check_fix_ts ts "ts mts cts"
seed check_fix_vue vue "vue"
