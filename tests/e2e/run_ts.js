// Runs a TypeScript program the way a build would: the TypeScript compiler (the package in
// V3_MIGRATE_TYPESCRIPT) transpiles it to CommonJS, reporting syntax errors, then node runs
// it. Type errors are checked apart (`tsc --noEmit --strict`, in tests/e2e.rs), before and
// after migration.
"use strict";
const fs = require("fs");
const path = require("path");
const Module = require("module");

const ts = require(process.env.V3_MIGRATE_TYPESCRIPT);

// Transpiles one TypeScript file to CommonJS, reporting syntax errors.
function transpile(file) {
  const out = ts.transpileModule(fs.readFileSync(file, "utf8"), {
    fileName: file,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  if (out.diagnostics.length) {
    for (const d of out.diagnostics) {
      console.error(file + ": " + ts.flattenDiagnosticMessageText(d.messageText, " "));
    }
    process.exit(2);
  }
  return out.outputText;
}

// A program folder's other modules (`import { x } from "./client"`) are TypeScript too.
require.extensions[".ts"] = (m, filename) => m._compile(transpile(filename), filename);

const file = path.resolve(process.argv[2]);
const code = transpile(file);
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
m._compile(code, file);
