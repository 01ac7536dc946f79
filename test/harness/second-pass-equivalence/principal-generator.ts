import { principalFromClaims, type TokenClaims } from '../../../schema/identity-claims.js';
import { DUO_TERMS } from '../../../schema/duo-terms.js';
import {
  ANONYMOUS, CONSORTIUM_DUA, MEMBER_SCOPE, institutionScope, partnerScope, stewardScope,
  type Grant, type Principal,
} from '../../../schema/policy/principal.js';
import { AFFILIATIONS, PURPOSE_CATEGORIES } from '../../../schema/vocabulary.js';
import { PERSONA_NAMES, personaClaims, type PersonaName } from '../../../subgraphs/demo/demo-personas.js';
import type { Random } from './random.js';
import type { World } from './world.js';

/** Who asks, and what the grant store holds for them: grants, a suspension, or a store that cannot be read. */
export interface GeneratedPrincipal {
  /** How the principal came about, for the failure report. */
  label: string;
  /** The token's claims; null for the anonymous principal. */
  claims: TokenClaims | null;
  principal: Principal;
  storeGrants: readonly Grant[] | 'unavailable' | 'suspended';
}

const DAY_MS = 86_400_000;
const INSTITUTIONS = ['uni-leiden', 'acme-analytics'] as const;

/** The values the world's use conditions name (diseases, projects, users, institutions), so that some purposes match. */
export interface ClaimVocabulary {
  diseaseIds: readonly string[];
  projects: readonly string[];
  users: readonly string[];
  organisations: readonly string[];
}

export function claimVocabulary(world: World): ClaimVocabulary {
  const diseaseIds = new Set<string>(['MONDO:0000001']);
  const projects = new Set<string>(['unlisted project']);
  const users = new Set<string>(['demo-researcher']);
  const organisations = new Set<string>([...world.partnerIds, ...INSTITUTIONS]);
  for (const dataset of world.datasets) {
    for (const condition of dataset.useConditions as { code: string; diseaseId: string | null; allowed: string[] | null }[]) {
      if (condition.diseaseId) diseaseIds.add(condition.diseaseId);
      for (const allowed of condition.allowed ?? []) {
        if (condition.code === 'PS') projects.add(allowed);
        else if (condition.code === 'US') users.add(allowed);
        else organisations.add(allowed);
      }
    }
  }
  return { diseaseIds: [...diseaseIds].sort(), projects: [...projects].sort(), users: [...users].sort(), organisations: [...organisations].sort() };
}

/**
 * ANONYMOUS, each demo persona as the demo issues it, and mutations of them: random scope subsets,
 * organisations with and without the scope that vouches for them, other purposes and accepted
 * terms, grants (token and store) on random datasets of the world, some expired.
 */
export function generatePrincipal(random: Random, world: World, vocabulary: ClaimVocabulary, now: Date): GeneratedPrincipal {
  const roll = random.next();
  if (roll < 0.12) return { label: 'anonymous', claims: null, principal: ANONYMOUS, storeGrants: [] };
  const personas = PERSONA_NAMES.filter((n): n is Exclude<PersonaName, 'anonymous'> => n !== 'anonymous');
  const persona = random.pick(personas);
  const base = personaClaims(persona, now.getTime())!;
  if (roll < 0.4) return finish(`persona ${persona}`, base, random, world, now, vocabulary, false);
  return finish(`mutated ${persona}`, mutate(base, random, world, vocabulary, now), random, world, now, vocabulary, true);
}

