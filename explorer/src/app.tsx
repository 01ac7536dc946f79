import { Provider } from '@urql/preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { graphqlClient } from './graphql/client.js';
import { routeOf, type Route } from './routing.js';
import type { DemoPersona } from './session/demo-personas.js';
import { anonymousBecause, type ExplorerSettings, type Session } from './session/session.js';
import { expiredNotice, LONGEST_TIMER_MS, msUntilExpiry, refusedNotice } from './session/session-end.js';
import { SessionControl } from './session/session-control.js';
import { isBoard, stewardPartners } from './session/token-claims.js';
import { SearchPage } from './search/search-page.js';
import { DatasetPage } from './dataset/dataset-page.js';
import { MyRequestsPage } from './governance/my-requests-page.js';
import { InboxPage } from './governance/inbox-page.js';
import { BoardPage } from './governance/board-page.js';
import { AuditPage } from './governance/audit-page.js';
import { MyAccessPage } from './governance/my-access-page.js';
import { TrustPage } from './governance/trust-page.js';
import { SuspensionsPage } from './governance/suspensions-page.js';

interface AppProps {
  settings: ExplorerSettings;
  personas: DemoPersona[];
  initialSession: Session;
}

function useRoute(): Route {
  const [hash, setHash] = useState(() => location.hash);
  useEffect(() => {
    const follow = () => setHash(location.hash);
    addEventListener('hashchange', follow);
    // The hash may have changed between the first render and this effect, when nothing listened:
    // a link followed while the page was still starting would otherwise be lost.
    follow();
    return () => removeEventListener('hashchange', follow);
  }, []);
  return useMemo(() => routeOf(hash), [hash]);
}

export function App({ settings, personas, initialSession }: AppProps) {
  const [session, setSession] = useState(initialSession);
  const route = useRoute();
  /** Ends the session of `token` with a notice; one chosen since then is left as it is. */
  const end = (token: string | null, notice: (current: Session) => string) => setSession((current) => {
    if (current.token !== token) return current;
    // A person signed in with the issuer is forgotten in this tab too, so that a reload does not bring the token back.
    if (current.kind === 'oidc' && settings.oidc) void import('./session/oidc-sign-in.js').then((m) => m.forgetUser(settings.oidc!));
    return anonymousBecause(notice(current));
  });
  const client = useMemo(
    () => graphqlClient(settings.graphqlPath, session.token, (reason) => end(session.token, (current) => refusedNotice(current, reason))),
    [settings.graphqlPath, session.token],
  );
  // The session ends when its token expires, whether or not a query is under way then; a wait
  // longer than a browser timer allows is taken in steps.
  useEffect(() => {
    const ms = session.token ? msUntilExpiry(session.view, Date.now()) : null;
    if (ms === null) return;
    const timer = setTimeout(() => (ms >= LONGEST_TIMER_MS ? setSession((current) => (current === session ? { ...current } : current)) : end(session.token, expiredNotice)), ms);
    return () => clearTimeout(timer);
  }, [session]);
  const steward = stewardPartners(session.view);
  const board = isBoard(session.view);
  // Each link only for those the gateway lets use the page; the gateway still decides every operation.
  const link = (href: string, label: string, ...pages: Route['page'][]): [string, string, boolean] => [href, label, pages.includes(route.page)];
  const links: [string, string, boolean][] = [
    link('#/', 'Search', 'search', 'dataset'),
    ...(session.token ? [link('#/requests', 'My requests', 'requests'), link('#/access', 'My access', 'access')] : []),
    ...(steward.length ? [link('#/inbox', 'Steward inbox', 'inbox'), link('#/trust', 'Trust marks', 'trust'), link('#/audit', 'Audit', 'audit')] : []),
    ...(board ? [link('#/board', 'Board', 'board'), link('#/suspensions', 'Suspensions', 'suspensions')] : []),
  ];
  return (
    <Provider value={client}>
      <a class="skip-link" href="#main">Skip to content</a>
      <header class="site-header">
        <a class="brand" href="#/">Concord</a>
        <nav aria-label="Main">
          <ul>
            {links.map(([href, label, current]) => (
              <li key={href}><a href={href} aria-current={current ? 'page' : undefined}>{label}</a></li>
            ))}
            <li><a href="/graphiql">GraphiQL</a></li>
          </ul>
        </nav>
        <SessionControl settings={settings} personas={personas} session={session} onChange={setSession} />
      </header>
      {/* A new session is a new person: every page starts again with what they may see. */}
      <main id="main" tabIndex={-1} key={session.name}>
        <Page route={route} session={session} />
      </main>
    </Provider>
  );
}

function Page({ route, session }: { route: Route; session: Session }) {
  switch (route.page) {
    case 'search':
      return <SearchPage params={route.params} />;
    case 'dataset':
      return <DatasetPage id={route.id} session={session} />;
    case 'requests':
      return <MyRequestsPage session={session} />;
    case 'access':
      return <MyAccessPage session={session} />;
    case 'trust':
      return <TrustPage session={session} />;
    case 'suspensions':
      return <SuspensionsPage session={session} />;
    case 'inbox':
      return <InboxPage session={session} />;
    case 'board':
      return <BoardPage session={session} />;
    case 'audit':
      return <AuditPage session={session} datasetId={route.datasetId} />;
  }
}
