#!/usr/bin/env bash
# Runs the CI integrations as their hosts would, offline, on a copy of examples/:
# - the GitHub Action: action.yml's inputs, steps and script checked against each other,
#   then its script (packaging/action.sh) run in a fresh venv with GitHub's environment
#   (GITHUB_OUTPUT, GITHUB_ACTION_PATH, the inputs' variables): the annotations on stdout,
#   the SARIF file, the exit code recorded;
# - the GitLab template: its job's script lines run in a fresh venv with the job's
#   variables: the code-quality report written.
# pip takes the wheel from target/wheels/ (packaging/wheel.sh), as it would from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
ls target/wheels/v3_migrate-*.whl > /dev/null 2>&1 || bash packaging/wheel.sh --no-test
tools=target/packaging-venv
[ -x "$tools/bin/python" ] || python3 -m venv "$tools"
"$tools/bin/python" -c 'import yaml' 2> /dev/null ||
  "$tools/bin/pip" install --quiet --disable-pip-version-check pyyaml
exec "$tools/bin/python" packaging/ci_templates.py
