import { main } from './cli.js';

// `npm run check-partner -- --url URL ...`: see ./cli.ts. The exit code is set rather than forced,
// so the report on stdout is written whole before the process ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
