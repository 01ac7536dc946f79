import { describe, expect, it } from 'vitest';
import { AddPartnerError, EXIT_CODES } from '../../../../../subgraphs/partners/add-partner/add-partner-error.js';
import { readAddPartnerCommand, USAGE } from '../../../../../subgraphs/partners/add-partner/command-line.js';

const CWD = '/home/someone/partners';
const ROOT = '/srv/concord';

describe('add-partner\'s command line', () => {
  it.each([
    ['the id and catalog, resolved against the folder npm ran in', ['--id', 'aurora', '--catalog', 'aurora/catalog.json'],
      { id: 'aurora', catalog: '/home/someone/partners/aurora/catalog.json', catalogShown: 'aurora/catalog.json', force: false, dryRun: false, root: ROOT, help: false }],
    ['an absolute catalog path', ['--id', 'aurora', '--catalog', '/data/c.json'], { catalog: '/data/c.json', catalogShown: '/data/c.json' }],
    ['a port', ['--id', 'aurora', '--catalog', 'c.json', '--port', '4200'], { port: 4200 }],
    ['a URL', ['--id', 'aurora', '--catalog', 'c.json', '--url', 'https://aurora.example/graphql'], { url: 'https://aurora.example/graphql' }],
    ['--force and --dry-run', ['--id', 'aurora', '--catalog', 'c.json', '--force', '--dry-run'], { force: true, dryRun: true }],
    ['another root, resolved against the folder npm ran in', ['--id', 'aurora', '--catalog', 'c.json', '--root', '../copy'], { root: '/home/someone/copy' }],
    ['--id=value', ['--id=aurora', '--catalog=c.json'], { id: 'aurora' }],
    ['help alone', ['--help'], { help: true }],
  ])('reads %s', (_case, argv, expected) => {
    expect(readAddPartnerCommand(argv, CWD, ROOT)).toMatchObject(expected);
  });

  it.each([
    ['no --id', ['--catalog', 'c.json'], '--id is required'],
    ['no --catalog', ['--id', 'aurora'], '--catalog is required'],
    ['an unknown option', ['--id', 'aurora', '--catalog', 'c.json', '--partner', 'x'], "Unknown option '--partner'"],
    ['a positional argument', ['aurora', '--catalog', 'c.json'], "Unexpected argument 'aurora'"],
    ['--id without a value', ['--catalog', 'c.json', '--id'], "Option '--id <value>' argument missing"],
    ['both --url and --port', ['--id', 'a', '--catalog', 'c.json', '--url', 'http://127.0.0.1:4200/graphql', '--port', '4200'], 'give --url or --port, not both'],
    ['a port that is not a number', ['--id', 'a', '--catalog', 'c.json', '--port', '41o4'], '--port must be a whole number from 1 to 65535, got "41o4"'],
    ['port 0', ['--id', 'a', '--catalog', 'c.json', '--port', '0'], '--port must be a whole number from 1 to 65535, got "0"'],
    ['a port too high', ['--id', 'a', '--catalog', 'c.json', '--port', '70000'], 'got "70000"'],
    ['a URL that is not one', ['--id', 'a', '--catalog', 'c.json', '--url', '127.0.0.1:4104'], '--url must be an absolute http(s) URL'],
    ['a URL of another scheme', ['--id', 'a', '--catalog', 'c.json', '--url', 'ftp://host/graphql'], '--url must be an http(s) URL, got "ftp://host/graphql"'],
  ])('refuses %s with the usage and exit code 2', (_case, argv, message) => {
    let caught: unknown;
    try {
      readAddPartnerCommand(argv, CWD, ROOT);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AddPartnerError);
    expect((caught as AddPartnerError).exitCode).toBe(EXIT_CODES.usage);
    expect((caught as AddPartnerError).message).toContain(message);
    expect((caught as AddPartnerError).message).toContain(USAGE);
  });
});
