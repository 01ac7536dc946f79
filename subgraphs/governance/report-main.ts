import { main } from './report-cli.js';

// `npm run report -- compliance|provider ...`: see ./report-cli.ts. The exit code is set rather than
// forced, so the last lines on stdout and stderr are written whole before the process ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
