import {
  BOREAL_CLIMATE_INSTITUTE, generatePartnerCatalog, HELIX_THERAPEUTICS, NORTHBRIDGE_HOSPITAL, type PartnerProfile,
} from '../../../subgraphs/partners/generate-catalogs.js';
import type { CatalogFile } from '../../../subgraphs/partner-kit/catalog-file.js';

const BASE_PROFILES: readonly PartnerProfile[] = [NORTHBRIDGE_HOSPITAL, HELIX_THERAPEUTICS, BOREAL_CLIMATE_INSTITUTE];

/** `partners` catalogs of `perPartner` datasets each, from the demo profiles under new partner ids. */
export function scaleCatalogs(partners: number, perPartner: number, seed = 7): CatalogFile[] {
  return Array.from({ length: partners }, (_, i) => {
    const base = BASE_PROFILES[i % BASE_PROFILES.length]!;
    const id = `scale-${String(i + 1).padStart(2, '0')}-${base.partner.id.split('-')[0]}`;
    const profile: PartnerProfile = { ...base, partner: { ...base.partner, id, name: `${base.partner.name} (${i + 1})` }, edgeCases: [] };
    return generatePartnerCatalog(profile, perPartner, seed + i);
  });
}
