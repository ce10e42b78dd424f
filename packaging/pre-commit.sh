#!/usr/bin/env bash
# Runs pre-commit on a fresh git repository holding a staged TypeScript file and a Vue
# component that call Flexy v2, with the hook of README's "pre-commit" section
# (`language: python`, the wheel as its one dependency: nothing is compiled). The wheel
# comes from target/wheels/ (packaging/wheel.sh), as pip would take it from PyPI. The hook
# must fail and name both files; with the fix hook, both files must be rewritten.
# Usage: bash packaging/pre-commit.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
ls target/wheels/v3_migrate-*.whl > /dev/null 2>&1 || bash packaging/wheel.sh --no-test

tools=target/packaging-venv
[ -x "$tools/bin/python" ] || python3 -m venv "$tools"
[ -x "$tools/bin/pre-commit" ] ||
  "$tools/bin/pip" install --quiet --disable-pip-version-check "pre-commit>=3,<5"

# pre-commit builds a placeholder package for a local hook: its build needs setuptools, taken
# from a folder as the wheel is (fetched here once, before the offline run).
deps=target/packaging-wheels
[ -n "$(ls "$deps"/setuptools-*.whl 2>/dev/null)" ] ||
  "$tools/bin/pip" download --quiet --disable-pip-version-check --only-binary :all: \
    -d "$deps" "setuptools>=40.8" wheel

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
# pip inside pre-commit's environment: the wheel built here, no index.
export PIP_FIND_LINKS="$root/target/wheels $root/$deps" PIP_NO_INDEX=1
repo="$work/repo"
mkdir -p "$repo/src/components"
cd "$repo"
git init -q .
git config user.email ci@example.invalid
git config user.name ci
# The hooks' `files:` pattern is the one .pre-commit-hooks.yaml carries (checked against
# the tool's extension table by tests/packaging.rs).
files=$(sed -n 's/^  files: //p' "$root/.pre-commit-hooks.yaml" | head -1)
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: local
    hooks:
      - id: v3-migrate
        name: v3-migrate
        entry: v3-migrate check --force-exclude
        language: python
        additional_dependencies: ["v3-migrate==$version"]
        files: $files
        require_serial: true
      - id: v3-migrate-fix
        name: v3-migrate (fix)
        entry: v3-migrate check --force-exclude --fix --force --exit-non-zero-on-fix
        language: python
        additional_dependencies: ["v3-migrate==$version"]
        files: $files
        require_serial: true
        stages: [manual]
YAML
cat > src/balance.ts <<'TS'
const BASE = "https://flexy-api.oneclickdz.com/v2";

export async function balance(key: string): Promise<number> {
  const res = await fetch(`${BASE}/account/balance`, { headers: { authorization: key } });
  const body = await res.json();
  return body.balance;
}
TS
cat > src/components/Topups.vue <<'VUE'
<template>
  <ul><li v-for="t in topups" :key="t.ref">{{ t.ref }}</li></ul>
</template>

<script>
export default {
  data: () => ({ topups: [] }),
  async mounted() {
    const res = await fetch("https://flexy-api.oneclickdz.com/v2/topup/list?page=1", {
      headers: { authorization: process.env.FLEXY_KEY },
    });
    const body = await res.json();
    this.topups = body.data;
  },
};
</script>
VUE
git add -A
set +e
"$root/$tools/bin/pre-commit" run v3-migrate > check.txt 2>&1
code=$?
set -e
if [ "$code" = 0 ] || ! grep -q "src/balance.ts" check.txt || ! grep -q "src/components/Topups.vue" check.txt; then
  echo "pre-commit: the hook exited $code and should have failed on both files:"
  cat check.txt
  exit 1
fi
echo "pre-commit: the check hook failed on src/balance.ts and src/components/Topups.vue, as it should"
set +e
"$root/$tools/bin/pre-commit" run --hook-stage manual v3-migrate-fix > fix.txt 2>&1
set -e
if grep -q "flexy-api.oneclickdz.com" src/balance.ts src/components/Topups.vue; then
  echo "pre-commit: the fix hook left v2 URLs:"
  cat fix.txt src/balance.ts src/components/Topups.vue
  exit 1
fi
echo "pre-commit: the fix hook rewrote both files to v3"
