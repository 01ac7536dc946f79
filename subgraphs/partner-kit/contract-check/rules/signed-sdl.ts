import type { DocumentNode } from 'graphql';
import { failure, partnerText, type Finding } from '../finding.js';
import { firstError, SDL_QUERY } from '../refusal.js';
import type { PartnerResponse } from '../partner-client.js';
import { parseSdl, SdlSyntaxError } from '../sdl-model.js';
import type { RuleInfo } from '../rule.js';
import { VERIFY_SIGNATURES } from './signature-remedy.js';

// The partner's SDL, read as composition reads it: `_service { sdl }` in a request signed with the
// partner's key. Every SDL rule compares what this returns; if it fails, they cannot run.

export const signedSdl: RuleInfo = {
  id: 'signed-sdl',
  title: 'the SDL is served to a signed request (_service { sdl })',
};

export const SIGNED_SDL_WHERE = `signed POST ${SDL_QUERY}`;

export interface SdlAnswer {
  sdl: string;
  document: DocumentNode;
}

/** The SDL in the answer, or what is wrong with the answer. `keySource` names where the key came from. */
export function readSdlAnswer(response: PartnerResponse, keySource: string): SdlAnswer | Finding[] {
  const where = SIGNED_SDL_WHERE;
  const expected = 'HTTP 200 with data._service.sdl';
  if (response.status === 401 || response.status === 403) {
    return [failure({
      where, expected, found: `HTTP ${response.status}${firstError(response)}`,
      fix: `give the partner the key in ${keySource}, or give the checker the partner's: its signature was refused. If the keys are the same, ${VERIFY_SIGNATURES}`,
    })];
  }
  if (!response.body) {
    return [failure({
      where, expected, found: `HTTP ${response.status}, not JSON (${partnerText(response.contentType || 'no content type', 60)})`,
      fix: 'give --url the partner\'s GraphQL endpoint itself (e.g. https://partner.example.org/graphql), which answers POST requests with JSON',
    })];
  }
  const sdl = (response.body.data?._service as { sdl?: unknown } | null | undefined)?.sdl;
  if (response.status !== 200 || typeof sdl !== 'string') {
    return [failure({
      where, expected, found: `HTTP ${response.status}${firstError(response) || ' without data._service.sdl'}`,
      fix: 'serve Federation\'s `_service { sdl }` to signed requests: every Federation 2 library does (e.g. buildSubgraphSchema of @apollo/subgraph)',
    })];
  }
  try {
    return { sdl, document: parseSdl(sdl) };
  } catch (error) {
    if (!(error instanceof SdlSyntaxError)) throw error;
    return [failure({ where, expected: 'an SDL that parses', found: partnerText(error.message), fix: 'serve the SDL your server runs, as text that parses as GraphQL' })];
  }
}
