import { failure, partnerText, warning, type Finding } from './finding.js';
import type { PartnerResponse } from './partner-client.js';

// How the refusal checks read an answer. Each probe asks for the SDL (`_service { sdl }`), the one
// field every Federation subgraph serves: the partner served the request when the answer holds it,
// and refused it otherwise, whatever status or error it chose (Concord's own subgraphs answer 401,
// runtime/http-server.ts). A refusal with a server error is still a refusal, but a poor one.

export const SDL_QUERY = '{ _service { sdl } }';

export function servedSdl(response: PartnerResponse): boolean {
  const service = response.body?.data?._service;
  return response.status >= 200 && response.status < 300 && typeof (service as { sdl?: unknown } | null | undefined)?.sdl === 'string';
}

export interface RefusalProbe {
  /** The request, in words: "POST without signature headers". */
  where: string;
  /** Why serving it is dangerous, for the fix. */
  danger: string;
  /** What the partner must do. */
  remedy: string;
}

export function judgeRefusal(probe: RefusalProbe, response: PartnerResponse): Finding[] {
  if (servedSdl(response)) {
    return [failure({
      where: probe.where,
      expected: 'refused (HTTP 401)',
      found: `HTTP ${response.status} with the SDL: the request was served`,
      fix: `${probe.remedy}: ${probe.danger}`,
    })];
  }
  if (response.status >= 500 && response.status !== 503) {
    return [warning({
      where: probe.where,
      expected: 'refused with HTTP 401 and a reason',
      found: `HTTP ${response.status}${firstError(response)}`,
      fix: 'refuse the request before executing it, with HTTP 401 (runtime/http-server.ts does): a server error hides why it was refused',
    })];
  }
  return [];
}

/** The partner's first error message, made safe to print, or nothing. */
export function firstError(response: PartnerResponse): string {
  const message = response.body?.errors?.[0]?.message;
  if (typeof message === 'string') return `: ${partnerText(message)}`;
  return response.body ? '' : `: ${partnerText(response.text || '(empty body)', 80)}`;
}
