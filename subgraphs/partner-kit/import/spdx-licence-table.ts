// The SPDX licences the importer knows the terms of, with the two terms the contract's LicenceRecord
// needs. Ids and names are those of the SPDX License List (spdx.org/licenses). The terms are read
// from each licence's own text:
//
// - commercialUse: false only where the licence forbids use for commercial advantage (the
//   Creative Commons NonCommercial family, section 1 "NonCommercial" of the 4.0 texts); every
//   other licence here lets anyone use the data for any purpose.
// - attributionRequired: true where reuse must credit the licensor or keep its notices (CC BY, ODC
//   By and ODbL 4.3, the open government licences, MIT/BSD/ISC/Apache/AFL/EUPL notices); false for
//   dedications and marks that waive or state the absence of rights (CC0, PDDL, the Public Domain
//   Mark and Certification, DL-DE-Zero, Unlicense, 0BSD).
//
// A licence that is not listed here keeps its SPDX id when the source names one (an spdx.org
// URL), but its terms must come from the partner's defaults file: the importer does not guess terms.

export interface KnownLicence {
  id: string;
  name: string;
  url: string;
  commercialUse: boolean;
  attributionRequired: boolean;
}

const CC_ELEMENTS: Record<string, string> = { BY: 'Attribution', NC: 'Non Commercial', ND: 'No Derivatives', SA: 'Share Alike' };
const CC_PORTS: Record<string, string> = {
  AT: 'Austria', AU: 'Australia', DE: 'Germany', FR: 'France', IGO: 'IGO', JP: 'Japan', NL: 'Netherlands', UK: 'England and Wales', US: 'United States',
};

/** The Creative Commons licences in the SPDX License List: code, then its versions and ports. */
const CC_LICENCES: Record<string, string[]> = {
  'BY': ['1.0', '2.0', '2.5', '2.5-AU', '3.0', '3.0-AT', '3.0-AU', '3.0-DE', '3.0-IGO', '3.0-NL', '3.0-US', '4.0'],
  'BY-NC': ['1.0', '2.0', '2.5', '3.0', '3.0-DE', '4.0'],
  'BY-NC-ND': ['1.0', '2.0', '2.5', '3.0', '3.0-DE', '3.0-IGO', '4.0'],
  'BY-NC-SA': ['1.0', '2.0', '2.0-DE', '2.0-FR', '2.0-UK', '2.5', '3.0', '3.0-DE', '3.0-IGO', '4.0'],
  'BY-ND': ['1.0', '2.0', '2.5', '3.0', '3.0-DE', '4.0'],
  'BY-SA': ['1.0', '2.0', '2.0-UK', '2.1-JP', '2.5', '3.0', '3.0-AT', '3.0-DE', '3.0-IGO', '4.0'],
};

function creativeCommons(): KnownLicence[] {
  return Object.entries(CC_LICENCES).flatMap(([code, variants]) => variants.map((variant) => {
    const [version, port] = variant.split('-') as [string, string?];
    const edition = port ? CC_PORTS[port]! : version === '4.0' ? 'International' : version === '3.0' ? 'Unported' : 'Generic';
    // CC BY-NC-ND 1.0 was published as "by-nd-nc" (its legal code's address).
    const path = code === 'BY-NC-ND' && version === '1.0' ? 'by-nd-nc' : code.toLowerCase();
    return {
      id: `CC-${code}-${variant}`,
      name: `Creative Commons ${code.split('-').map((e) => CC_ELEMENTS[e]).join(' ')} ${version} ${edition}`,
      url: `https://creativecommons.org/licenses/${path}/${version}/${port ? `${port.toLowerCase()}/` : ''}`,
      commercialUse: !code.includes('NC'),
      attributionRequired: true,
    };
  }));
}

const open = (id: string, name: string, url: string): KnownLicence => ({ id, name, url, commercialUse: true, attributionRequired: true });
const waiver = (id: string, name: string, url: string): KnownLicence => ({ id, name, url, commercialUse: true, attributionRequired: false });

