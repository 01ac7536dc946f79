import { describe, expect, it } from 'vitest';
import { parseImportArguments, UsageError } from '../../../../../subgraphs/partner-kit/import/cli-arguments.js';

describe('the import command line', () => {
  it('reads files, options and --option=value', () => {
    expect(parseImportArguments(['a.ttl', '--partner', 'acme-labs', 'b.json', '--out=out.json', '--format', 'ckan', '--defaults', 'd.json', '--report', 'r.json'])).toEqual({
      help: false, files: ['a.ttl', 'b.json'], partnerId: 'acme-labs', out: 'out.json', format: 'ckan', defaultsFile: 'd.json', reportFile: 'r.json',
    });
    expect(parseImportArguments(['a.ttl', '--partner', 'acme', '--out', 'o.json', '--format', 'auto'])).not.toHaveProperty('format');
    expect(parseImportArguments(['--partner', 'acme', '--out', 'o.json', '--', '--odd-name.json'])).toMatchObject({ files: ['--odd-name.json'] });
    expect(parseImportArguments(['--help'])).toEqual({ help: true });
  });

  it.each([
    [['--partner', 'acme', '--out', 'o.json'], 'no source file given'],
    [['a.ttl', '--out', 'o.json'], '--partner is required'],
    [['a.ttl', '--partner', 'Acme Labs', '--out', 'o.json'], '--partner "Acme Labs" is not a partner id'],
    [['a.ttl', '--partner', 'acme'], '--out is required'],
    [['a.ttl', '--partner', 'acme', '--out', 'o.json', '--format', 'rdfxml'], '--format "rdfxml" is not one of auto, dcat, ckan, datajson, schemaorg, beacon'],
    [['a.ttl', '--partner', 'acme', '--out', 'o.json', '--verbose'], 'unknown option --verbose'],
    [['a.ttl', '--partner', 'acme', '--partner', 'b', '--out', 'o.json'], '--partner is given twice'],
    [['a.ttl', '--partner', '--out', 'o.json'], '--partner needs a value'],
    [['a.ttl', '--partner', 'acme', '--out', 'a.ttl'], '--out a.ttl is also an input'],
    [['a.ttl', '--partner', 'acme', '--out', 'o.json', '--report', 'o.json'], '--report o.json is also an input or the --out file'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseImportArguments(argv)).toThrow(UsageError);
    expect(() => parseImportArguments(argv)).toThrow(message);
  });
});
