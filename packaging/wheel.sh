#!/usr/bin/env bash
# Builds the Python wheel with maturin (pyproject.toml: `bindings = "bin"`) into
# target/wheels/, installs it in a fresh venv with no package index, and runs
# `v3-migrate check examples/` from that venv. Usage: bash packaging/wheel.sh [--no-test]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

tools=target/packaging-venv
if [ ! -x "$tools/bin/maturin" ]; then
  python3 -m venv "$tools"
  "$tools/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.5,<2"
fi
rm -rf target/wheels
"$tools/bin/maturin" build --release --quiet --out target/wheels 2> target/wheels.log || {
  cat target/wheels.log
  exit 1
}
wheel=$(ls target/wheels/v3_migrate-*.whl)
echo "wheel: $wheel"

[ "${1:-}" = "--no-test" ] && exit 0

venv=$(mktemp -d)
trap 'rm -rf "$venv"' EXIT
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$root/$wheel"
set +e
"$venv/bin/v3-migrate" check examples/ --output-format concise > "$venv/out.txt" 2> "$venv/err.txt"
code=$?
set -e
if [ "$code" != 1 ] || ! grep -q "v2-endpoint" "$venv/out.txt"; then
  echo "wheel: v3-migrate check examples/ exited $code (1 expected: the examples are v2 code)"
  cat "$venv/out.txt" "$venv/err.txt"
  exit 1
fi
echo "wheel: v3-migrate check examples/: $(tail -1 "$venv/out.txt")"
