#!/usr/bin/env bash
# Builds the npm packages, the thin `v3-migrate` package and the platform package carrying
# the binary built here (linux-x64 on this machine), with `npm pack` into target/npm/; then
# installs both from those tarballs into a fresh npm project, offline, and runs
# `npx v3-migrate check examples/` there. Usage: bash packaging/npm.sh [--no-test]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
platform=$(node -p 'process.platform')
arch=$(node -p 'process.arch')
cargo build --release --quiet
out=target/npm
rm -rf "$out"
mkdir -p "$out/stage/v3-migrate/bin" "$out/stage/platform/bin"

fill() { sed -e "s/@VERSION@/$version/g" -e "s/@PLATFORM@/$platform/g" -e "s/@ARCH@/$arch/g" "$1"; }
fill packaging/npm/v3-migrate/package.json > "$out/stage/v3-migrate/package.json"
# The main package names the one platform package built here.
node -e '
  const fs = require("fs"), p = process.argv[1];
  const pkg = JSON.parse(fs.readFileSync(p));
  pkg.optionalDependencies = { [`v3-migrate-${process.platform}-${process.arch}`]: pkg.version };
  fs.writeFileSync(p, JSON.stringify(pkg, null, 2) + "\n");
' "$out/stage/v3-migrate/package.json"
cp packaging/npm/v3-migrate/bin/v3-migrate.js "$out/stage/v3-migrate/bin/"
cp packaging/npm/v3-migrate/README.md "$out/stage/v3-migrate/"
fill packaging/npm/platform/package.json > "$out/stage/platform/package.json"
cp target/release/v3-migrate "$out/stage/platform/bin/v3-migrate"
strip "$out/stage/platform/bin/v3-migrate" 2>/dev/null || true
(cd "$out" && npm pack --silent ./stage/platform ./stage/v3-migrate > /dev/null)
echo "npm: $(cd "$out" && ls ./*.tgz | tr '\n' ' ')"

[ "${1:-}" = "--no-test" ] && exit 0

# A fresh project installs the two tarballs (no registry: --offline) and runs the command.
project=$(mktemp -d)
trap 'rm -rf "$project"' EXIT
cd "$project"
npm init -y > /dev/null
npm install --offline --no-audit --no-fund --silent \
  "$root/$out/v3-migrate-$platform-$arch-$version.tgz" "$root/$out/v3-migrate-$version.tgz"
set +e
npx --offline v3-migrate check "$root/examples/" --output-format concise > out.txt 2> err.txt
code=$?
set -e
if [ "$code" != 1 ] || ! grep -q "v2-endpoint" out.txt; then
  echo "npm: npx v3-migrate check examples/ exited $code (1 expected: the examples are v2 code)"
  cat out.txt err.txt
  exit 1
fi
echo "npm: npx v3-migrate check examples/: $(tail -1 out.txt)"
