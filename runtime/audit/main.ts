import { main } from './audit-cli.js';

// `npm run audit -- <command>`: see ./audit-cli.ts. The exit code is set rather than forced, so
// stdout is flushed whole before the process ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
