import { useState } from 'preact/hooks';
import type { DemoPersona } from './demo-personas.js';
import { personaSession, rememberPersona } from './demo-personas.js';
import type { ExplorerSettings, Session } from './session.js';

interface Props {
  settings: ExplorerSettings;
  personas: DemoPersona[];
  session: Session;
  onChange(session: Session): void;
}

/** The demo's persona switcher, clearly marked as the local demo's, or the OpenID Connect sign-in. */
export function SessionControl({ settings, personas, session, onChange }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { oidc } = settings;
  if (personas.length > 0) {
    return (
      <div class="session demo">
        {session.notice ? <p class="error" role="alert" data-session-ended>{session.notice}</p> : null}
        <label for="persona">
          <span class="demo-badge">Demo only</span> Acting as
        </label>
        <select
          id="persona"
          value={session.name}
          onChange={(event) => {
            const name = (event.currentTarget as HTMLSelectElement).value;
            rememberPersona(name);
            onChange(personaSession(personas, name));
          }}
        >
          <option value="anonymous">anonymous (no token)</option>
          {personas.map((p) => <option key={p.name} value={p.name}>{p.name}</option>)}
        </select>
      </div>
    );
  }
  if (!oidc) return <div class="session">Not signed in (no identity provider configured)</div>;
  const act = async (what: 'in' | 'out') => {
    setBusy(true);
    setProblem(null);
    try {
      const { signIn, signOut } = await import('./oidc-sign-in.js');
      await (what === 'in' ? signIn(oidc) : signOut(oidc));
    } catch {
      // The issuer's discovery document could not be read (issuer down, or not allowed by CORS).
      setProblem(`${what === 'in' ? 'Sign-in' : 'Sign-out'} failed: the identity provider could not be reached. Try again later.`);
      setBusy(false);
    }
  };
  const notice = problem ?? session.notice;
  return (
    <div class="session">
      {notice ? <p class="error" role="alert" data-sign-in-problem>{notice}</p> : null}
      {session.token ? (
        <>
          <span>Signed in as {session.name}</span>
          <button type="button" disabled={busy} onClick={() => void act('out')}>Sign out</button>
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => void act('in')}>Sign in</button>
      )}
    </div>
  );
}