export const KNOWN_LICENCES: readonly KnownLicence[] = [
  ...creativeCommons(),
  waiver('CC0-1.0', 'Creative Commons Zero v1.0 Universal', 'https://creativecommons.org/publicdomain/zero/1.0/'),
  waiver('CC-PDM-1.0', 'Creative Commons Public Domain Mark 1.0 Universal', 'https://creativecommons.org/publicdomain/mark/1.0/'),
  waiver('CC-PDDC', 'Creative Commons Public Domain Dedication and Certification', 'https://creativecommons.org/licenses/publicdomain/'),
  waiver('PDDL-1.0', 'Open Data Commons Public Domain Dedication & License 1.0', 'https://opendatacommons.org/licenses/pddl/1-0/'),
  open('ODC-By-1.0', 'Open Data Commons Attribution License v1.0', 'https://opendatacommons.org/licenses/by/1-0/'),
  open('ODbL-1.0', 'Open Data Commons Open Database License v1.0', 'https://opendatacommons.org/licenses/odbl/1-0/'),
  open('OGL-UK-1.0', 'Open Government Licence v1.0', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/1/'),
  open('OGL-UK-2.0', 'Open Government Licence v2.0', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/2/'),
  open('OGL-UK-3.0', 'Open Government Licence v3.0', 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/'),
  open('OGL-Canada-2.0', 'Open Government Licence - Canada', 'https://open.canada.ca/en/open-government-licence-canada'),
  open('DL-DE-BY-2.0', 'Data licence Germany – attribution – version 2.0', 'https://www.govdata.de/dl-de/by-2-0'),
  waiver('DL-DE-ZERO-2.0', 'Data licence Germany – zero – version 2.0', 'https://www.govdata.de/dl-de/zero-2-0'),
  open('etalab-2.0', 'Etalab Open License 2.0', 'https://www.etalab.gouv.fr/licence-ouverte-open-licence'),
  open('NLOD-1.0', 'Norwegian Licence for Open Government Data (NLOD) 1.0', 'https://data.norge.no/nlod/en/1.0'),
  open('NLOD-2.0', 'Norwegian Licence for Open Government Data (NLOD) 2.0', 'https://data.norge.no/nlod/en/2.0'),
  open('MIT', 'MIT License', 'https://opensource.org/licenses/MIT'),
  open('Apache-2.0', 'Apache License 2.0', 'https://www.apache.org/licenses/LICENSE-2.0'),
  open('BSD-2-Clause', 'BSD 2-Clause "Simplified" License', 'https://opensource.org/licenses/BSD-2-Clause'),
  open('BSD-3-Clause', 'BSD 3-Clause "New" or "Revised" License', 'https://opensource.org/licenses/BSD-3-Clause'),
  open('ISC', 'ISC License', 'https://opensource.org/licenses/ISC'),
  open('AFL-3.0', 'Academic Free License v3.0', 'https://opensource.org/licenses/afl-3.0'),
  open('EUPL-1.0', 'European Union Public License 1.0', 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-10'),
  open('EUPL-1.1', 'European Union Public License 1.1', 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-11-12'),
  open('EUPL-1.2', 'European Union Public License 1.2', 'https://joinup.ec.europa.eu/collection/eupl/eupl-text-eupl-12'),
  waiver('Unlicense', 'The Unlicense', 'https://unlicense.org/'),
  waiver('0BSD', 'BSD Zero Clause License', 'https://opensource.org/licenses/0BSD'),
];

const BY_ID = new Map(KNOWN_LICENCES.map((licence) => [licence.id.toLowerCase(), licence]));

/** SPDX ids are matched case-insensitively (SPDX spec 2.3, Annex D.2): "mit" and "afl-3.0" are MIT and AFL-3.0. */
export function knownLicence(id: string): KnownLicence | undefined {
  return BY_ID.get(id.toLowerCase());
}
