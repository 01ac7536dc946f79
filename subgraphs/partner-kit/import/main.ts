import { main } from './import-cli.js';

// `npm run import -- FILE... --partner ID --out FILE`: see ./import-cli.ts. The exit code is set
// rather than forced, so stdout is flushed whole before the process ends.
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
