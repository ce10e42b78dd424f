"""The GitHub Action and the GitLab template, run as their hosts would (see ci-templates.sh)."""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import venv

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fail(msg):
    print(f"ci-templates: {msg}")
    sys.exit(1)


def fresh_env(work):
    """A new venv (no v3-migrate yet) and an environment whose pip installs offline."""
    where = os.path.join(work, "venv")
    venv.create(where, with_pip=True)
    env = dict(os.environ)
    env["PATH"] = os.path.join(where, "bin") + os.pathsep + env["PATH"]
    env["PIP_FIND_LINKS"] = os.path.join(ROOT, "target", "wheels")
    env["PIP_NO_INDEX"] = "1"
    env.pop("VIRTUAL_ENV", None)
    project = os.path.join(work, "project")
    shutil.copytree(os.path.join(ROOT, "examples"), os.path.join(project, "examples"))
    return env, project


def check_sarif(path):
    with open(path) as f:
        doc = json.load(f)
    run = doc["runs"][0]
    if doc["version"] != "2.1.0" or not run["results"]:
        fail(f"{path}: not a SARIF 2.1.0 report with results")
    return len(run["results"])


def github_action():
    with open(os.path.join(ROOT, "action.yml")) as f:
        action = yaml.safe_load(f)
    if action["runs"]["using"] != "composite":
        fail("action.yml: a composite action")
    inputs = set(action["inputs"])
    text = open(os.path.join(ROOT, "action.yml")).read()
    for used in re.findall(r"inputs\.([a-z-]+)", text):
        if used not in inputs:
            fail(f"action.yml uses inputs.{used}, which it does not declare")
    steps = action["runs"]["steps"]
    check = next(s for s in steps if s.get("id") == "check")
    if "packaging/action.sh" not in check["run"]:
        fail("action.yml: the check step runs packaging/action.sh")
    script = open(os.path.join(ROOT, "packaging", "action.sh")).read()
    for var in sorted(set(re.findall(r"V3_MIGRATE_[A-Z]+", script)) - {"V3_MIGRATE_REINSTALL"}):
        if var not in check["env"]:
            fail(f"packaging/action.sh reads {var}, which action.yml does not set")
    if not any("upload-sarif" in s.get("uses", "") for s in steps):
        fail("action.yml: the SARIF is uploaded")

    with tempfile.TemporaryDirectory() as work:
        env, project = fresh_env(work)
        output = os.path.join(work, "github_output")
        env.update(
            GITHUB_OUTPUT=output,
            GITHUB_ACTION_PATH=ROOT,
            V3_MIGRATE_PATHS="examples",
            V3_MIGRATE_ARGS="--select url,auth",
            V3_MIGRATE_VERSION=action["inputs"]["version"]["default"],
            V3_MIGRATE_SARIF="v3-migrate.sarif",
        )
        run = subprocess.run(
            ["bash", os.path.join(ROOT, "packaging", "action.sh")],
            cwd=project, env=env, capture_output=True, text=True,
        )
        if run.returncode != 0:
            fail(f"action.sh exited {run.returncode}:\n{run.stdout}\n{run.stderr}")
        recorded = open(output).read()
        if "exit-code=1" not in recorded:
            fail(f"action.sh recorded {recorded!r}, exit-code=1 expected (findings remain)")
        annotations = [l for l in run.stdout.splitlines() if l.startswith("::error title=v3-migrate")]
        if not annotations:
            fail(f"no annotation on stdout:\n{run.stdout}")
        rules = {re.match(r"::error title=v3-migrate \(([a-z0-9-]+)\)", a).group(1) for a in annotations}
        if not rules <= {"v2-endpoint", "v2-base-url", "unknown-v3-endpoint", "v2-auth-header"}:
            fail(f"--select url,auth was not passed on: {sorted(rules)}")
        n = check_sarif(os.path.join(project, "v3-migrate.sarif"))
        if n != len(annotations):
            fail(f"{n} SARIF results, {len(annotations)} annotations: one run gives both")
        print(f"ci-templates: the GitHub Action's script: {n} annotations and SARIF results, exit-code=1 recorded")


def gitlab_template():
    path = os.path.join(ROOT, "packaging", "gitlab", "v3-migrate.gitlab-ci.yml")
    with open(path) as f:
        job = yaml.safe_load(f)["v3-migrate"]
    report = job["artifacts"]["reports"]["codequality"]
    with tempfile.TemporaryDirectory() as work:
        env, project = fresh_env(work)
        env.update({k: str(v) for k, v in job["variables"].items()})
        env["V3_MIGRATE_PATHS"] = "examples"
        codes = []
        for line in job["script"]:
            run = subprocess.run(["sh", "-c", line], cwd=project, env=env, capture_output=True, text=True)
            codes.append(run.returncode)
        if codes[:-1] != [0] * (len(codes) - 1) or codes[-1] != 1:
            fail(f"the job's script exited {codes}: the install passes, the check fails on v2 code")
        with open(os.path.join(project, report)) as f:
            issues = json.load(f)
        if not issues or not all({"check_name", "fingerprint", "location"} <= set(i) for i in issues):
            fail(f"{report}: not a code-quality report")
        print(f"ci-templates: the GitLab job: {len(issues)} code-quality issues in {report}")


github_action()
gitlab_template()
