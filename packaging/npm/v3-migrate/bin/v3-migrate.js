#!/usr/bin/env node
// The `v3-migrate` command of the npm package: runs the binary of the platform package npm
// installed beside it (an optional dependency per platform, as biome and esbuild do), with
// the same arguments, standard streams and exit code.
"use strict";

const { spawnSync } = require("child_process");

const platform = `${process.platform}-${process.arch}`;
const name = `v3-migrate-${platform}`;
const exe = process.platform === "win32" ? "v3-migrate.exe" : "v3-migrate";

let binary = process.env.V3_MIGRATE_BINARY;
if (!binary) {
  try {
    binary = require.resolve(`${name}/bin/${exe}`);
  } catch (e) {
    console.error(
      `v3-migrate: no binary for ${platform}: the package ${name} is not installed.\n` +
        "  help: reinstall without --no-optional / --omit=optional, or install the Python " +
        "wheel (pipx install v3-migrate) or build it (cargo install --path .)"
    );
    process.exit(2);
  }
}

const result = spawnSync(binary, process.argv.slice(2), { stdio: "inherit" });
if (result.error) {
  console.error(`v3-migrate: cannot run ${binary}: ${result.error.message}`);
  process.exit(2);
}
if (result.signal) {
  process.kill(process.pid, result.signal);
}
process.exit(result.status === null ? 2 : result.status);
