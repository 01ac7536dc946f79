import { describe, expect, it } from 'vitest';
import { Findings } from '../../../../../subgraphs/partner-kit/import/findings.js';
import { decodeReferences } from '../../../../../subgraphs/partner-kit/import/readers/schemaorg/html-text.js';
import { accrualPeriodicityOf } from '../../../../../subgraphs/partner-kit/import/mapping/periodicity.js';
import { checksumAlgorithm } from '../../../../../subgraphs/partner-kit/import/mapping/distributions.js';

// A source file chooses the words the importer looks up in its tables: names that every object
// inherits (toString, constructor, __proto__) must find nothing, not a method of Object.prototype.
describe.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('the name "%s" from a source file', (name) => {
  it('stays as written in an HTML text', () => {
    expect(decodeReferences(`a &${name}; b`)).toBe(`a &${name}; b`);
  });

  it('is no frequency', () => {
    expect(accrualPeriodicityOf(name, new Findings())).toBeUndefined();
    expect(accrualPeriodicityOf(`http://purl.org/cld/freq/${name}`, new Findings())).toBeUndefined();
  });

  it('is no checksum algorithm', () => {
    expect(checksumAlgorithm(name)).toBeUndefined();
  });
});

describe('the tables still answer their own names', () => {
  it.each([
    [() => decodeReferences('a &amp; b'), 'a & b'],
    [() => accrualPeriodicityOf('http://purl.org/cld/freq/monthly', new Findings()), 'http://publications.europa.eu/resource/authority/frequency/MONTHLY'],
    [() => checksumAlgorithm('SHA-256'), 'sha256'],
  ])('%#', (read, expected) => {
    expect(read()).toBe(expected);
  });
});
