import { render } from 'preact';
import { App } from './app.js';
import { loadDemoPersonas, personaSession, rememberedPersona, type DemoPersona } from './session/demo-personas.js';
import { ANONYMOUS, loadSettings, type Session } from './session/session.js';

// Start-up: the gateway's settings, then who the explorer acts as (a sign-in the issuer just
// returned from, or the demo persona chosen earlier in this tab), then the page.

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  try {
    const settings = await loadSettings();
    let personas: DemoPersona[] = [];
    let session: Session = ANONYMOUS;
    if (settings.oidc) {
      const { resumeOidcSession } = await import('./session/oidc-sign-in.js');
      session = (await resumeOidcSession(settings.oidc)) ?? ANONYMOUS;
    } else if (settings.demoPersonas) {
      personas = await loadDemoPersonas();
      session = personaSession(personas, rememberedPersona());
    }
    // The "Loading" line goes: render() would keep it next to the app.
    root.replaceChildren();
    render(<App settings={settings} personas={personas} initialSession={session} />, root);
  } catch (error) {
    root.textContent = `The explorer could not start: ${(error as Error).message}`;
  }
}

void start();