function mutate(base: TokenClaims, random: Random, world: World, vocabulary: ClaimVocabulary, now: Date): TokenClaims {
  const claims: TokenClaims = { ...base };
  if (random.chance(0.7)) {
    const pool = [
      MEMBER_SCOPE,
      ...world.partnerIds.flatMap((p) => [partnerScope(p), stewardScope(p)]),
      ...INSTITUTIONS.map(institutionScope),
      // An institution scope carrying a partner's id vouches for nothing a partner is given.
      institutionScope(random.pick(world.partnerIds)),
    ];
    claims.scope = random.subset(pool, 0.25).join(' ');
  }
  if (random.chance(0.5)) {
    const org = random.pick<string | undefined>([undefined, ...vocabulary.organisations]);
    if (org === undefined) delete claims.org;
    else claims.org = org;
  }
  if (random.chance(0.4)) {
    const affiliation = random.pick([undefined, ...AFFILIATIONS]);
    if (affiliation === undefined) delete claims.affiliation;
    else claims.affiliation = affiliation;
  }
  if (random.chance(0.3)) claims.country = random.pick(['NL', 'DE', 'GB', 'US', 'CH', 'FI']);
  if (random.chance(0.3)) claims.sub = random.pick(vocabulary.users);
  if (random.chance(0.6)) {
    const terms = [CONSORTIUM_DUA, ...world.licenceIds, ...DUO_TERMS.filter((t) => ['PUB', 'COL', 'RTN', 'MOR', 'IRB'].includes(t.shorthand)).map((t) => t.id)];
    claims.accepted_terms = random.subset(terms, 0.4);
  }
  if (random.chance(0.6)) {
    if (random.chance(0.1)) {
      delete claims.purpose;
    } else {
      const category = random.pick(PURPOSE_CATEGORIES);
      claims.purpose = {
        category,
        ...(category === 'disease' ? { disease_id: random.pick(vocabulary.diseaseIds) } : {}),
        genetic: random.chance(0.3),
        commercial: random.chance(0.3),
        ethics_approval: random.chance(0.5),
        ...(random.chance(0.3) ? { project: random.pick(vocabulary.projects) } : {}),
      };
    }
  }
  if (random.chance(0.6)) {
    claims.grants = Array.from({ length: random.int(0, 4) }, () => ({
      dataset: random.pick(world.datasets).id,
      expires: Math.floor((now.getTime() + random.int(-60, 200) * DAY_MS) / 1000),
    }));
  }
  return claims;
}

function finish(
  label: string, claims: TokenClaims, random: Random, world: World, now: Date, vocabulary: ClaimVocabulary, withStore: boolean,
): GeneratedPrincipal {
  const { principal } = principalOf(label, claims);
  let storeGrants: GeneratedPrincipal['storeGrants'] = [];
  if (withStore && random.chance(0.06)) {
    storeGrants = 'unavailable';
  } else if (withStore && random.chance(0.04)) {
    storeGrants = 'suspended';
  } else if (withStore && random.chance(0.5)) {
    storeGrants = Array.from({ length: random.int(1, 3) }, (): Grant => ({
      datasetId: random.pick(world.datasets).id,
      grantee: random.chance(0.5) && principal.subject
        ? { kind: 'person', subject: principal.subject }
        : { kind: 'organisation', organisation: random.pick(vocabulary.organisations) },
      expiresAt: now.getTime() + random.int(-30, 120) * DAY_MS,
      source: 'store',
      // An approved request records the licences its requester accepted (the licence rule counts them).
      ...(random.chance(0.4) ? { id: `grant-${random.int(1, 10_000)}`, acceptedTerms: [random.pick(world.licenceIds)] } : {}),
    }));
  }
  return { label, claims, principal, storeGrants };
}

/** A principal written out by hand: the anonymous one (claims null) or one whose token holds these claims. */
export function principalOf(label: string, claims: TokenClaims | null, storeGrants: GeneratedPrincipal['storeGrants'] = []): GeneratedPrincipal {
  if (claims === null) return { label, claims, principal: ANONYMOUS, storeGrants };
  const parsed = principalFromClaims(claims);
  if (!parsed.ok) throw new Error(`claims for ${label} are refused: ${parsed.reason}`);
  return { label, claims, principal: parsed.principal, storeGrants };
}
