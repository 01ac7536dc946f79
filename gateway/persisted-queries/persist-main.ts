import { runPersist } from './persist-cli.js';

// `npm run persist -- FILE.graphql...`: see persist-cli.ts for what it does and its exit codes.
const code = await runPersist(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
process.exit(code);
