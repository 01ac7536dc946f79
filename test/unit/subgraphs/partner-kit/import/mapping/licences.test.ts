import { describe, expect, it } from 'vitest';
import type { PartnerDefaults } from '../../../../../../subgraphs/partner-kit/import/defaults-file.js';
import { Findings } from '../../../../../../subgraphs/partner-kit/import/findings.js';
import { datasetLicence, licenceRecord } from '../../../../../../subgraphs/partner-kit/import/mapping/licences.js';
import { emptyDataset, emptyDistribution } from '../../../../../../subgraphs/partner-kit/import/readers/source-records.js';
import type { SourceLicence } from '../../../../../../subgraphs/partner-kit/import/source-dataset.js';

const DEFAULTS: PartnerDefaults = {
  licenceTerms: {
    'LicenseRef-example.org-terms': { commercialUse: false, attributionRequired: true, fieldsOfUse: ['research'] },
    'LicenseRef-Acme-DUA-2.1': { commercialUse: false, attributionRequired: true, fieldsOfUse: [], maxDurationMonths: 24 },
    'Open Database License (ODbL) v1.0': { spdxId: 'ODbL-1.0' },
    'https://spdx.org/licenses/GPL-3.0-only.html': { name: 'GNU GPL v3 only', commercialUse: true, attributionRequired: true, fieldsOfUse: [] },
  },
  licence: { id: 'LicenseRef-Default', name: 'Default terms', commercialUse: false, attributionRequired: false, fieldsOfUse: [] },
};

describe('a source licence to the contract\'s LicenceRecord', () => {
  it.each([
    ['an SPDX licence with known terms', { id: 'mit' }, { id: 'MIT', commercialUse: true, attributionRequired: true }, 0],
    ['terms the defaults file gives for a LicenseRef', { uri: 'https://example.org/terms' }, { id: 'LicenseRef-example.org-terms', name: 'https://example.org/terms', url: 'https://example.org/terms', commercialUse: false, fieldsOfUse: ['research'] }, 1],
    ['a LicenseRef id the source states itself (dct:identifier), kept with its title and URI', { uri: 'https://acme.example/dua/2.1', id: 'LicenseRef-Acme-DUA-2.1', name: 'Acme data use agreement 2.1' }, { id: 'LicenseRef-Acme-DUA-2.1', name: 'Acme data use agreement 2.1', url: 'https://acme.example/dua/2.1', maxDurationMonths: 24 }, 1],
    ['a name the defaults file maps to SPDX', { name: 'Open Database License (ODbL) v1.0' }, { id: 'ODbL-1.0', attributionRequired: true }, 1],
    ['an SPDX licence whose terms the defaults file gives', { uri: 'https://spdx.org/licenses/GPL-3.0-only.html' }, { id: 'GPL-3.0-only', name: 'GNU GPL v3 only' }, 1],
  ] as [string, SourceLicence, object, number][])('%s', (_name, licence, record, warnings) => {
    const findings = new Findings();
    expect(licenceRecord(licence, DEFAULTS, 'licence', findings)).toEqual({ record: expect.objectContaining(record) });
    expect(findings.warnings).toHaveLength(warnings);
  });

  it('refuses a licence whose terms nobody gives, naming the key to give them under', () => {
    const findings = new Findings();
    expect(licenceRecord({ uri: 'https://other.example/licence' }, DEFAULTS, 'licence', findings)).toBeUndefined();
    expect(findings.refusals[0]!.message).toContain('licenceTerms["LicenseRef-other.example-licence"]');
  });
});

describe('the dataset\'s licence', () => {
  const dataset = (licences: SourceLicence[], distributions: SourceLicence[][]) => ({
    ...emptyDataset('d'), licences, distributions: distributions.map((l) => ({ ...emptyDistribution(), licences: l })),
  });
  const cc0 = { uri: 'http://creativecommons.org/publicdomain/zero/1.0/' };
  const ccBy = { id: 'CC-BY-4.0' };

  it.each([
    ['its own', dataset([ccBy], [[cc0]]), undefined, 'CC-BY-4.0', 0],
    ['its own, listed twice as the same licence', dataset([ccBy, { uri: 'https://creativecommons.org/licenses/by/4.0/' }], []), undefined, 'CC-BY-4.0', 0],
    ['the one its distributions carry', dataset([], [[cc0], [cc0]]), undefined, 'CC0-1.0', 1],
    ['the one some of its distributions carry', dataset([], [[cc0], []]), undefined, 'CC0-1.0', 1],
    ['the catalog\'s', dataset([], [[]]), [ccBy], 'CC-BY-4.0', 1],
    ['the defaults file\'s', dataset([], []), undefined, 'LicenseRef-Default', 1],
    ['the defaults file\'s when CKAN says notspecified', dataset([{ id: 'notspecified' }], []), undefined, 'LicenseRef-Default', 1],
  ])('is %s', (_name, source, catalogLicences, id, warnings) => {
    const findings = new Findings();
    const catalog = catalogLicences ? { titles: [], licences: catalogLicences, languages: [] } : undefined;
    expect(datasetLicence(source, catalog, DEFAULTS, findings)?.id).toBe(id);
    expect(findings.warnings).toHaveLength(warnings);
  });

  it('is refused when the source lists two different licences, or none and the defaults file none', () => {
    const two = new Findings();
    expect(datasetLicence(dataset([ccBy, cc0], []), undefined, DEFAULTS, two)).toBeUndefined();
    expect(two.refusals[0]!.message).toBe('the source gives 2 licences (CC-BY-4.0, CC0-1.0); the contract holds one per dataset or distribution');
    const none = new Findings();
    expect(datasetLicence(dataset([], []), undefined, {}, none)).toBeUndefined();
    expect(none.refusals).toEqual([{ field: 'licence', message: 'the source names no licence; give one in the defaults file ("licence")' }]);
  });
});
