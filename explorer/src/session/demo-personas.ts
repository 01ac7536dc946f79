import { ANONYMOUS, sessionOf, type Session } from './session.js';

// The demo personas (README "One query, five personas"), whose tokens the gateway hands out only
// when `npm start` runs it with the demo identity provider. The choice survives a reload of the tab.

export interface DemoPersona { name: string; token: string }

const CHOSEN = 'concord-explorer-persona';

export async function loadDemoPersonas(): Promise<DemoPersona[]> {
  const response = await fetch('/explorer/demo-personas.json', { headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  const body = (await response.json()) as { personas?: DemoPersona[] };
  return body.personas ?? [];
}

export function personaSession(personas: readonly DemoPersona[], name: string): Session {
  const persona = personas.find((p) => p.name === name);
  return persona ? sessionOf('demo', persona.name, persona.token) : ANONYMOUS;
}

export function rememberPersona(name: string): void {
  sessionStorage.setItem(CHOSEN, name);
}

export function rememberedPersona(): string {
  return sessionStorage.getItem(CHOSEN) ?? 'anonymous';
}
