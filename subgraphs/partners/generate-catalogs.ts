// Deterministic demo catalogs, one per partner of the federation manifest (schema/subgraphs.json)
// that keeps a generator profile beside its catalog: subgraphs/partners/<id>/profile.json. A
// partner without one maintains its catalog by hand and is left alone.
//
// The catalog.json files are generated output, never edited by hand: the unit test regenerates them
// in memory and fails on any difference, so demos and authorization tests always see the same data.
// After changing a profile or the generator, run `npm run generate-catalogs`.
//
// Everything random comes from one seeded PRNG and every date from AS_OF or a literal, so two runs
// give byte-identical files on any machine and on any day. Profiles are plain data so a benchmark can
// derive more partners and far larger catalogs from them without touching the generator.
//
// Edge cases the authorization work relies on (fixed dataset numbers, see each profile's edgeCases;
// the unit test pins these ids):
//   northbridge-hospital:ds-006 (ANONYMIZED)      embargoUntil 2027-09-30, in the future
//   northbridge-hospital:ds-025 (PUBLIC)          embargoUntil 2028-03-31, in the future
//   northbridge-hospital:ds-009 (PUBLIC)          embargoUntil 2024-12-31, already passed
//   northbridge-hospital:ds-027 (PARTNER_SHARED)  embargoUntil 2025-04-30, already passed
//   northbridge-hospital:ds-014 (PARTNER_SHARED)  retention.deletionDue 2025-03-31: past its deletion date
//   helix-therapeutics:ds-009 (PARTNER_SHARED)    retention.deletionDue 2025-06-30: past its deletion date
// No other dataset has an embargo; every other deletionDue is after 2030, or there is none.
//
// A profile's showcase writes the contract's optional metadata onto a few fixed datasets
// (generator/showcase.ts); boreal-climate-institute's: ds-005, ds-032 and ds-041 form a series,
// ds-005 follows ds-032, has translations, a DOI, creators, an attribution, several checksums and a
// distribution under its own non-commercial licence (CC-BY-NC-4.0) with rights and a data service.

import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CatalogFile } from '../partner-kit/catalog-file.js';
import { CatalogLoadError, parseCatalog } from '../partner-kit/load-catalog.js';
import { catalogPathOf, readFederationManifest, type FederationManifest } from '../../schema/federation-manifest.js';
import { REPOSITORY_ROOT } from '../../schema/repository-files.js';
import { generatePartnerCatalog } from './generator/generate-partner-catalog.js';
import { readPartnerProfile, type PartnerProfile } from './generator/partner-profile.js';
import { applyShowcase } from './generator/showcase.js';

export { AS_OF } from './generator/timeline.js';
export { generatePartnerCatalog } from './generator/generate-partner-catalog.js';
export type { DatasetKind, Focus, PartnerProfile, SampleSpec, Weighted } from './generator/partner-profile.js';

/** Any fixed number works; this one happens to give each demo partner a representative mix of classes. */
export const DEMO_SEED = 1;

export const PROFILE_FILE_NAME = 'profile.json';

/** A manifest partner whose catalog is generated: where the catalog goes and the profile it comes from. */
export interface ProfiledPartner {
  id: string;
  /** Absolute path of the catalog file the manifest names. */
  catalogFile: string;
  profile: PartnerProfile;
}

/** The partners of a manifest with a profile.json beside their catalog, in manifest order. */
export function profiledPartners(manifest: FederationManifest = readFederationManifest()): ProfiledPartner[] {
  return manifest.partners.flatMap((partner) => {
    const catalogFile = catalogPathOf(partner);
    const profileFile = join(dirname(catalogFile), PROFILE_FILE_NAME);
    if (!existsSync(profileFile)) return [];
    const profile = readPartnerProfile(profileFile, displayPath(profileFile));
    if (profile.partner.id !== partner.id) {
      throw new Error(`${displayPath(profileFile)}: profile of partner "${profile.partner.id}", but the manifest gives it to "${partner.id}"`);
    }
    return [{ id: partner.id, catalogFile, profile }];
  });
}

/**
 * A partner's demo catalog: drawn from its profile, then its showcase written on. Catalogs drawn
 * for benchmarks (generatePartnerCatalog) have no showcase, so they keep their shape at any size.
 */
export function generateCatalog(partner: ProfiledPartner, seed = DEMO_SEED): CatalogFile {
  const drawn = generatePartnerCatalog(partner.profile, partner.profile.catalogSize, seed);
  return partner.profile.showcase ? applyShowcase(drawn, partner.profile.showcase) : drawn;
}

export function serializeCatalog(catalog: CatalogFile): string {
  return `${JSON.stringify(catalog, null, 2)}\n`;
}

/**
 * Problems that would make the partner kit refuse the catalog, one line each naming the partner,
 * the dataset and the field. Uses the kit's own loader so the generator can never drift from it.
 */
export function findCatalogProblems(catalog: CatalogFile): string[] {
  try {
    parseCatalog(catalog, catalog.partner.id);
    return [];
  } catch (error) {
    if (!(error instanceof CatalogLoadError)) throw error;
    return error.problems.map((problem) => `${catalog.partner.id}: ${problem}`);
  }
}

/**
 * Generates and writes every profiled partner's catalog; validates them all first, so a bad profile
 * never half-replaces the files. Returns the problems (nothing is written when there are any).
 */
export function writeCatalogs(manifest?: FederationManifest, log: (line: string) => void = () => {}): string[] {
  const generated = profiledPartners(manifest).map((partner) => ({ partner, catalog: generateCatalog(partner) }));
  const problems = generated.flatMap(({ catalog }) => findCatalogProblems(catalog));
  if (problems.length > 0) return problems;
  for (const { partner, catalog } of generated) {
    mkdirSync(dirname(partner.catalogFile), { recursive: true });
    writeFileSync(partner.catalogFile, serializeCatalog(catalog));
    log(`${partner.id}: ${catalog.datasets.length} datasets -> ${displayPath(partner.catalogFile)}`);
  }
  return [];
}

function displayPath(file: string): string {
  const inside = relative(REPOSITORY_ROOT, file);
  return inside.startsWith('..') ? file : inside;
}

// The demo profiles by name, for the benchmarks that derive larger catalogs from them.
const demoProfile = (id: string): PartnerProfile =>
  readPartnerProfile(join(REPOSITORY_ROOT, 'subgraphs/partners', id, PROFILE_FILE_NAME));
export const NORTHBRIDGE_HOSPITAL = demoProfile('northbridge-hospital');
export const HELIX_THERAPEUTICS = demoProfile('helix-therapeutics');
export const BOREAL_CLIMATE_INSTITUTE = demoProfile('boreal-climate-institute');

function isRunDirectly(): boolean {
  const entry = process.argv[1];
  if (entry === undefined) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

if (isRunDirectly()) {
  const problems = writeCatalogs(undefined, (line) => console.log(line));
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
}
