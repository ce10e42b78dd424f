#!/usr/bin/env bash
# The GitHub Action's step (action.yml): installs the v3-migrate wheel, runs `check` once with
# the findings as workflow-command annotations on stdout and as SARIF in a file, and records
# the exit code as the step's output `exit-code` (the action's later steps upload the SARIF
# and decide whether the job fails). Reads V3_MIGRATE_PATHS, V3_MIGRATE_ARGS,
# V3_MIGRATE_VERSION, V3_MIGRATE_SARIF; GITHUB_OUTPUT names the step's output file.
set -euo pipefail

spec=v3-migrate
[ -n "${V3_MIGRATE_VERSION:-}" ] && spec="v3-migrate==$V3_MIGRATE_VERSION"
if ! command -v v3-migrate > /dev/null 2>&1 || [ -n "${V3_MIGRATE_REINSTALL:-}" ]; then
  python3 -m pip install --quiet --disable-pip-version-check "$spec"
fi
v3-migrate --version

sarif=${V3_MIGRATE_SARIF:-v3-migrate.sarif}
read -r -a paths <<< "${V3_MIGRATE_PATHS:-.}"
read -r -a extra <<< "${V3_MIGRATE_ARGS:-}"
set +e
v3-migrate check "${paths[@]}" "${extra[@]}" --output-format github --sarif-output "$sarif"
code=$?
set -e
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/stdout}"
# 0 and 1 are the run's answer, for the action to act on; 2 is a failed run.
[ "$code" -le 1 ]
